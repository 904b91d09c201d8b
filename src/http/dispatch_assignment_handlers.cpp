#include "http/dispatch_handlers.hpp"
#include "http/errors.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/dispatch_sheets.hpp"
#include "store/assignment_repository.hpp"

namespace bangfu::http::dispatch_assignments {

namespace {
// The object with the sender guard's warnings (not refusals: the bureau decides).
Response with_warnings(Context& ctx, const core::Assignment& x, int status) {
    auto o = core::to_json(x);
    boost::json::array warnings;
    for (const auto& w : store::assignments::sender_warnings(ctx.conn(), x))
        warnings.emplace_back(w.in(ctx.lang()));
    o["warnings"] = std::move(warnings);
    return Response::json(o, status);
}

// Ineligibility: the usual 422 (each broken rule under its code in `fields`) with the list of
// violations in order, so a form can show them all.
template <class F>
Response guarded(Context& ctx, F&& f) {
    try {
        return f();
    } catch (const store::assignments::EligibilityError& e) {
        auto r = error_response(e, ctx.lang());
        auto body = boost::json::parse(r.body).as_object();
        body["error"].as_object()["violations"] = core::to_json(e.violations(), ctx.lang());
        return Response::json(body, 422);
    }
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::assignments::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Assignment& x) { return core::to_json(x); });
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::assignments::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    return guarded(ctx, [&] {
        core::Assignment x;
        core::FieldErrors e;
        core::read_json(x, body, e);
        return with_warnings(ctx, store::assignments::create(ctx.conn(), ctx.who(), x, e), 201);
    });
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return guarded(ctx, [&] {
        return with_warnings(
            ctx, store::assignments::update(ctx.conn(), ctx.who(), path_id(ctx), body), 200);
    });
}

Response withdraw(Context& ctx) {
    auto body = json_body(ctx);
    core::FieldErrors errors;
    std::string on, reason;
    for (const auto& [k, v] : body) {
        if (k != "withdrawn_on" && k != "withdraw_reason")
            errors[std::string(k)] = {"不是可识别的字段", "is not a known field"};
        else if (!v.is_string())
            errors[std::string(k)] = {"应为文本", "must be text"};
        else
            (k == "withdrawn_on" ? on : reason) = std::string(v.as_string());
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    return Response::json(core::to_json(
        store::assignments::withdraw(ctx.conn(), ctx.who(), path_id(ctx), on, reason)));
}

Response remove(Context& ctx) {
    store::assignments::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::assignments::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns.assign(std::begin(report::assignments_numeric_columns),
                             std::end(report::assignments_numeric_columns));
    return xlsx_response(report::assignments_table(all_rows(page), ctx.lang()),
                         en ? "Assignments" : "支教名单", en ? "dispatch-assignments" : "支教名单",
                         o);
}

}  // namespace bangfu::http::dispatch_assignments
