#pragma once
// When the next help of an aid case is due, and whether it is overdue (逾期). A cadence says
// "tutoring every 1 week", "home visit every 1 term"; the next help of a kind is due one
// interval after the last record of that kind, or after the case's start when none exists yet.
//
// Units:
// - day, week: exact days (a week is 7 days).
// - month: calendar months; a day that the target month lacks becomes its last day
//   (31 Jan + 1 month = 28/29 Feb).
// - term (学期): the school terms of China, so that every day belongs to exactly one term:
//   the spring term runs 1 Feb – 31 Jul, the autumn term 1 Aug – 31 Jan (the summer holiday is
//   counted with the autumn term it leads into, the winter holiday with the autumn term it ends).
//   "Every N terms" after a date in term T is due by the last day of term T + N: a home visit
//   "each term" made on 10 Mar 2026 (spring 2026) makes the next due by 31 Jan 2027 (the end of
//   autumn 2026), overdue from 1 Feb 2027.
//
// A help is overdue when today is after its due date. An ended case (end date before today) is
// never overdue, nor is a case that has not started.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace bangfu::core {

// `from` plus `count` units (dict::aid_cadence_unit). For terms: the last day of the count-th
// term after the term of `from`.
Date add_interval(const Date& from, std::int64_t count, std::string_view unit);
// The first and last day of the term `d` falls in.
Date term_start(const Date& d);
Date term_end(const Date& d);

struct CadenceDue {
    std::optional<Date> last;  // the latest record of the kind, if any
    Date due;                  // the next help is due by this day (inclusive)
    bool overdue = false;      // today is after `due` and the case is running
    std::int64_t days_overdue = 0;
};

// `last` is the latest record date of the cadence's kind (none yet: nullopt).
CadenceDue cadence_due(std::int64_t every_count, std::string_view every_unit, const Date& start,
                       const std::optional<Date>& end, const std::optional<Date>& last,
                       const Date& today);
// A case has ended when its end date is before today.
bool case_ended(const std::optional<Date>& end, const Date& today);

}  // namespace bangfu::core
