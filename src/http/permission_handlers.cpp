#include "http/beneficiaries_handlers.hpp"
#include "http/handler_util.hpp"
#include "store/permission_repository.hpp"

namespace bangfu::http::permissions {

// The users in the admin's scope holding a permission (for the switches of the users page).
Response holders(Context& ctx) {
    boost::json::array ids;
    for (auto id : store::permissions::holders(ctx.conn(), ctx.who(), ctx.params.at("permission")))
        ids.emplace_back(id);
    return Response::json({{"permission", ctx.params.at("permission")}, {"users", std::move(ids)}});
}

Response grant(Context& ctx) {
    store::permissions::grant(ctx.conn(), ctx.who(), path_id(ctx), ctx.params.at("permission"));
    return Response::no_content();
}

Response revoke(Context& ctx) {
    store::permissions::revoke(ctx.conn(), ctx.who(), path_id(ctx), ctx.params.at("permission"));
    return Response::no_content();
}

}  // namespace bangfu::http::permissions
