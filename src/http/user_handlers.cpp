#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "store/user_repository.hpp"

namespace bangfu::http::users {

namespace {
boost::json::value user_json(const core::User& u) {
    return core::to_json(u);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::users::list(ctx.conn(), ctx.who(), list_query(ctx)), user_json);
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::users::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::User u;
    core::FieldErrors e;
    auto password = core::read_password(body, e);
    body.erase("password");
    core::read_json(u, body, e);
    return Response::json(
        core::to_json(store::users::create(ctx.conn(), ctx.who(), u, password, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::users::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    if (store::users::remove(ctx.conn(), ctx.who(), path_id(ctx)) ==
        store::users::Removal::disabled)
        return Response::json({{"disabled", true}});
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::users::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::users_table(all_rows(page), ctx.lang()), en ? "Users" : "用户",
                         en ? "users" : "用户");
}

}  // namespace bangfu::http::users
