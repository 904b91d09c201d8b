#pragma once
// Data scope of teacher dispatch (DESIGN.md §1), on top of the pairing work's (work_scope.hpp):
// - reads: whoever reads the program (or pairing) the row is recorded under; a bureau admin or
//   inspector whose subtree holds either institution of the row; an institution admin or
//   teacher of either institution; and a teacher their own rows (Actor::staff);
// - writes (admins only): system admins; bureau admins whose subtree holds the program's owner
//   or the sending (home, for attachment study) institution; institution admins of the sending
//   institution (of either institution, for attachment study).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/user.hpp"
#include "store/audit_repository.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// The region path of an institution, or nullopt when it does not exist.
std::optional<std::string> institution_region_path(Connection& c, std::int64_t id);

// Audit target: scoped by the program owner's region, and by the sending institution.
audit::Target dispatch_audit_target(std::string entity, std::int64_t id,
                                    const std::string& program_path, std::int64_t institution);

}  // namespace bangfu::store
