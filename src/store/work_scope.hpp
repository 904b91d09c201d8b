#pragma once
// Data scope of the pairing work (programs, pairings and what is recorded under them), applied in
// the store on every read and write (DESIGN.md §1):
// - a bureau admin or inspector reads a program owned by a region in their subtree, and every
//   pairing with the program's owner, the supporter or the recipient in their subtree (so the
//   recipient's bureau sees a cross-region counterpart pairing run by the supporter's city);
// - an institution admin or teacher reads the pairings their institution is part of, and the
//   programs of those pairings;
// - what is recorded under a pairing (plans, activities, donations, inspections, resources) is
//   read with the pairing; what is recorded under a program only, with the program.
// Writes: a program and its organisation belong to the bureau owning it; the work of a pairing
// may also be recorded by the admins of either side (the bureaus of either side, and the
// institution admins of the supporter and the recipient).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/user.hpp"
#include "store/audit_repository.hpp"
#include "store/connection.hpp"
#include "store/scope.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// The program (and pairing) a piece of work is recorded under, loaded for scope decisions.
struct WorkRef {
    std::int64_t program = 0;
    std::string program_region;
    std::string program_path;  // region path of the program's owner
    std::optional<std::int64_t> pairing;
    std::int64_t supporter = 0;
    std::int64_t recipient = 0;
    std::string supporter_path;
    std::string recipient_path;
    std::string pairing_status;  // active / ended, when a pairing is given
};

// Loads the program and optional pairing. A program or pairing that does not exist or (pairing)
// is not part of the program is a validation error on `program_field` / `pairing_field`, so a
// form shows it under the right input; one the actor may not read is refused (403, naming the
// field), as every out-of-scope write is (docs/api.md).
WorkRef load_work_ref(Connection& c, const core::Actor& a, std::int64_t program,
                      std::optional<std::int64_t> pairing,
                      std::string_view program_field = "program",
                      std::string_view pairing_field = "pairing");
// The same from a pairing alone (its program is looked up).
WorkRef load_pairing_ref(Connection& c, const core::Actor& a, std::int64_t pairing,
                         std::string_view pairing_field = "pairing");

// The checks of who may change a program or record work under it, and who may read it, are
// Scope::check_program_write, Scope::check_work_write and Scope::may_read_work.

// The audit target of a work row: scoped by the program owner's region path, and by the
// recipient institution when the row belongs to a pairing.
audit::Target work_audit_target(std::string entity, std::int64_t id, const WorkRef& ref);

}  // namespace bangfu::store
