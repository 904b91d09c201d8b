#pragma once
// The application behind the wire: routing, authentication, CSRF, error mapping. Runs on the
// worker pool, never on an I/O thread, because everything here may wait on the database.
#include <mutex>
#include <optional>
#include <span>
#include <string_view>

#include "http/message.hpp"
#include "store/auth_repository.hpp"
#include "store/database.hpp"

namespace bangfu::http {

using Handler = Response (*)(Context&);

struct Route {
    std::string_view method;
    std::string_view pattern;  // "/api/v1/institutions/{id}"
    Handler handler;
    bool requires_auth;
    std::string_view tag;  // for the OpenAPI document
    std::string_view summary;
};

std::span<const Route> routes();

struct AppOptions {
    store::auth::LoginPolicy login;
    bool secure_cookies = false;  // set behind TLS
};

// Compares a request's X-CSRF-Token with its session's token in constant time.
bool csrf_matches(const std::string& header, const std::string& session_token);

class App {
  public:
    App(store::Database& db, AppOptions options) : db_(db), options_(std::move(options)) {}
    Response handle(const Request& req);
    const AppOptions& options() const { return options_; }
    // Why writes are refused right now (a full disk, a read-only database), if they are: set by
    // the write that failed, cleared by the next write that succeeds; /healthz reports it.
    std::optional<core::Text> degraded() const;

  private:
    Response dispatch(const Request& req, Context& ctx, const Route& route);
    void set_degraded(std::optional<core::Text> why);
    store::Database& db_;
    AppOptions options_;
    mutable std::mutex degraded_mutex_;
    std::optional<core::Text> degraded_;
};

}  // namespace bangfu::http
