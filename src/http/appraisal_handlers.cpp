#include "http/appraisal_handlers.hpp"

#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/appraisal_sheets.hpp"
#include "store/appraisal_repository.hpp"

namespace bangfu::http::appraisals {

namespace {
boost::json::value appraisal_json(const core::Appraisal& x) {
    return core::to_json(x);
}

Response step(Context& ctx, core::AppraisalAction action) {
    auto id = path_id(ctx);
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::appraisals::step(ctx.conn(), ctx.who(), id, action, body)));
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::appraisals::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     appraisal_json);
}

Response export_xlsx(Context& ctx) {
    auto page = store::appraisals::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = {4};
    return xlsx_response(report::appraisals_table(all_rows(page), ctx.lang()),
                         en ? "Appraisals" : "考核", en ? "appraisals" : "支教考核", o);
}

Response waiting(Context& ctx) {
    return page_json(store::appraisals::waiting(ctx.conn(), ctx.who(), list_query(ctx)),
                     appraisal_json);
}

// The appraisal with what the current user may do on it: `my_step` (self, rate, sender,
// approve or null) and `may_reopen`.
Response waiting_xlsx(Context& ctx) {
    auto page = store::appraisals::waiting(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = {4};
    return xlsx_response(report::appraisals_table(all_rows(page), ctx.lang()),
                         en ? "Waiting for me" : "待我处理",
                         en ? "appraisals-waiting" : "待我处理的考核", o);
}

Response get(Context& ctx) {
    auto x = store::appraisals::get(ctx.conn(), ctx.who(), path_id(ctx));
    auto allowed = store::appraisals::allowed(ctx.conn(), ctx.who(), x);
    auto o = core::to_json(x);
    o["my_step"] = allowed.step ? boost::json::value(core::action_name(*allowed.step))
                                : boost::json::value(nullptr);
    o["may_reopen"] = allowed.may_reopen;
    return Response::json(o);
}

Response events(Context& ctx) {
    boost::json::array items;
    for (const auto& e : store::appraisals::events(ctx.conn(), ctx.who(), path_id(ctx)))
        items.push_back(core::to_json(e));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(store::appraisals::create(ctx.conn(), ctx.who(), body)),
                          201);
}

Response launch(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        boost::json::object{{"started", store::appraisals::launch(ctx.conn(), ctx.who(), body)}});
}

Response self(Context& ctx) {
    return step(ctx, core::AppraisalAction::self);
}
Response rate(Context& ctx) {
    return step(ctx, core::AppraisalAction::rate);
}
Response sender(Context& ctx) {
    return step(ctx, core::AppraisalAction::sender);
}
Response approve(Context& ctx) {
    return step(ctx, core::AppraisalAction::approve);
}

Response reopen(Context& ctx) {
    auto id = path_id(ctx);
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::appraisals::reopen(ctx.conn(), ctx.who(), id, body)));
}

}  // namespace bangfu::http::appraisals
