#pragma once
// Logins, sessions and API tokens. Only digests of session and API tokens are stored.
#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/login_throttle.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::auth {

struct LoginPolicy {
    core::LoginThrottlePolicy throttle;
    std::chrono::seconds session_ttl{std::chrono::hours(12)};
};

// A login refused because the name must wait from this address (429, with Retry-After).
struct Throttled : core::Error {
    explicit Throttled(std::int64_t seconds);
    std::int64_t retry_after;
};

struct NewSession {
    std::string token;  // goes into the cookie, never stored
    std::string csrf_token;
    core::Actor actor;
};

// Checks the password (Argon2id) and opens a session. Wrong credentials are 401 with the same
// message and cost whether the user exists or not; after a few failures of a name from one
// client address, that name waits longer and longer there (Throttled), wherever else it logs in.
NewSession login(Connection& c, const std::string& username, const std::string& password,
                 const LoginPolicy& policy, const std::string& client);
struct SessionInfo {
    core::Actor actor;
    std::string csrf_token;
};
std::optional<SessionInfo> resolve_session(Connection& c, const std::string& token);
void logout(Connection& c, const std::string& token);

// The names and addresses with failures not yet forgotten (system admins; at most 1,000, the
// latest first), and clearing them (one address, or every address of the name), audited.
struct LoginThrottle {
    std::string username, client;
    std::int64_t failures = 0;
    std::string first_failure_at, last_failure_at, blocked_until;
    std::optional<std::int64_t> user_id;  // none for a name no account has
};
boost::json::object to_json(const LoginThrottle& t);
std::vector<LoginThrottle> list_throttles(Connection& c, const core::Actor& a,
                                          const core::LoginThrottlePolicy& policy);
int clear_throttles(Connection& c, const core::Actor& a, const std::string& username,
                    const std::optional<std::string>& client);

struct ApiToken {
    std::int64_t id = 0;
    std::string name;
    std::string created_at;
    std::optional<std::string> last_used_at;
    bool revoked = false;
};
boost::json::object to_json(const ApiToken& t);
// Returns the record and the token itself, which is shown once.
std::pair<ApiToken, std::string> create_token(Connection& c, const core::Actor& a,
                                              const std::string& name);
std::vector<ApiToken> list_tokens(Connection& c, const core::Actor& a);
void revoke_token(Connection& c, const core::Actor& a, std::int64_t id);
std::optional<core::Actor> resolve_token(Connection& c, const std::string& token);

// Creates or replaces a user's password outside any actor's scope (CLI `user add`, demo data).
std::int64_t bootstrap_user(Connection& c, const core::User& u, const std::string& password);
// The same with an already computed Argon2id hash (many users, one password: demo data, tests).
struct PasswordHash {
    std::string encoded;
};
std::int64_t bootstrap_user(Connection& c, const core::User& u, const PasswordHash& hash);

}  // namespace bangfu::store::auth
