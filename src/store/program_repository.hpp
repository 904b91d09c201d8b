#pragma once
// Programs (帮扶项目): read within scope_programs, changed by system admins and by bureau admins
// whose subtree holds the owning region (work_scope.hpp).
#include <boost/json.hpp>
#include <optional>

#include "core/program.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::programs {

// Filters: region (with its subtree), kind, status, archived (default false); q searches the
// name. Sort: name (pinyin), start_date, id.
Page<core::Program> list(Connection& c, const core::Actor& a, const ListQuery& q);
// With pairing_count and active_pairing_count (pairings the actor may read).
core::Program get(Connection& c, const core::Actor& a, std::int64_t id);
core::Program create(Connection& c, const core::Actor& a, core::Program x,
                     core::FieldErrors errors);
core::Program update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch);
enum class Removal { deleted, archived };
// Deletes a program nothing refers to; archives it when pairings, plans, activities, donations,
// inspections, leading-group members or policy documents exist under it.
Removal remove(Connection& c, const core::Actor& a, std::int64_t id);

// The program as a write target of its sub-resources (leading group, documents): 404 when it
// does not exist, 403 (check_program_write) when the actor may not change it.
WorkRef writable_program(Connection& c, const core::Actor& a, std::int64_t id);
// The program as a read target of its sub-resources: 404 when the actor cannot read it.
WorkRef readable_program(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::programs
