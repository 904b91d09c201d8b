#include "core/pairing_work_summary.hpp"
#include "core/people_helped_summary.hpp"
#include "core/report_print.hpp"
#include "core/yearly_report.hpp"
#include "http/handler_util.hpp"
#include "http/reports_handlers.hpp"
#include "report/summary_writers.hpp"
#include "store/clock.hpp"
#include "store/report_dashboard.hpp"
#include "store/yearly_report_repository.hpp"

namespace bangfu::http::reports {

namespace {
const std::string& required(const Context& ctx, const std::string& name) {
    auto it = ctx.request.query.find(name);
    if (it == ctx.request.query.end() || it->second.empty())
        store::bad_parameter(name, {"必须填写", "is required"});
    return it->second;
}

// ?scope=program:ID|region:CODE|institution:ID&year=Y, each refused with its own message.
std::pair<core::report::Scope, int> scope_and_year(const Context& ctx) {
    core::Text why;
    auto scope = core::report::parse_scope(required(ctx, "scope"), &why);
    if (!scope) store::bad_parameter("scope", why);
    auto year = core::report::parse_year(required(ctx, "year"), &why);
    if (!year) store::bad_parameter("year", why);
    return {*scope, *year};
}

// The report's language: ?lang= when given, else the request's (Accept-Language).
std::string report_lang(const Context& ctx) {
    auto it = ctx.request.query.find("lang");
    if (it == ctx.request.query.end()) return ctx.lang();
    if (it->second != "zh" && it->second != "en")
        store::bad_parameter("lang", {"应为 zh 或 en", "must be zh or en"});
    return it->second;
}

std::string text_field(const boost::json::object& body, std::string_view name,
                       core::FieldErrors& errors) {
    auto* v = body.if_contains(name);
    if (!v || v->is_null()) return "";
    if (!v->is_string()) {
        errors[std::string(name)] = {"应为文本", "must be text"};
        return "";
    }
    return std::string(v->get_string());
}

boost::json::object written_json(const core::report::Report& r) {
    return {{"scope", r.scope.text()},
            {"year", r.year},
            {"locked", r.locked},
            {"locked_at", r.locked ? boost::json::value(r.locked_at) : nullptr},
            {"feelings", r.written.feelings},
            {"shortcomings", r.written.shortcomings},
            {"next_steps", r.written.next_steps}};
}

Response decide(Context& ctx, bool grant) {
    auto body = ctx.request.body.empty() ? boost::json::object{} : json_body(ctx);
    core::FieldErrors errors;
    auto note = text_field(body, "note", errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    return Response::json(store::reports::to_json(
        store::reports::decide_unlock(ctx.conn(), ctx.who(), path_id(ctx), grant, note),
        ctx.lang()));
}
}  // namespace

Response summary(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    auto lang = report_lang(ctx);
    std::string format = "json";
    if (auto it = ctx.request.query.find("format"); it != ctx.request.query.end())
        format = it->second;
    if (format != "json" && format != "html" && format != "docx" && format != "xlsx")
        store::bad_parameter("format",
                             {"应为 json、html、docx 或 xlsx", "must be json, html, docx or xlsx"});
    auto r = store::reports::summary(ctx.conn(), ctx.who(), scope, year);
    // The JSON is the web preview: its tables as printed (long ones grouped, with a note); the
    // workbook (format=xlsx) holds every row.
    if (format == "json")
        return Response::json(core::report::to_json(core::report::for_print(r), lang));
    auto stem = core::report::report_title(r).in(lang);
    if (format == "html") {
        Response res;
        res.content_type = "text/html; charset=utf-8";
        res.body = report::write_summary_html(r, lang);
        return res;
    }
    if (format == "docx")
        return Response::file(
            report::write_docx(r, lang),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            stem + ".docx");
    return Response::file(report::write_summary_xlsx(r, lang),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          stem + (lang == "en" ? " (tables)" : "统计表") + ".xlsx");
}

Response dashboard(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    auto lang = report_lang(ctx);
    auto d = store::reports::dashboard(ctx.conn(), ctx.who(), scope, year);
    auto out = core::report::dashboard_json(scope, d.scope.name, year, d.year, d.now,
                                            d.scope.links(year), lang);
    // Teacher dispatch and appraisal (the school year ending in the year).
    out["dispatch"] = core::report::dispatch_dashboard_json(d.dispatch, d.scope.links(year), lang);
    out["people_helped"] = core::report::people_helped_dashboard_json(
        d.people_helped, core::report::people_helped_links(scope, year), lang);
    return Response::json(std::move(out));
}

Response get_written(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    return Response::json(
        written_json(store::reports::summary(ctx.conn(), ctx.who(), scope, year)));
}

Response put_written(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    auto body = json_body(ctx);
    core::FieldErrors errors;
    core::report::WrittenParts parts{text_field(body, "feelings", errors),
                                     text_field(body, "shortcomings", errors),
                                     text_field(body, "next_steps", errors)};
    if (!errors.empty()) core::throw_validation(std::move(errors));
    return Response::json(
        written_json(store::reports::save_written(ctx.conn(), ctx.who(), scope, year, parts)));
}

Response lock(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    return Response::json(written_json(store::reports::lock(ctx.conn(), ctx.who(), scope, year)));
}

Response list_unlock_requests(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    boost::json::array items;
    for (const auto& r : store::reports::unlock_requests(ctx.conn(), ctx.who(), scope, year))
        items.push_back(store::reports::to_json(r, ctx.lang()));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response request_unlock(Context& ctx) {
    auto [scope, year] = scope_and_year(ctx);
    auto body = json_body(ctx);
    core::FieldErrors errors;
    auto reason = text_field(body, "reason", errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    return Response::json(
        store::reports::to_json(
            store::reports::request_unlock(ctx.conn(), ctx.who(), scope, year, reason), ctx.lang()),
        201);
}

Response grant_unlock(Context& ctx) {
    return decide(ctx, true);
}
Response refuse_unlock(Context& ctx) {
    return decide(ctx, false);
}

}  // namespace bangfu::http::reports
