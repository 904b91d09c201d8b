#include "store/auth_repository.hpp"

#include "core/password.hpp"
#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/scope.hpp"
#include "store/user_repository.hpp"

namespace bangfu::store::auth {

namespace {
const core::Text bad_credentials{"用户名或密码错误", "Wrong username or password"};

[[noreturn]] void unauthenticated(core::Text t) {
    throw core::Error(core::ErrorKind::unauthenticated, std::move(t));
}

std::string in(std::chrono::seconds d) {
    return to_iso_utc(std::chrono::system_clock::now() + d);
}
}  // namespace

NewSession login(Connection& c, const std::string& username, const std::string& password,
                 const LoginPolicy& policy, const std::string& client) {
    auto row = c.query_one(
        "SELECT id, password_hash, disabled, locked_until FROM users WHERE username = ?",
        {username});
    // A dummy hash keeps the time of a login for an unknown user like that of a known one.
    static const std::string dummy = core::hash_password("not-a-real-password");
    bool ok = core::verify_password(row ? row->text(1) : dummy, password);
    if (!row) unauthenticated(bad_credentials);
    std::int64_t id = row->integer(0);
    auto now = now_utc();
    if (auto locked = row->opt_text(3); locked && *locked > now)
        throw core::Error(core::ErrorKind::throttled,
                          {"登录失败次数过多，账号已暂时锁定，请稍后再试",
                           "Too many failed logins; the account is locked for a while"});
    core::Actor system_actor;
    system_actor.username = username;
    if (!ok) {
        Transaction tx(c, Transaction::write);
        c.execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?", {id});
        if (c.query_int("SELECT failed_logins FROM users WHERE id = ?", {id}) >=
            policy.max_failures)
            c.execute("UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?",
                      {in(policy.lockout), id});
        system_actor.user_id = id;
        audit::record(c, system_actor, "login_failed",
                      {"user", std::to_string(id), "", std::nullopt}, nullptr,
                      boost::json::object{{"client", client}});
        tx.commit();
        unauthenticated(bad_credentials);
    }
    if (row->boolean(2))
        unauthenticated({"该账号已停用，请联系管理员", "This account is disabled"});
    auto actor = users::load_actor(c, id);
    if (!actor) unauthenticated(bad_credentials);
    NewSession s{core::random_token(), core::random_token(), *actor};
    Transaction tx(c, Transaction::write);
    c.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", {id});
    c.execute("DELETE FROM sessions WHERE expires_at < ?", {now});
    c.execute(
        "INSERT INTO sessions (token_digest, user_id, csrf_token, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {core::token_digest(s.token), id, s.csrf_token, now, in(policy.session_ttl)});
    audit::record(c, *actor, "login",
                  {"user", std::to_string(id), actor->scope_path, actor->institution}, nullptr,
                  boost::json::object{{"client", client}});
    tx.commit();
    return s;
}

std::optional<SessionInfo> resolve_session(Connection& c, const std::string& token) {
    auto row = c.query_one(
        "SELECT user_id, csrf_token FROM sessions WHERE token_digest = ? AND expires_at > ?",
        {core::token_digest(token), now_utc()});
    if (!row) return std::nullopt;
    auto actor = users::load_actor(c, row->integer(0));
    if (!actor) return std::nullopt;
    return SessionInfo{*actor, row->text(1)};
}

void logout(Connection& c, const std::string& token) {
    c.execute("DELETE FROM sessions WHERE token_digest = ?", {core::token_digest(token)});
}

boost::json::object to_json(const ApiToken& t) {
    return {{"id", t.id},
            {"name", t.name},
            {"created_at", t.created_at},
            {"last_used_at", t.last_used_at ? boost::json::value(*t.last_used_at) : nullptr},
            {"revoked", t.revoked}};
}

std::pair<ApiToken, std::string> create_token(Connection& c, const core::Actor& a,
                                              const std::string& name) {
    std::string n = core::trim(name);
    if (n.empty() || core::char_count(n) > 64 || core::has_control_characters(n))
        core::throw_validation(
            {{"name",
              {"令牌名称不能为空，且不超过 64 个字", "name is required (at most 64 characters)"}}});
    std::string token = "bf_" + core::random_token();
    Transaction tx(c, Transaction::write);
    ApiToken t{0, n, now_utc(), std::nullopt, false};
    t.id = c.query_int(
        "INSERT INTO api_tokens (user_id, name, token_digest, created_at) VALUES (?, ?, ?, ?) "
        "RETURNING id",
        {a.user_id, n, core::token_digest(token), t.created_at});
    audit::record(c, a, "create", {"api_token", std::to_string(t.id), a.scope_path, a.institution},
                  nullptr, to_json(t));
    tx.commit();
    return {t, token};
}

std::vector<ApiToken> list_tokens(Connection& c, const core::Actor& a) {
    std::vector<ApiToken> out;
    for (const auto& r :
         c.query("SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens "
                 "WHERE user_id = ? ORDER BY id",
                 {a.user_id}))
        out.push_back({r.integer(0), r.text(1), r.text(2), r.opt_text(3), !r.is_null(4)});
    return out;
}

void revoke_token(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    // Tokens are personal: someone else's token is refused like any out-of-scope write.
    auto row = c.query_one("SELECT revoked_at, user_id FROM api_tokens WHERE id = ?", {id});
    if (!row) core::throw_not_found({"API 令牌", "API token"});
    if (row->integer(1) != a.user_id) refuse_out_of_scope();
    if (row->is_null(0)) {
        c.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", {now_utc(), id});
        audit::record(c, a, "revoke",
                      {"api_token", std::to_string(id), a.scope_path, a.institution}, nullptr,
                      nullptr);
    }
    tx.commit();
}

std::optional<core::Actor> resolve_token(Connection& c, const std::string& token) {
    auto row = c.query_one(
        "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_digest = ? AND revoked_at IS "
        "NULL",
        {core::token_digest(token)});
    if (!row) return std::nullopt;
    auto now = now_utc();
    // Record use at most once a minute, so reads through a token stay reads.
    auto minute_ago = to_iso_utc(std::chrono::system_clock::now() - std::chrono::minutes(1));
    if (row->is_null(2) || row->text(2) < minute_ago)
        c.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, row->integer(0)});
    return users::load_actor(c, row->integer(1));
}

