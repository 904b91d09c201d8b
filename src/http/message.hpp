#pragma once
// The request and response as handlers see them: plain data, independent of Boost.Beast, so the
// handlers can be called from tests and from the worker pool alike.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::http {

struct AppOptions;

struct Request {
    std::string method;
    std::string path;  // decoded, without the query
    std::map<std::string, std::string> query;
    std::string body;
    std::string content_type;
    std::string session_cookie;
    std::string bearer_token;
    std::string csrf_header;
    std::string idempotency_key;  // the Idempotency-Key header (http/idempotency.hpp)
    std::string lang = "zh";      // from Accept-Language
    std::string client;           // remote address, for the audit log
    // The request reached a trusted proxy over TLS (X-Forwarded-Proto: https from an address
    // of ServerOptions::trusted_proxies): cookies are then Secure.
    bool forwarded_https = false;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string user;  // who made the request, for the access log

    static Response json(const boost::json::value& v, int status = 200);
    static Response no_content();
    static Response file(std::string bytes, std::string content_type, const std::string& filename);
};

// What a handler gets: the request, the path parameters, who is acting, and a connection.
struct Context {
    const Request& request;
    std::map<std::string, std::string> params;
    std::optional<core::Actor> actor;
    std::string csrf_token;  // of the session, when authenticated by cookie
    store::Connection* db = nullptr;
    const AppOptions* options = nullptr;
    // Set by auth handlers to add or clear the session cookie.
    std::vector<std::pair<std::string, std::string>> extra_headers;

    const core::Actor& who() const { return *actor; }
    store::Connection& conn() const { return *db; }
    const std::string& lang() const { return request.lang; }
};

}  // namespace bangfu::http
