#pragma once
#include <boost/json.hpp>

#include "core/staff.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::staff {

// Filters: institution, region (subtree), role, subject, title, backbone, gender, archived.
Page<core::Staff> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Staff get(Connection& c, const core::Actor& a, std::int64_t id);
// Whether the actor may see this person's personal data (phone) unmasked: admins over their
// scope, and a teacher over their own record. Inspectors see masked data.
bool may_see_personal(const core::Actor& a, const core::Staff& s);
// Records an unmasked read of personal data in the audit log (own records are not audited).
void audit_personal_read(Connection& c, const core::Actor& a, const core::Staff& s);
core::Staff create(Connection& c, const core::Actor& a, core::Staff x, core::FieldErrors errors,
                   bool in_transaction = false);
core::Staff update(Connection& c, const core::Actor& a, std::int64_t id,
                   const boost::json::object& patch);
enum class Removal { deleted, archived };
Removal remove(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::staff
