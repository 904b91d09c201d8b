#include "http/handler_util.hpp"
#include "http/programs_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/programs_sheets.hpp"
#include "store/inspection_repository.hpp"

namespace bangfu::http::inspections {

namespace {
boost::json::value inspection_json(const core::Inspection& x) {
    return core::to_json(x);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::inspections::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     inspection_json);
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::inspections::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Inspection x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::inspections::create(ctx.conn(), ctx.who(), x, e)),
                          201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::inspections::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::inspections::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::inspections::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::inspections_table(all_rows(page), ctx.lang()),
                         en ? "Inspections" : "检查督导", en ? "inspections" : "检查督导记录");
}

}  // namespace bangfu::http::inspections
