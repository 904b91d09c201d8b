#include "store/auth_repository.hpp"

#include "core/login_throttle.hpp"
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

namespace {
// How long `username` from `client` must still wait, if it must.
std::optional<std::int64_t> wait_seconds(Connection& c, const std::string& username,
                                         const std::string& client) {
    auto row =
        c.query_one("SELECT blocked_until FROM login_throttles WHERE username = ? AND client = ?",
                    {username, client});
    if (!row) return std::nullopt;
    auto until = parse_iso_utc(row->text(0));
    auto now = std::chrono::system_clock::now();
    if (!until || *until <= now) return std::nullopt;
    return std::chrono::ceil<std::chrono::seconds>(*until - now).count();
}

// Counts a failure of `username` from `client` and sets the delay before its next try.
void count_failure(Connection& c, const std::string& username, const std::string& client,
                   const core::LoginThrottlePolicy& policy) {
    auto now = std::chrono::system_clock::now();
    auto forget_before = to_iso_utc(now - policy.forget_after);
    auto row = c.query_one(
        "SELECT failures, last_failure_at FROM login_throttles WHERE username = ? AND client = ?",
        {username, client});
    int failures = row && row->text(1) >= forget_before ? int(row->integer(0)) + 1 : 1;
    // Rounded up to the store's whole seconds, so a delay is never shorter than the rule's (and
    // no delay stays none).
    auto delay = core::login_delay(failures, policy);
    auto blocked_until =
        to_iso_utc(delay.count() > 0 ? std::chrono::ceil<std::chrono::seconds>(now + delay) : now);
    auto at = to_iso_utc(now);
    if (row)
        c.execute(
            "UPDATE login_throttles SET failures = ?, last_failure_at = ?, blocked_until = ?, "
            "first_failure_at = CASE WHEN ? = 1 THEN ? ELSE first_failure_at END "
            "WHERE username = ? AND client = ?",
            {failures, at, blocked_until, failures, at, username, client});
    else
        c.execute(
            "INSERT INTO login_throttles (username, client, failures, first_failure_at, "
            "last_failure_at, blocked_until) VALUES (?, ?, ?, ?, ?, ?)",
            {username, client, failures, at, at, blocked_until});
}
}  // namespace

Throttled::Throttled(std::int64_t seconds)
    : core::Error(core::ErrorKind::throttled,
                  {"登录尝试过于频繁，请 " + std::to_string(seconds) + " 秒后再试",
                   "Too many login attempts; try again in " + std::to_string(seconds) +
                       (seconds == 1 ? " second" : " seconds")}),
      retry_after(seconds) {}

NewSession login(Connection& c, const std::string& username, const std::string& password,
                 const LoginPolicy& policy, const std::string& client) {
    // A name and address that must still wait learn only that, known name or not, and nothing
    // is hashed: the delay is what makes guessing slow.
    if (auto wait = wait_seconds(c, username, client)) throw Throttled(*wait);
    auto row =
        c.query_one("SELECT id, password_hash, disabled FROM users WHERE username = ?", {username});
    // A dummy hash keeps the time of a login for an unknown user like that of a known one, and
    // an unknown name's failure is counted and audited like a known one's, so neither the answer
    // nor its timing tells whether the account exists.
    static const std::string dummy = core::hash_password("not-a-real-password");
    bool ok = core::verify_password(row ? row->text(1) : dummy, password);
    if (!row || !ok) {
        core::Actor system_actor;
        system_actor.username = username;
        system_actor.user_id = row ? row->integer(0) : 0;
        Transaction tx(c, Transaction::write);
        count_failure(c, username, client, policy.throttle);
        audit::record(c, system_actor, "login_failed",
                      {"user", row ? std::to_string(row->integer(0)) : "", "", std::nullopt},
                      nullptr, boost::json::object{{"client", client}, {"username", username}});
        tx.commit();
        unauthenticated(bad_credentials);
    }
    std::int64_t id = row->integer(0);
    if (row->boolean(2))
        unauthenticated({"该账号已停用，请联系管理员", "This account is disabled"});
    auto actor = users::load_actor(c, id);
    if (!actor) unauthenticated(bad_credentials);
    NewSession s{core::random_token(), core::random_token(), *actor};
    auto now = now_utc();
    Transaction tx(c, Transaction::write);
    // The owner got in from this address: her earlier mistakes here are forgiven. Failures from
    // other addresses stay counted.
    c.execute("DELETE FROM login_throttles WHERE username = ? AND client = ?", {username, client});
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

boost::json::object to_json(const LoginThrottle& t) {
    return {{"username", t.username},
            {"client", t.client},
            {"failures", t.failures},
            {"first_failure_at", t.first_failure_at},
            {"last_failure_at", t.last_failure_at},
            {"blocked_until", t.blocked_until},
            {"user_id", t.user_id ? boost::json::value(*t.user_id) : nullptr}};
}

namespace {
void require_system_admin(const core::Actor& a) {
    if (!a.is_system())
        core::throw_forbidden({"只有系统管理员可以查看和解除登录限制",
                               "Only system admins may see and clear login throttles"});
}
}  // namespace

std::vector<LoginThrottle> list_throttles(Connection& c, const core::Actor& a,
                                          const core::LoginThrottlePolicy& policy) {
    require_system_admin(a);
    auto forget_before = to_iso_utc(std::chrono::system_clock::now() - policy.forget_after);
    std::vector<LoginThrottle> out;
    for (const auto& r : c.query(
             "SELECT t.username, t.client, t.failures, t.first_failure_at, t.last_failure_at, "
             "t.blocked_until, u.id FROM login_throttles t "
             "LEFT JOIN users u ON u.username = t.username "
             "WHERE t.last_failure_at >= ? ORDER BY t.last_failure_at DESC, t.username, t.client "
             "LIMIT 1000",
             {forget_before}))
        out.push_back({r.text(0), r.text(1), r.integer(2), r.text(3), r.text(4), r.text(5),
                       r.is_null(6) ? std::nullopt : std::optional(r.integer(6))});
    return out;
}

int clear_throttles(Connection& c, const core::Actor& a, const std::string& username,
                    const std::optional<std::string>& client) {
    require_system_admin(a);
    Transaction tx(c, Transaction::write);
    int n = 0;
    if (client)
        n = int(
            c.query_int("SELECT COUNT(*) FROM login_throttles WHERE username = ? AND client = ?",
                        {username, *client}));
    else
        n = int(c.query_int("SELECT COUNT(*) FROM login_throttles WHERE username = ?", {username}));
    if (n == 0) core::throw_not_found({"该用户名的登录限制", "login throttle of that name"});
    if (client)
        c.execute("DELETE FROM login_throttles WHERE username = ? AND client = ?",
                  {username, *client});
    else
        c.execute("DELETE FROM login_throttles WHERE username = ?", {username});
    boost::json::object details{{"username", username}, {"cleared", n}};
    if (client) details["client"] = *client;
    audit::record(c, a, "clear_throttle", {"login_throttle", username, "", std::nullopt}, nullptr,
                  details);
    tx.commit();
    return n;
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
            "password_hash = ?, updated_at = ?, disabled = 0 WHERE id = ?",
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
