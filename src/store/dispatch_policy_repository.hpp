#pragma once
// The dispatch policy of a program: read by whoever reads the program, written by the bureau
// running it (check_program_write). A program without a row answers the defaults.
#include <boost/json.hpp>

#include "core/dispatch_policy.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::dispatch_policies {

core::DispatchPolicy get(Connection& c, const core::Actor& a, std::int64_t program);
// The policy without a scope check, for rules applied inside another write.
core::DispatchPolicy effective(Connection& c, std::int64_t program);
// Replaces the whole policy (fields not sent take the defaults).
core::DispatchPolicy put(Connection& c, const core::Actor& a, std::int64_t program,
                         const boost::json::object& body);

}  // namespace bangfu::store::dispatch_policies
