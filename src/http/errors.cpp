#include "http/errors.hpp"

namespace bangfu::http {

int status_of(core::ErrorKind kind) {
    switch (kind) {
        case core::ErrorKind::malformed:
            return 400;
        case core::ErrorKind::unauthenticated:
            return 401;
        case core::ErrorKind::forbidden:
            return 403;
        case core::ErrorKind::not_found:
            return 404;
        case core::ErrorKind::conflict:
            return 409;
        case core::ErrorKind::too_large:
            return 413;
        case core::ErrorKind::validation:
            return 422;
        case core::ErrorKind::throttled:
            return 429;
        case core::ErrorKind::unavailable:
            return 503;
    }
    return 500;
}

Response error_response(const core::Error& e, std::string_view lang) {
    boost::json::object fields;
    for (const auto& [k, v] : e.fields()) fields[k] = v.in(lang);
    boost::json::object err{{"code", e.code()}, {"message", e.message().in(lang)}};
    if (!fields.empty()) err["fields"] = std::move(fields);
    return Response::json(boost::json::object{{"error", std::move(err)}}, status_of(e.kind()));
}

Response error_response(core::ErrorKind kind, const core::Text& message, std::string_view lang) {
    return error_response(core::Error(kind, message), lang);
}

}  // namespace bangfu::http

namespace bangfu::http {
Response error_response(int status, std::string_view code, const core::Text& message,
                        std::string_view lang) {
    return Response::json(
        boost::json::object{{"error", {{"code", code}, {"message", message.in(lang)}}}}, status);
}
}  // namespace bangfu::http
