#include "http/donations_handlers.hpp"
#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/donations_sheets.hpp"
#include "store/resource_repository.hpp"

namespace bangfu::http::resources {

Response list(Context& ctx) {
    return page_json(store::resources::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::SharedResource& x) { return core::to_json(x); });
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::resources::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::SharedResource x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::resources::create(ctx.conn(), ctx.who(), x, e)),
                          201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::resources::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::resources::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::resources::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = {7};  // downloads
    return xlsx_response(report::resources_table(all_rows(page), ctx.lang()),
                         en ? "Shared resources" : "共享资源", en ? "resources" : "共享资源", o);
}

Response upload_file(Context& ctx) {
    auto id = path_id(ctx);
    auto upload = read_upload(ctx);
    return Response::json(core::to_json(
        store::resources::attach_file(ctx.conn(), ctx.who(), id, upload.name, upload.content)));
}

Response download_file(Context& ctx) {
    auto [info, content] = store::resources::download(ctx.conn(), ctx.who(), path_id(ctx));
    return file_download(info, std::move(content));
}

}  // namespace bangfu::http::resources
