#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "store/institution_repository.hpp"

namespace bangfu::http::institutions {

namespace {
boost::json::value institution_json(const core::Institution& x) {
    return core::to_json(x);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::institutions::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     institution_json);
}

Response directory(Context& ctx) {
    auto page = store::institutions::directory(ctx.conn(), ctx.who(), list_query(ctx));
    // Only what identifies a school publicly: no contact person, phone or counts.
    return page_json(page, [](const core::Institution& x) {
        return boost::json::object{{"id", x.id},
                                   {"name", x.name},
                                   {"kind", x.kind},
                                   {"locality", x.locality},
                                   {"weak", x.weak},
                                   {"region", x.region},
                                   {"region_name", x.region_name}};
    });
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::institutions::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Institution x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::institutions::create(ctx.conn(), ctx.who(), x, e)),
                          201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::institutions::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    if (store::institutions::remove(ctx.conn(), ctx.who(), path_id(ctx)) ==
        store::institutions::Removal::archived)
        return Response::json({{"archived", true}});
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::institutions::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::institutions_table(all_rows(page), ctx.lang()),
                         en ? "Institutions" : "单位", en ? "institutions" : "单位名录");
}

Response import_template(Context&) {
    return Response::file(report::import_template(report::RegistryKind::institutions),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "单位导入模板.xlsx");
}

Response import_file(Context& ctx) {
    return import_response(ctx, report::RegistryKind::institutions);
}

}  // namespace bangfu::http::institutions
