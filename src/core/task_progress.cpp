#include "core/task_progress.hpp"

#include <algorithm>
#include <array>

namespace bangfu::core {

namespace {
constexpr std::array statuses{
    Option{"not_started", "未开始", "Not started"}, Option{"in_progress", "进行中", "In progress"},
    Option{"achieved", "已完成", "Achieved"}, Option{"overdue", "已逾期", "Overdue"}};

}  // namespace

namespace dict {
const Dictionary task_status{"task_status", statuses};
}  // namespace dict

bool activity_counts(const TaskTarget& t, const ActivityFact& a) {
    if (t.activity_type && a.type != *t.activity_type) return false;
    // Dates are ISO text, so text order is date order.
    return a.start_date >= t.period_start && a.start_date <= t.due_date;
}

std::int64_t activity_amount(const TaskTarget& t, const ActivityFact& a) {
    if (t.metric == "activity_days") {
        auto s = parse_date(a.start_date);
        auto e = parse_date(a.end_date);
        if (!s) return 0;
        if (!e || *e < *s) return 1;  // a one-day activity (or an inconsistent end date)
        return day_number(*e) - day_number(*s) + 1;
    }
    if (t.metric == "participant_count") return std::max<std::int64_t>(a.participants, 0);
    return 1;
}

TaskProgress compute_progress(const TaskTarget& t, std::span<const ActivityFact> activities,
                              const Date& today) {
    TaskProgress p;
    p.target = t.target;
    for (const auto& a : activities)
        if (activity_counts(t, a)) p.done += activity_amount(t, a);
    if (t.target > 0)
        p.percent = static_cast<int>(std::min<std::int64_t>(100, p.done * 100 / t.target));
    bool achieved = t.target > 0 && p.done >= t.target;
    auto due = parse_date(t.due_date);
    if (achieved)
        p.status = "achieved";
    else if (due && today > *due)
        p.status = "overdue";
    else if (p.done > 0)
        p.status = "in_progress";
    else
        p.status = "not_started";
    return p;
}

}  // namespace bangfu::core
