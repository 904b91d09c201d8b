#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "http/pairings_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/pairings_sheets.hpp"
#include "store/institution_repository.hpp"
#include "store/pairing_repository.hpp"

namespace bangfu::http::pairings {

namespace {
boost::json::value pairing_json(const core::Pairing& x) {
    return core::to_json(x);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::pairings::list(ctx.conn(), ctx.who(), list_query(ctx)), pairing_json);
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::pairings::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Pairing x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::pairings::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::pairings::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::pairings::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::pairings::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::pairings_table(all_rows(page), ctx.lang()),
                         en ? "Pairings" : "结对关系", en ? "pairings" : "结对关系");
}

Response timeline(Context& ctx) {
    boost::json::array items;
    for (const auto& t : store::pairings::timeline(ctx.conn(), ctx.who(), path_id(ctx), ctx.lang()))
        items.push_back(store::pairings::to_json(t));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response upload_agreement(Context& ctx) {
    auto id = path_id(ctx);
    auto upload = read_upload(ctx);
    return Response::json(core::to_json(
        store::pairings::attach_agreement(ctx.conn(), ctx.who(), id, upload.name, upload.content)));
}

Response download_agreement(Context& ctx) {
    auto [info, content] = store::pairings::agreement(ctx.conn(), ctx.who(), path_id(ctx));
    return file_download(info, std::move(content));
}

Response remove_agreement(Context& ctx) {
    return Response::json(
        core::to_json(store::pairings::remove_agreement(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response program_graph(Context& ctx) {
    auto q = list_query(ctx);
    return Response::json(store::pairings::to_json(
        store::pairings::program_graph(ctx.conn(), ctx.who(), path_id(ctx), q)));
}

Response of_institution(Context& ctx) {
    auto id = path_id(ctx);
    // The institution must be readable: its pairings are part of its page.
    store::institutions::get(ctx.conn(), ctx.who(), id);
    auto q = list_query(ctx);
    q.filters["institution"] = std::to_string(id);
    return page_json(store::pairings::list(ctx.conn(), ctx.who(), q), pairing_json);
}

}  // namespace bangfu::http::pairings
