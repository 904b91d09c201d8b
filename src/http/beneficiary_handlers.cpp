#include "http/beneficiaries_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/beneficiary_sheets.hpp"
#include "store/beneficiary_repository.hpp"

namespace bangfu::http::beneficiaries {

namespace {
// ?unmask=true asks for personal data in the clear: only permission holders get it (403 for
// anyone else, so nobody mistakes a masked answer for the real one), and each record so read is
// written to the audit log.
bool wants_unmasked(const Context& ctx) {
    auto it = ctx.request.query.find("unmask");
    if (it == ctx.request.query.end() || it->second == "false" || it->second == "0") return false;
    if (it->second != "true" && it->second != "1")
        store::bad_parameter("unmask", {"应为 true 或 false", "must be true or false"});
    if (!store::beneficiaries::may_see_personal(ctx.who()))
        core::throw_forbidden({"无权查看帮扶对象的个人信息（身份证号、电话、住址、家庭情况）",
                               "Forbidden: you may not see beneficiaries' personal data"});
    return true;
}
}  // namespace

// Lists always mask personal data; the detail and the export show it only on request
// (?unmask=true) to permission holders, and audit it.
Response list(Context& ctx) {
    return page_json(store::beneficiaries::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Beneficiary& x) { return core::to_json(x, true); });
}

Response get(Context& ctx) {
    auto x = store::beneficiaries::get(ctx.conn(), ctx.who(), path_id(ctx));
    bool unmasked = wants_unmasked(ctx);
    // Outside a transaction of its own: the entry goes through the group commit.
    if (unmasked && core::has_personal_data(x))
        store::beneficiaries::audit_personal_read(ctx.conn(), ctx.who(), x, "detail");
    auto o = core::to_json(x, !unmasked);
    o["may_unmask"] = store::beneficiaries::may_see_personal(ctx.who());
    return Response::json(o);
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Beneficiary x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::beneficiaries::create(ctx.conn(), ctx.who(), x, e), true), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(
        store::beneficiaries::update(ctx.conn(), ctx.who(), path_id(ctx), body), true));
}

Response remove(Context& ctx) {
    if (store::beneficiaries::remove(ctx.conn(), ctx.who(), path_id(ctx)) ==
        store::beneficiaries::Removal::archived)
        return Response::json({{"archived", true}});
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    bool unmasked = wants_unmasked(ctx);
    auto q = export_query(ctx);
    q.filters.erase("unmask");
    auto page = store::beneficiaries::list(ctx.conn(), ctx.who(), q);
    const auto& rows = all_rows(page);
    if (unmasked) {
        store::Transaction tx(ctx.conn(), store::Transaction::write);
        for (const auto& x : rows)
            if (core::has_personal_data(x))
                store::beneficiaries::audit_personal_read(ctx.conn(), ctx.who(), x, "export");
        tx.commit();
    }
    bool en = ctx.lang() == "en";
    return xlsx_response(report::beneficiaries_table(rows, !unmasked, ctx.lang()),
                         en ? "Beneficiaries" : "帮扶对象",
                         en ? "beneficiaries" : (unmasked ? "帮扶对象（含个人信息）" : "帮扶对象"));
}

Response stats(Context& ctx) {
    return Response::json(store::beneficiaries::to_json(
        store::beneficiaries::stats(ctx.conn(), ctx.who(), list_query(ctx))));
}

Response stats_export_xlsx(Context& ctx) {
    auto s = store::beneficiaries::stats(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::beneficiary_stats_table(s, ctx.lang()),
                         en ? "Statistics" : "帮扶对象统计",
                         en ? "beneficiary-statistics" : "帮扶对象统计");
}

Response import_template(Context&) {
    return Response::file(report::beneficiary_import_template(),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "帮扶对象导入模板.xlsx");
}

Response import_file(Context& ctx) {
    auto u = read_import(ctx);
    return import_answer(ctx, u,
                         report::import_beneficiaries(ctx.conn(), ctx.who(), u.table, u.mode));
}

}  // namespace bangfu::http::beneficiaries
