#include "http/message.hpp"

namespace bangfu::http {

Response Response::json(const boost::json::value& v, int status) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(v);
    return r;
}

Response Response::no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response Response::file(std::string bytes, std::string content_type, const std::string& filename) {
    Response r;
    r.body = std::move(bytes);
    r.content_type = std::move(content_type);
    // RFC 5987: a UTF-8 (Chinese) file name, with an ASCII fallback for old clients.
    std::string encoded;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned char c : filename) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '_') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 0xF];
        }
    }
    // The ASCII fallback keeps only a plain extension: the name itself may hold quotes.
    auto dot = filename.rfind('.');
    std::string ext = dot == std::string::npos ? "" : filename.substr(dot + 1);
    bool plain =
        !ext.empty() && ext.size() <= 8 &&
        ext.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") ==
            std::string::npos;
    std::string fallback = "bangfu" + (plain ? "." + ext : "");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + fallback +
                                                      "\"; filename*=UTF-8''" + encoded);
    return r;
}

}  // namespace bangfu::http
