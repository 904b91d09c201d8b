#pragma once
#include <boost/json.hpp>
#include <optional>

#include "core/institution.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::institutions {

// Filters: region (with its subtree), kind, locality, weak, archived (default false).
Page<core::Institution> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Institution get(Connection& c, const core::Actor& a, std::int64_t id);
// Every institution that is not archived, beyond the actor's scope, for choosing the partner of
// a cross-region pairing (无锡 pairs its schools with 霍城's): bureau and system admins only.
// Callers must expose only the public fields (name, kind, locality, weak, region), never the
// contact person or the counts. Filters: id, kind; q on the name. Sorted by name.
Page<core::Institution> directory(Connection& c, const core::Actor& a, const ListQuery& q);
// `errors` carries what reading the input already found, so the user gets every error at once.
// `in_transaction` is for importers that create many rows inside their own transaction.
core::Institution create(Connection& c, const core::Actor& a, core::Institution x,
                         core::FieldErrors errors, bool in_transaction = false);
core::Institution update(Connection& c, const core::Actor& a, std::int64_t id,
                         const boost::json::object& patch);
enum class Removal { deleted, archived };
// Archives instead of deleting when staff or users still refer to the institution.
Removal remove(Connection& c, const core::Actor& a, std::int64_t id);
// The id of an institution in the actor's scope with exactly this name, if exactly one exists.
std::optional<std::int64_t> find_id_by_name(Connection& c, const core::Actor& a,
                                            const std::string& name);

}  // namespace bangfu::store::institutions
