#pragma once
// Tasks under a plan: who does what by when, with a measurable target tied to recorded
// activities (core/task_progress computes how far along it is).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"
#include "core/task_progress.hpp"

namespace bangfu::core {

struct Task {
    std::int64_t id = 0;
    std::int64_t plan = 0;
    std::string description;
    std::optional<std::int64_t> owner_institution;
    std::string owner_institution_name;  // derived
    std::optional<std::int64_t> owner_staff;
    std::string owner_staff_name;  // derived
    std::string period_start;
    std::string due_date;
    std::string metric;                        // dict::task_metric
    std::optional<std::string> activity_type;  // extensible dictionary activity_type; any if absent
    std::int64_t target = 1;
    std::string created_at;
    std::string updated_at;
    // Derived, for display and the cross-plan list.
    std::string plan_title;
    std::int64_t program = 0;
    std::optional<std::int64_t> pairing;
    TaskProgress progress;
};

std::span<const FieldLabel> task_labels();
TaskTarget task_target(const Task& x);
boost::json::object to_json(const Task& x);
void read_json(Task& x, const boost::json::object& o, FieldErrors& e);
// Checks everything but the activity type's value (an extensible dictionary: the store checks
// it against the database).
FieldErrors validate(const Task& x);

}  // namespace bangfu::core
