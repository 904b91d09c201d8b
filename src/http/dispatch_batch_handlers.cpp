#include "http/dispatch_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/dispatch_sheets.hpp"
#include "store/batch_repository.hpp"

namespace bangfu::http::dispatch_batches {

Response list(Context& ctx) {
    return page_json(store::batches::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Batch& x) { return core::to_json(x); });
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::batches::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Batch x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::batches::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::batches::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::batches::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::batches::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns.assign(std::begin(report::batches_numeric_columns),
                             std::end(report::batches_numeric_columns));
    return xlsx_response(report::batches_table(all_rows(page), ctx.lang()),
                         en ? "Batches" : "支教批次", en ? "dispatch-batches" : "支教批次", o);
}

}  // namespace bangfu::http::dispatch_batches
