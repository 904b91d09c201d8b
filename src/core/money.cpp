#include "core/money.hpp"

namespace bangfu::core {

namespace {
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
std::optional<std::int64_t> fail(Text* why, std::string zh, std::string en) {
    if (why) *why = {std::move(zh), std::move(en)};
    return std::nullopt;
}
}  // namespace

std::optional<std::int64_t> parse_yuan(std::string_view text, Text* why) {
    auto s = trim_spaces(text);
    if (s.empty()) return fail(why, "不能为空", "must not be empty");
    if (s.front() == '-') return fail(why, "不能为负数", "must not be negative");
    if (s.front() == '+') return fail(why, "不能带正负号", "must not have a sign");
    auto point = s.find('.');
    std::string_view whole = s.substr(0, point);
    std::string_view decimals =
        point == std::string_view::npos ? std::string_view{} : s.substr(point + 1);
    if (point != std::string_view::npos && decimals.empty())
        return fail(why, "小数点后应有数字", "must have digits after the decimal point");
    for (char c : decimals)
        if (!is_digit(c))
            return fail(why, "应为金额（元），如 5000 或 1,700,000.50",
                        "must be an amount in yuan such as 5000 or 1,700,000.50");
    if (decimals.size() > 2)
        return fail(why, "最多保留两位小数（精确到分）", "must have at most two decimals (fen)");
    if (whole.empty())
        return fail(why, "应为金额（元），如 5000 或 1,700,000.50",
                    "must be an amount in yuan such as 5000 or 1,700,000.50");
    // Digits of the whole part; commas are allowed only as thousands separators: the first
    // group has 1–3 digits, every later group exactly 3 ("1,700,000", not "17,00,000").
    std::string digits;
    std::size_t group = 0;
    bool grouped = false, grouping_ok = true;
    for (char c : whole) {
        if (c == ',') {
            if (group == 0 || group > 3 || (grouped && group != 3)) grouping_ok = false;
            grouped = true;
            group = 0;
            continue;
        }
        if (!is_digit(c))
            return fail(why, "应为金额（元），如 5000 或 1,700,000.50",
                        "must be an amount in yuan such as 5000 or 1,700,000.50");
        digits += c;
        ++group;
    }
    if (grouped && group != 3) grouping_ok = false;
    if (!grouping_ok)
        return fail(why, "千位分隔符位置不对（应为 1,700,000 这样每三位一个逗号）",
                    "has misplaced thousands separators (write 1,700,000)");
    // Strip leading zeros so the length check below measures the magnitude.
    auto nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);
    std::string fen_digits = digits + std::string(decimals) + std::string(2 - decimals.size(), '0');
    nz = fen_digits.find_first_not_of('0');
    fen_digits = nz == std::string::npos ? "0" : fen_digits.substr(nz);
    const std::string max_text = std::to_string(max_amount_fen);
    if (fen_digits.size() > max_text.size() ||
        (fen_digits.size() == max_text.size() && fen_digits > max_text))
        return fail(why, "超过上限（1000 亿元）", "exceeds the limit (100 billion yuan)");
    std::int64_t fen = 0;
    for (char c : fen_digits) fen = fen * 10 + (c - '0');
    return fen;
}

std::string format_yuan(std::int64_t fen, bool grouping) {
    bool negative = fen < 0;
    // Work in unsigned so the most negative value does not overflow on negation.
    std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(fen)
                                       : static_cast<std::uint64_t>(fen);
    std::string whole = std::to_string(magnitude / 100);
    std::uint64_t cents = magnitude % 100;
    if (grouping) {
        std::string grouped;
        std::size_t n = whole.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0 && (n - i) % 3 == 0) grouped += ',';
            grouped += whole[i];
        }
        whole = std::move(grouped);
    }
    std::string out = negative ? "-" : "";
    out += whole;
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

}  // namespace bangfu::core
