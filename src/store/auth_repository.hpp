#pragma once
// Logins, sessions and API tokens. Only digests of session and API tokens are stored.
#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::auth {

struct LoginPolicy {
    int max_failures = 5;  // consecutive failures before a lock
    std::chrono::seconds lockout{std::chrono::minutes(15)};
    std::chrono::seconds session_ttl{std::chrono::hours(12)};
};

struct NewSession {
    std::string token;  // goes into the cookie, never stored
    std::string csrf_token;
    core::Actor actor;
};

// Checks the password (Argon2id) and opens a session. Wrong credentials are 401 with the same
// message whether the user exists or not; after too many failures the account is locked for a
// while (429).
NewSession login(Connection& c, const std::string& username, const std::string& password,
                 const LoginPolicy& policy, const std::string& client);
struct SessionInfo {
    core::Actor actor;
    std::string csrf_token;
};
std::optional<SessionInfo> resolve_session(Connection& c, const std::string& token);
void logout(Connection& c, const std::string& token);

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
