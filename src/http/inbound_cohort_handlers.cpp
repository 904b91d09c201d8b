#include "http/beneficiaries_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/beneficiary_sheets.hpp"
#include "store/inbound_cohort_repository.hpp"

namespace bangfu::http::inbound_cohorts {

Response list(Context& ctx) {
    return page_json(store::inbound_cohorts::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::InboundCohort& x) { return core::to_json(x); });
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::inbound_cohorts::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::InboundCohort x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::inbound_cohorts::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::inbound_cohorts::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::inbound_cohorts::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::inbound_cohorts::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::inbound_cohorts_table(all_rows(page), ctx.lang()),
                         en ? "Inbound students" : "异地就读学生",
                         en ? "inbound-students" : "异地就读学生");
}

Response stats(Context& ctx) {
    return Response::json(store::inbound_cohorts::to_json(
        store::inbound_cohorts::stats(ctx.conn(), ctx.who(), list_query(ctx))));
}

}  // namespace bangfu::http::inbound_cohorts