std::int64_t bootstrap_user(Connection& c, const core::User& u, const std::string& password) {
    return bootstrap_user(c, u, PasswordHash{core::hash_password(password)});
}

std::int64_t bootstrap_user(Connection& c, const core::User& u, const PasswordHash& password) {
    const std::string& hash = password.encoded;
    Transaction tx(c, Transaction::write);
    auto now = now_utc();
    auto existing = c.query_one("SELECT id FROM users WHERE username = ?", {u.username});
    std::int64_t id;
    if (existing) {
        id = existing->integer(0);
        c.execute(
            "UPDATE users SET display_name = ?, role = ?, region = ?, institution = ?, staff = ?, "
            "password_hash = ?, updated_at = ?, disabled = 0, failed_logins = 0, "
            "locked_until = NULL WHERE id = ?",
            {u.display_name, u.role, nullable(u.region), nullable(u.institution), nullable(u.staff),
             hash, now, id});
    } else {
        id = c.query_int(
            "INSERT INTO users (username, display_name, role, region, institution, staff, "
            "password_hash, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {u.username, u.display_name, u.role, nullable(u.region), nullable(u.institution),
             nullable(u.staff), hash, now, now});
    }
    core::Actor cli;
    cli.username = "(cli)";
    audit::record(c, cli, existing ? "update" : "create",
                  {"user", std::to_string(id), "", u.institution}, nullptr, core::to_json(u));
    tx.commit();
    return id;
}

}  // namespace bangfu::store::auth
