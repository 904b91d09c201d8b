#include "http/handler_util.hpp"

#include <charconv>

#include "core/error.hpp"

namespace bangfu::http {

namespace {
[[noreturn]] void malformed(core::Text t) {
    throw core::Error(core::ErrorKind::malformed, std::move(t));
}

std::int64_t number_param(const std::string& name, const std::string& value, std::int64_t lo,
                          std::int64_t hi) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size() || v < lo || v > hi)
        store::bad_parameter(
            name, {"应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的整数",
                   "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi)});
    return v;
}
}  // namespace

boost::json::object json_body(const Context& ctx) {
    const auto& body = ctx.request.body;
    if (body.size() > max_json_body)
        throw core::Error(
            core::ErrorKind::too_large,
            {"请求内容过大（上限 1 MB）", "The request body is too large (limit 1 MB)"});
    if (body.empty())
        malformed({"请求内容为空，应为 JSON 对象", "The body is empty; a JSON object is expected"});
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec)
        malformed({"请求内容不是有效的 JSON：" + ec.message(),
                   "The body is not valid JSON: " + ec.message()});
    if (!v.is_object()) malformed({"请求内容应为 JSON 对象", "The body must be a JSON object"});
    return std::move(v.as_object());
}

std::int64_t path_id(const Context& ctx, const std::string& name) {
    const auto& text = ctx.params.at(name);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v <= 0)
        core::throw_not_found({"记录", "Record"});
    return v;
}

store::ListQuery list_query(const Context& ctx) {
    store::ListQuery q;
    for (const auto& [k, v] : ctx.request.query) {
        if (k == "page")
            q.page = number_param(k, v, 1, 1'000'000);
        else if (k == "page_size")
            q.page_size = number_param(k, v, 1, 200);
        else if (k == "q")
            q.q = v;
        else if (k == "sort")
            q.sort = v;
        else if (!v.empty())
            q.filters[k] = v;  // an empty filter (a cleared select) means "any"
    }
    return q;
}

store::ListQuery export_query(const Context& ctx, std::int64_t limit) {
    store::ListQuery q = list_query(ctx);
    q.page = 1;
    q.page_size = limit;
    return q;
}

}  // namespace bangfu::http
