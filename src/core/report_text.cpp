#include "core/report_text.hpp"

#include "core/money.hpp"

namespace bangfu::core::report::text {

std::string link(std::string_view path, const std::vector<std::string>& params) {
    std::string out(path);
    char sep = '?';
    for (const auto& p : params) {
        if (p.empty()) continue;
        out += sep;
        out += p;
        sep = '&';
    }
    return out;
}

std::string link(std::string_view path, std::initializer_list<std::string> params) {
    return link(path, std::vector<std::string>(params));
}

std::string year_range(int year) {
    auto y = std::to_string(year);
    return "date_from=" + y + "-01-01&date_to=" + y + "-12-31";
}

Text same(std::string s) {
    return {s, std::move(s)};
}
Text number(std::int64_t n) {
    return same(std::to_string(n));
}
Text yuan(std::int64_t fen) {
    return same(format_yuan(fen));
}
std::string n(std::int64_t v) {
    return std::to_string(v);
}

}  // namespace bangfu::core::report::text
