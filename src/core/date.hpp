#pragma once
// Calendar dates as "YYYY-MM-DD" text. The clock is not read here (core has no I/O): callers pass
// today's date in.
#include <optional>
#include <string>
#include <string_view>

namespace bangfu::core {

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
};

std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);
// Whole years from `from` to `to` (an age).
int years_between(const Date& from, const Date& to);

}  // namespace bangfu::core
