#include "http/dispatch_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/dispatch_sheets.hpp"
#include "store/dispatch_policy_repository.hpp"
#include "store/dispatch_report_repository.hpp"

namespace bangfu::http::dispatch_reports {

Response workload(Context& ctx) {
    auto rows = store::dispatch_reports::workload(ctx.conn(), ctx.who(), export_query(ctx));
    auto lang = ctx.lang();
    // The sums of every row (the table's total line), whatever page is asked for.
    std::int64_t days = 0, recipient_hours = 0, home_hours = 0, total_hours = 0;
    for (const auto& r : rows) {
        days += r.days;
        recipient_hours += r.recipient_hours;
        home_hours += r.home_hours;
        total_hours += r.total_hours;
    }
    return rows_page_json(
        ctx, rows, [&lang](const auto& r) { return store::dispatch_reports::to_json(r, lang); },
        {{"totals",
          {{"days", days},
           {"recipient_hours", recipient_hours},
           {"home_hours", home_hours},
           {"total_hours", total_hours}}}});
}

Response workload_xlsx(Context& ctx) {
    auto rows = store::dispatch_reports::workload(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns.assign(std::begin(report::workload_numeric_columns),
                             std::end(report::workload_numeric_columns));
    return xlsx_response(report::workload_table(rows, ctx.lang()), en ? "Workload" : "支教工作量",
                         en ? "dispatch-workload" : "支教工作量", o);
}

Response statistics(Context& ctx) {
    return Response::json(store::dispatch_reports::to_json(
        store::dispatch_reports::statistics(ctx.conn(), ctx.who(), export_query(ctx)), ctx.lang()));
}

Response statistics_xlsx(Context& ctx) {
    auto s = store::dispatch_reports::statistics(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns.assign(std::begin(report::statistics_numeric_columns),
                             std::end(report::statistics_numeric_columns));
    return xlsx_response(report::statistics_table(s, ctx.lang()),
                         en ? "Dispatch statistics" : "支教统计",
                         en ? "dispatch-statistics" : "支教统计", o);
}

Response get_policy(Context& ctx) {
    return Response::json(
        core::to_json(store::dispatch_policies::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response put_policy(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::dispatch_policies::put(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

}  // namespace bangfu::http::dispatch_reports
