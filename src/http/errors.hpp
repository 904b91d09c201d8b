#pragma once
// Every error leaves the server as {"error": {"code", "message", "fields"}} with its status.
#include "core/error.hpp"
#include "http/message.hpp"

namespace bangfu::http {

int status_of(core::ErrorKind kind);
Response error_response(const core::Error& e, std::string_view lang);
Response error_response(core::ErrorKind kind, const core::Text& message, std::string_view lang);

}  // namespace bangfu::http

namespace bangfu::http {
// For the few errors whose code is more specific than their kind (csrf_missing,
// method_not_allowed).
Response error_response(int status, std::string_view code, const core::Text& message,
                        std::string_view lang);
}  // namespace bangfu::http
