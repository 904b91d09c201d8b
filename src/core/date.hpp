#pragma once
// Calendar dates as "YYYY-MM-DD" text. The clock is not read here (core has no I/O): callers pass
// today's date in.
#include <cstdint>
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
// Days since 1970-01-01 (proleptic Gregorian), and back: lengths of periods, due dates, overdue
// days across months and years.
std::int64_t day_number(const Date& d);
Date from_day_number(std::int64_t n);

}  // namespace bangfu::core
