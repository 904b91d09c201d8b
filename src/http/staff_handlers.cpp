#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::http::staff {

// Lists and exports always mask personal data; a detail shows it to those allowed, and the
// read is audited.
Response list(Context& ctx) {
    return page_json(store::staff::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Staff& s) { return core::to_json(s, true); });
}

Response get(Context& ctx) {
    auto s = store::staff::get(ctx.conn(), ctx.who(), path_id(ctx));
    bool unmasked = store::staff::may_see_personal(ctx.who(), s);
    if (unmasked && !s.phone.empty()) store::staff::audit_personal_read(ctx.conn(), ctx.who(), s);
    return Response::json(core::to_json(s, !unmasked));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Staff x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::staff::create(ctx.conn(), ctx.who(), x, e), false),
                          201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::staff::update(ctx.conn(), ctx.who(), path_id(ctx), body), false));
}

Response remove(Context& ctx) {
    if (store::staff::remove(ctx.conn(), ctx.who(), path_id(ctx)) ==
        store::staff::Removal::archived)
        return Response::json({{"archived", true}});
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::staff::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::staff_table(all_rows(page), true, ctx.lang()),
                         en ? "Staff" : "教职工", en ? "staff" : "教职工名录");
}

Response import_template(Context&) {
    return Response::file(report::import_template(report::RegistryKind::staff),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "教职工导入模板.xlsx");
}

Response import_file(Context& ctx) {
    return import_response(ctx, report::RegistryKind::staff);
}

}  // namespace bangfu::http::staff
