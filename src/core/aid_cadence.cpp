#include "core/aid_cadence.hpp"

#include <algorithm>

namespace bangfu::core {

namespace {
bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int month_days(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}
Date add_months(const Date& d, std::int64_t n) {
    std::int64_t months = std::int64_t{d.year} * 12 + (d.month - 1) + n;
    int y = static_cast<int>(months / 12);
    int m = static_cast<int>(months % 12) + 1;
    return {y, m, std::min(d.day, month_days(y, m))};
}
// Terms numbered in order: 2 per school year; spring of year y is 2y, autumn of year y is 2y+1
// (autumn y runs Aug y – Jan y+1).
std::int64_t term_index(const Date& d) {
    if (d.month == 1) return std::int64_t{d.year - 1} * 2 + 1;
    if (d.month <= 7) return std::int64_t{d.year} * 2;
    return std::int64_t{d.year} * 2 + 1;
}
Date last_day_of_term(std::int64_t index) {
    int year = static_cast<int>(index / 2);
    if (index % 2 == 0) return {year, 7, 31};
    return {year + 1, 1, 31};
}
}  // namespace

// day_number (days since 1970-01-01) is defined once, in core/dispatch.cpp (declared in both
// headers); date_from_day_number is H. Hinnant's civil_from_days.
Date date_from_day_number(std::int64_t z) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Date term_start(const Date& d) {
    std::int64_t i = term_index(d);
    int year = static_cast<int>(i / 2);
    return i % 2 == 0 ? Date{year, 2, 1} : Date{year, 8, 1};
}

Date term_end(const Date& d) {
    return last_day_of_term(term_index(d));
}

Date add_interval(const Date& from, std::int64_t count, std::string_view unit) {
    if (unit == "day") return date_from_day_number(day_number(from) + count);
    if (unit == "week") return date_from_day_number(day_number(from) + 7 * count);
    if (unit == "month") return add_months(from, count);
    return last_day_of_term(term_index(from) + count);  // term
}

bool case_ended(const std::optional<Date>& end, const Date& today) {
    return end && *end < today;
}

CadenceDue cadence_due(std::int64_t every_count, std::string_view every_unit, const Date& start,
                       const std::optional<Date>& end, const std::optional<Date>& last,
                       const Date& today) {
    CadenceDue out;
    out.last = last;
    // A record before the start (not accepted, but possible after the start was moved) counts
    // from the start.
    Date from = last && *last > start ? *last : start;
    out.due = add_interval(from, std::max<std::int64_t>(every_count, 1), every_unit);
    if (case_ended(end, today) || today < start) return out;
    if (today > out.due) {
        out.overdue = true;
        out.days_overdue = day_number(today) - day_number(out.due);
    }
    return out;
}

}  // namespace bangfu::core
