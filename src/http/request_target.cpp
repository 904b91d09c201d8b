#include "http/request_target.hpp"

#include <boost/url.hpp>
#include <optional>

#include "core/error.hpp"
#include "core/text.hpp"

namespace bangfu::http {

RequestTarget parse_request_target(std::string_view target) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed)
        throw core::Error(core::ErrorKind::malformed,
                          {"无法解析的请求地址", "Malformed request target"});
    auto is_text = [](const std::string& t) {
        return core::is_valid_utf8(t) && !core::has_control_characters(t);
    };
    RequestTarget out;
    out.path = parsed->path();
    // Which part is bad, if any. A flag apart from the name: a parameter may have an empty name
    // ("?=%00", found by fuzz_query), which must not read as "nothing is bad".
    std::optional<std::string> bad;
    if (!is_text(out.path)) bad = "path";
    for (auto param : parsed->params()) {
        if (!bad && !(is_text(param.key) && is_text(param.value)))
            bad = is_text(param.key) && !param.key.empty() ? param.key : "query";
        out.query[param.key] = param.value;
    }
    if (bad)
        throw core::Error(core::ErrorKind::malformed,
                          {"请求地址含有无效字符（应为 UTF-8 编码）",
                           "The request target holds invalid characters (UTF-8 expected)"},
                          {{*bad, {"含有无效字符", "holds invalid characters"}}});
    return out;
}

}  // namespace bangfu::http
