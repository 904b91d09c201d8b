#include "http/appraisal_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/appraisal_sheets.hpp"
#include "store/rural_credit_repository.hpp"

namespace bangfu::http::rural_credit {

namespace {
// A required query parameter, or a 400 naming it.
const std::string& required(const Context& ctx, const std::string& name, core::Text message) {
    auto it = ctx.request.query.find(name);
    if (it == ctx.request.query.end() || it->second.empty()) store::bad_parameter(name, message);
    return it->second;
}

store::rural_credit::TitleEvaluation report(Context& ctx) {
    auto region = required(ctx, "region", {"请选择行政区划", "region is required"});
    auto year = store::parse_id_filter(
        "year", required(ctx, "year", {"请填写评审年度", "year is required"}));
    return store::rural_credit::title_evaluation(ctx.conn(), ctx.who(), region, year);
}
}  // namespace

Response staff(Context& ctx) {
    auto id = store::parse_id_filter("staff",
                                     required(ctx, "staff", {"请选择教职工", "staff is required"}));
    return Response::json(
        store::rural_credit::to_json(store::rural_credit::credit(ctx.conn(), ctx.who(), id)));
}

Response title_evaluation(Context& ctx) {
    return Response::json(store::rural_credit::to_json(report(ctx)));
}

Response title_evaluation_xlsx(Context& ctx) {
    auto r = report(ctx);
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = {3, 4};
    return xlsx_response(report::title_evaluation_table(r, ctx.lang()),
                         en ? "Title evaluation" : "职称评审",
                         en ? "title-evaluation-rural-service" : "职称评审农村任教经历", o);
}

}  // namespace bangfu::http::rural_credit
