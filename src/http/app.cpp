#include "http/app.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "http/errors.hpp"
#include "http/idempotency.hpp"

namespace bangfu::http {

namespace {
// Splits "/a/{x}/b" and "/a/12/b" into segments and binds {x}.
bool match(std::string_view pattern, std::string_view path,
           std::map<std::string, std::string>& params) {
    params.clear();
    while (true) {
        if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
        if (pattern.front() != '/' || path.front() != '/') return false;
        pattern.remove_prefix(1);
        path.remove_prefix(1);
        auto pe = pattern.find('/');
        auto se = path.find('/');
        std::string_view pseg = pattern.substr(0, pe), seg = path.substr(0, se);
        if (pseg.starts_with('{') && pseg.ends_with('}')) {
            if (seg.empty()) return false;
            params[std::string(pseg.substr(1, pseg.size() - 2))] = std::string(seg);
        } else if (pseg != seg) {
            return false;
        }
        pattern = pe == std::string_view::npos ? std::string_view{} : pattern.substr(pe);
        path = se == std::string_view::npos ? std::string_view{} : path.substr(se);
    }
}

bool unsafe(std::string_view method) {
    return method != "GET" && method != "HEAD";
}

}  // namespace

bool csrf_matches(const std::string& header, const std::string& session_token) {
    return header.size() == session_token.size() &&
           sodium_memcmp(header.data(), session_token.data(), header.size()) == 0;
}

Response App::handle(const Request& req) {
    std::map<std::string, std::string> params;
    const Route* found = nullptr;
    bool path_known = false;
    for (const auto& r : routes()) {
        if (!match(r.pattern, req.path, params)) continue;
        path_known = true;
        if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
            found = &r;
            break;
        }
    }
    if (!found) {
        if (path_known)
            return error_response(405, "method_not_allowed",
                                  {"不支持该请求方法", "Method not allowed"}, req.lang);
        return error_response(core::ErrorKind::not_found, {"接口不存在", "No such endpoint"},
                              req.lang);
    }
    Context ctx{req, params, std::nullopt, {}, nullptr, &options_, {}};
    try {
        auto lease = db_.acquire();
        ctx.db = &*lease;
        Response r = dispatch(req, ctx, *found);
        if (unsafe(req.method) && r.status < 300 && degraded()) set_degraded(std::nullopt);
        for (auto& h : ctx.extra_headers) r.headers.push_back(std::move(h));
        if (ctx.actor) r.user = ctx.actor->username;
        return r;
    } catch (const core::Error& e) {
        Response r = error_response(e, req.lang);
        for (auto& h : ctx.extra_headers) r.headers.push_back(std::move(h));
        if (ctx.actor) r.user = ctx.actor->username;
        return r;
    } catch (const store::DbError& e) {
        using K = store::DbError::Kind;
        if (e.kind() == K::unique_violation)
            return error_response(core::ErrorKind::conflict,
                                  {"与已有记录重复", "Conflicts with an existing record"},
                                  req.lang);
        if (e.kind() == K::foreign_key_violation)
            return error_response(core::ErrorKind::conflict,
                                  {"仍有其他记录引用它，或引用的记录不存在",
                                   "Other records refer to it, or it refers to a missing record"},
                                  req.lang);
        if (e.kind() == K::storage_full || e.kind() == K::read_only) {
            // Nothing was written (the transaction rolled back): say so, and why, in the words
            // of the person who typed it; tell the operator once, not once per request.
            core::Text why =
                e.kind() == K::storage_full
                    ? core::Text{"磁盘空间不足，数据未保存", "The disk is full: nothing was saved"}
                    : core::Text{"数据库处于只读状态，数据未保存",
                                 "The database is read-only: nothing was saved"};
            if (!degraded()) spdlog::error("writes refused: {} ({})", why.en, e.what());
            set_degraded(why);
            Response r = error_response(core::ErrorKind::unavailable, why, req.lang);
            r.headers.emplace_back("Retry-After", "60");
            return r;
        }
        if (e.kind() == K::busy || e.kind() == K::connection) {
            spdlog::error("database unavailable: {}", e.what());
            Response r = error_response(
                core::ErrorKind::unavailable,
                {"数据库繁忙，请稍后重试", "The database is busy; try again"}, req.lang);
            r.headers.emplace_back("Retry-After", "1");  // every 503 says when to come back
            return r;
        }
        spdlog::error("database error on {} {}: {}", req.method, req.path, e.what());
        return error_response(500, "internal", {"服务器内部错误", "Internal server error"},
                              req.lang);
    } catch (const std::exception& e) {
        spdlog::error("unexpected error on {} {}: {}", req.method, req.path, e.what());
        return error_response(500, "internal", {"服务器内部错误", "Internal server error"},
                              req.lang);
    }
}

std::optional<core::Text> App::degraded() const {
    std::lock_guard lock(degraded_mutex_);
    return degraded_;
}

void App::set_degraded(std::optional<core::Text> why) {
    std::lock_guard lock(degraded_mutex_);
    if (degraded_ && !why) spdlog::info("writes succeed again");
    degraded_ = std::move(why);
}

Response App::dispatch(const Request& req, Context& ctx, const Route& route) {
    if (route.requires_auth) {
        if (!req.bearer_token.empty()) {
            // Scripts: no cookie, so no CSRF risk and no CSRF token.
            ctx.actor = store::auth::resolve_token(*ctx.db, req.bearer_token);
            if (!ctx.actor)
                return error_response(
                    core::ErrorKind::unauthenticated,
                    {"API 令牌无效或已撤销", "The API token is invalid or revoked"}, req.lang);
        } else if (!req.session_cookie.empty()) {
            auto s = store::auth::resolve_session(*ctx.db, req.session_cookie);
            if (!s)
                return error_response(
                    core::ErrorKind::unauthenticated,
                    {"登录已过期，请重新登录", "Your session has expired; log in again"}, req.lang);
            ctx.actor = s->actor;
            ctx.csrf_token = s->csrf_token;
            if (unsafe(req.method) && !csrf_matches(req.csrf_header, s->csrf_token))
                return error_response(403, "csrf_missing",
                                      {"缺少或错误的 CSRF 令牌，请刷新页面后重试",
                                       "Missing or wrong CSRF token; reload the page and retry"},
                                      req.lang);
        } else {
            return error_response(core::ErrorKind::unauthenticated, {"请先登录", "Please log in"},
                                  req.lang);
        }
    }
    if (req.method == "POST" && ctx.actor && !req.idempotency_key.empty())
        return run_idempotent(req, ctx, route.handler);
    return route.handler(ctx);
}

}  // namespace bangfu::http
