#pragma once
// The leading group (领导小组) of a program: read with the program, changed by whoever may change
// the program (check_program_write). Every change is audited.
#include <boost/json.hpp>
#include <vector>

#include "core/program.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::leading_group {

// Ordered leader → deputy → member → office, then by sort_order and id.
std::vector<core::LeadingGroupMember> list(Connection& c, const core::Actor& a,
                                           std::int64_t program);
// A member given as a staff record takes its name from that record; the staff record must be
// one the actor may read (else a validation error on `staff`).
core::LeadingGroupMember create(Connection& c, const core::Actor& a, std::int64_t program,
                                core::LeadingGroupMember x, core::FieldErrors errors);
core::LeadingGroupMember update(Connection& c, const core::Actor& a, std::int64_t program,
                                std::int64_t id, const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id);

}  // namespace bangfu::store::leading_group
