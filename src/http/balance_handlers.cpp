#include "http/balance_handlers.hpp"

#include "core/balance.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/balance_sheets.hpp"
#include "report/xlsx_writer.hpp"
#include "store/balance_repository.hpp"
#include "store/balance_sheet_repository.hpp"
#include "store/clock.hpp"

namespace bangfu::http::balance {

namespace {

std::string query_value(const Context& ctx, const std::string& name) {
    auto it = ctx.request.query.find(name);
    return it == ctx.request.query.end() ? std::string() : it->second;
}

// ?school_year=2025-2026 (or 2025); absent: nullopt.
std::optional<std::int64_t> school_year_param(const Context& ctx, const std::string& name) {
    auto text = query_value(ctx, name);
    if (text.empty()) return std::nullopt;
    if (auto y = core::balance::parse_school_year(text)) return y;
    if (text.size() == 4) return store::parse_year_filter(name, text);
    store::bad_parameter(name, {"应为学年，如 2025-2026", "must be a school year, e.g. 2025-2026"});
}

// ?year=2025 (the school year 2025-2026), or ?school_year=2025-2026; the current one by default.
std::int64_t year_param(const Context& ctx) {
    if (auto y = school_year_param(ctx, "year")) return *y;
    if (auto y = school_year_param(ctx, "school_year")) return *y;
    return store::balance::current_school_year();
}

}  // namespace

Response county(Context& ctx) {
    auto f =
        store::balance::county(ctx.conn(), ctx.who(), query_value(ctx, "region"), year_param(ctx));
    return Response::json(store::balance::to_json(f, ctx.lang()));
}

Response counties(Context& ctx) {
    auto f = store::balance::counties(ctx.conn(), ctx.who(), query_value(ctx, "region"),
                                      year_param(ctx));
    return Response::json(store::balance::to_json(f, ctx.lang()));
}

Response trend(Context& ctx) {
    return Response::json(store::balance::county_trend(ctx.conn(), ctx.who(),
                                                       query_value(ctx, "region"), ctx.lang()));
}

Response get_policy(Context& ctx) {
    return Response::json(core::balance::to_json(
        store::balance::get_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"))));
}

Response put_policy(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::balance::to_json(
        store::balance::put_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"), body)));
}

Response delete_policy(Context& ctx) {
    return Response::json(core::balance::to_json(
        store::balance::delete_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"))));
}

Response get_conditions(Context& ctx) {
    auto v = store::balance::get_conditions(ctx.conn(), ctx.who(), path_id(ctx),
                                            school_year_param(ctx, "school_year"));
    return Response::json(store::balance::to_json(v, ctx.lang()));
}

Response put_conditions(Context& ctx) {
    auto id = path_id(ctx);
    auto body = json_body(ctx);
    auto v = store::balance::put_conditions(ctx.conn(), ctx.who(), id,
                                            school_year_param(ctx, "school_year"), body);
    return Response::json(store::balance::to_json(v, ctx.lang()));
}

Response delete_conditions(Context& ctx) {
    store::balance::delete_conditions(ctx.conn(), ctx.who(), path_id(ctx),
                                      school_year_param(ctx, "school_year"));
    return Response::no_content();
}

Response school(Context& ctx) {
    return Response::json(
        store::balance::school_trend(ctx.conn(), ctx.who(), path_id(ctx), ctx.lang()));
}

Response conditions_template(Context&) {
    return Response::file(report::balance_conditions_template(),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "办学条件导入模板.xlsx");
}

Response conditions_import(Context& ctx) {
    auto u = read_import(ctx);
    auto default_year = school_year_param(ctx, "school_year");
    return import_answer(
        ctx, u,
        report::import_balance_conditions(ctx.conn(), ctx.who(), u.table, u.mode, default_year));
}

Response conditions_export(Context& ctx) {
    auto year = school_year_param(ctx, "school_year");
    if (!year) year = school_year_param(ctx, "year");
    auto rows =
        store::balance::list_conditions(ctx.conn(), ctx.who(), query_value(ctx, "region"), year);
    report::XlsxOptions o;
    o.numeric_columns = {1, 3, 4, 5, 6, 7, 8, 9, 11};
    o.money_columns = {10};
    return xlsx_response(report::balance_conditions_table(rows), "办学条件",
                         "办学条件" + (year ? "-" + core::balance::format_school_year(*year) : ""),
                         o);
}

Response county_export(Context& ctx) {
    auto f =
        store::balance::county(ctx.conn(), ctx.who(), query_value(ctx, "region"), year_param(ctx));
    bool en = ctx.lang() == "en";
    auto name = (en ? "balance-" + f.region.code : f.region.name + "优质均衡") + "-" +
                core::balance::format_school_year(f.year) + ".xlsx";
    return Response::file(report::write_xlsx_workbook(report::balance_county_sheets(f, ctx.lang())),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          name);
}

}  // namespace bangfu::http::balance
