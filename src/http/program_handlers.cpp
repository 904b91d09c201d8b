#include "http/handler_util.hpp"
#include "http/programs_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/programs_sheets.hpp"
#include "store/program_repository.hpp"

namespace bangfu::http::programs {

namespace {
boost::json::value program_json(const core::Program& x) {
    return core::to_json(x);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::programs::list(ctx.conn(), ctx.who(), list_query(ctx)), program_json);
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::programs::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Program x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::programs::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::programs::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    if (store::programs::remove(ctx.conn(), ctx.who(), path_id(ctx)) ==
        store::programs::Removal::archived)
        return Response::json({{"archived", true}});
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::programs::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::programs_table(all_rows(page), ctx.lang()),
                         en ? "Programs" : "帮扶项目", en ? "programs" : "帮扶项目");
}

}  // namespace bangfu::http::programs
