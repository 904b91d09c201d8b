#pragma once
// Tasks under plans, with their progress computed from the recorded activities
// (core/task_progress) on every read.
#include <boost/json.hpp>
#include <cstdint>

#include "core/task.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::tasks {

// The tasks of one plan (readable, else 404). Filters: status (task_status).
Page<core::Task> list_for_plan(Connection& c, const core::Actor& a, std::int64_t plan,
                               const ListQuery& q);
// Tasks across the plans in scope. Filters: overdue (true/false), status, program, pairing, plan.
Page<core::Task> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Task get(Connection& c, const core::Actor& a, std::int64_t id);
core::Task create(Connection& c, const core::Actor& a, std::int64_t plan, core::Task x,
                  core::FieldErrors errors);
core::Task update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::tasks
