#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fields.hpp"
#include "http/app.hpp"
#include "http/errors.hpp"
#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "store/auth_repository.hpp"

namespace bangfu::http::auth {

namespace {
boost::json::object actor_json(const core::Actor& a) {
    return {{"id", a.user_id},
            {"username", a.username},
            {"role", core::role_name(a.role)},
            {"region", a.region ? boost::json::value(*a.region) : nullptr},
            {"institution", a.institution ? boost::json::value(*a.institution) : nullptr},
            {"staff", a.staff ? boost::json::value(*a.staff) : nullptr},
            {"display_name", a.display_name},
            // Beyond the role (issue 5): the UI shows "show personal data" to holders only.
            {"permissions", boost::json::value_from(a.permissions)}};
}

std::string cookie_header(const Context& ctx, const std::string& value, std::int64_t max_age) {
    return fmt::format(
        "bangfu_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", value, max_age,
        ctx.options->secure_cookies || ctx.request.forwarded_https ? "; Secure" : "");
}

std::string required_text(const boost::json::object& o, std::string_view key, std::string_view zh,
                          core::FieldErrors& e) {
    auto* v = o.if_contains(key);
    if (!v || !v->is_string() || v->get_string().empty()) {
        e[std::string(key)] = {std::string(zh) + "不能为空", std::string(key) + " is required"};
        return {};
    }
    return std::string(v->get_string());
}
}  // namespace

Response login(Context& ctx) {
    auto body = json_body(ctx);
    core::FieldErrors e;
    for (const auto& kv : body)
        if (kv.key() != "username" && kv.key() != "password")
            e[std::string(kv.key())] = {"未知字段", "unknown field"};
    auto username = required_text(body, "username", "用户名", e);
    auto password = required_text(body, "password", "密码", e);
    if (!e.empty()) core::throw_validation(std::move(e));
    auto s = [&] {
        try {
            return store::auth::login(ctx.conn(), username, password, ctx.options->login,
                                      ctx.request.client);
        } catch (const store::auth::Throttled& t) {
            ctx.extra_headers.emplace_back("Retry-After", std::to_string(t.retry_after));
            throw;
        }
    }();
    ctx.actor = s.actor;
    ctx.extra_headers.emplace_back(
        "Set-Cookie", cookie_header(ctx, s.token, ctx.options->login.session_ttl.count()));
    return Response::json({{"user", actor_json(s.actor)}, {"csrf_token", s.csrf_token}});
}

// Logging out without a (valid) session is harmless and just clears the cookie; logging out a
// live session is an unsafe request like any other and needs its CSRF token.
Response logout(Context& ctx) {
    const auto& cookie = ctx.request.session_cookie;
    if (!cookie.empty()) {
        if (auto s = store::auth::resolve_session(ctx.conn(), cookie)) {
            if (!csrf_matches(ctx.request.csrf_header, s->csrf_token))
                return error_response(403, "csrf_missing",
                                      {"缺少或错误的 CSRF 令牌，请刷新页面后重试",
                                       "Missing or wrong CSRF token; reload the page and retry"},
                                      ctx.lang());
            store::auth::logout(ctx.conn(), cookie);
        }
    }
    ctx.extra_headers.emplace_back("Set-Cookie", cookie_header(ctx, "", 0));
    return Response::no_content();
}

Response me(Context& ctx) {
    return Response::json({{"user", actor_json(ctx.who())}, {"csrf_token", ctx.csrf_token}});
}

Response list_throttles(Context& ctx) {
    boost::json::array items;
    for (const auto& t :
         store::auth::list_throttles(ctx.conn(), ctx.who(), ctx.options->login.throttle))
        items.push_back(store::auth::to_json(t));
    auto n = static_cast<std::int64_t>(items.size());
    return Response::json(
        {{"items", std::move(items)}, {"total", n}, {"page", 1}, {"page_size", n}});
}

// DELETE /api/v1/auth/throttles?username=U[&client=ADDRESS]: one address of a name, or all.
Response clear_throttles(Context& ctx) {
    const auto& q = ctx.request.query;
    core::FieldErrors e;
    for (const auto& [k, v] : q)
        if (k != "username" && k != "client") e[k] = {"未知参数", "unknown parameter"};
    auto username = q.find("username");
    if (username == q.end() || username->second.empty())
        e["username"] = {"用户名不能为空", "username is required"};
    auto client = q.find("client");
    if (client != q.end() && client->second.empty())
        e["client"] = {"地址不能为空（不带此参数即解除该用户名在所有地址的限制）",
                       "client must not be empty (leave it out to clear every address)"};
    if (!e.empty()) core::throw_validation(std::move(e));
    int n = store::auth::clear_throttles(
        ctx.conn(), ctx.who(), username->second,
        client == q.end() ? std::nullopt : std::optional<std::string>(client->second));
    return Response::json({{"cleared", n}});
}

Response create_token(Context& ctx) {
    auto body = json_body(ctx);
    core::FieldErrors e;
    for (const auto& kv : body)
        if (kv.key() != "name") e[std::string(kv.key())] = {"未知字段", "unknown field"};
    auto* name = body.if_contains("name");
    if (name && !name->is_string()) e["name"] = {"令牌名称应为文本", "name must be a string"};
    if (!e.empty()) core::throw_validation(std::move(e));
    auto [t, token] = store::auth::create_token(ctx.conn(), ctx.who(),
                                                name ? std::string(name->get_string()) : "");
    auto o = store::auth::to_json(t);
    o["token"] = token;
    return Response::json(o, 201);
}

Response list_tokens(Context& ctx) {
    boost::json::array items;
    for (const auto& t : store::auth::list_tokens(ctx.conn(), ctx.who()))
        items.push_back(store::auth::to_json(t));
    auto n = static_cast<std::int64_t>(items.size());
    return Response::json(
        {{"items", std::move(items)}, {"total", n}, {"page", 1}, {"page_size", n}});
}

Response revoke_token(Context& ctx) {
    store::auth::revoke_token(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

}  // namespace bangfu::http::auth
