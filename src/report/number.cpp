#include "report/number.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace bangfu::report {

namespace {

// Round-trip text of `value` in the given notation (shortest digits that parse back exactly).
std::string to_text(double value, std::chars_format fmt) {
    // Fixed notation of a double below 1e21 (the only case we ask for it) fits easily.
    std::array<char, 400> buf{};
    auto result = std::to_chars(buf.data(), buf.data() + buf.size(), value, fmt);
    if (result.ec != std::errc{}) {
        // Cannot happen with this buffer size; fall back to the general form rather than lose
        // the value.
        result = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    }
    return std::string(buf.data(), result.ptr);
}

}  // namespace

std::string format_number(double value) {
    if (!std::isfinite(value)) return to_text(value, std::chars_format::general);
    if (value == 0) return "0";  // also turns -0 into "0"

    // Excel stores 17 significant digits but only ever shows 15; rounding here makes the text
    // what the user typed or saw rather than binary noise.
    std::array<char, 64> rounded_text{};
    const int length = std::snprintf(rounded_text.data(), rounded_text.size(), "%.15g", value);
    double rounded = value;
    if (length > 0 && static_cast<std::size_t>(length) < rounded_text.size()) {
        std::from_chars(rounded_text.data(), rounded_text.data() + length, rounded);
    }

    const double magnitude = std::fabs(rounded);
    if (magnitude < 1e21 && std::trunc(rounded) == rounded) {
        // Integers in full digits (an ID or phone number stored as a number must not turn into
        // "1.3e+10").
        return to_text(rounded, std::chars_format::fixed);
    }
    if (magnitude >= 1e-9 && magnitude < 1e21) return to_text(rounded, std::chars_format::fixed);
    return to_text(rounded, std::chars_format::general);
}

std::optional<double> parse_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    double value = 0;
    const char* const first = text.data();
    const char* const last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ec != std::errc{} || end != last || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace bangfu::report
