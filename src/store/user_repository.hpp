#pragma once
#include <boost/json.hpp>
#include <optional>

#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::users {

// Admins only. Filters: role, region, institution, disabled.
Page<core::User> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::User get(Connection& c, const core::Actor& a, std::int64_t id);
core::User create(Connection& c, const core::Actor& a, core::User u,
                  std::optional<std::string> password, core::FieldErrors errors);
// `patch` may contain "password" to reset it.
core::User update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch);
enum class Removal { deleted, disabled };
// Users who have done anything (audit entries) are disabled instead, so the log keeps its names.
Removal remove(Connection& c, const core::Actor& a, std::int64_t id);
// The acting identity of a user, with the region path of their scope; nullopt if unknown.
std::optional<core::Actor> load_actor(Connection& c, std::int64_t user_id);

}  // namespace bangfu::store::users
