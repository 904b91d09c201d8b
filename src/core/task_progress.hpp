#pragma once
// Progress of a plan's task, computed from the recorded activities (never typed in): which
// activities count, how much they add, and whether the task is achieved or overdue.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/date.hpp"
#include "core/dictionary.hpp"

namespace bangfu::core {

// What a task measures: `metric` (dict::task_metric) of activities of `activity_type` (any type
// when absent) that start within [period_start, due_date], at least `target`.
struct TaskTarget {
    std::string metric;
    std::optional<std::string> activity_type;
    std::string period_start;
    std::string due_date;
    std::int64_t target = 1;
};

// An activity recorded under the task's pairing (or program, for a program-level plan).
struct ActivityFact {
    std::string type;
    std::string start_date;
    std::string end_date;
    std::int64_t participants = 0;  // leaders + teachers + students + medical staff
};

struct TaskProgress {
    std::int64_t done = 0;
    std::int64_t target = 0;
    int percent = 0;     // done / target, capped at 100
    std::string status;  // task_status below
};

namespace dict {
// not_started, in_progress, achieved, overdue.
extern const Dictionary task_status;
}  // namespace dict

// Whether an activity counts towards the task (type and start date in the period).
bool activity_counts(const TaskTarget& t, const ActivityFact& a);
// What one counted activity adds: 1, its days (end − start + 1) or its participants.
std::int64_t activity_amount(const TaskTarget& t, const ActivityFact& a);
// `today` is China's date (the caller reads the clock). Overdue: today is after the due date and
// the target is not reached.
TaskProgress compute_progress(const TaskTarget& t, std::span<const ActivityFact> activities,
                              const Date& today);

}  // namespace bangfu::core
