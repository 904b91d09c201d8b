#pragma once
// Inspections and supervision (检查督导) of a program or of one of its pairings. Read with
// scope_work; recorded by whoever may record work under the program or pairing
// (check_work_write): the program's bureau, and for a pairing also the bureaus of either side and
// the admins of the two institutions. Inspectors only read.
#include <boost/json.hpp>

#include "core/inspection.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::inspections {

// Filters: program, pairing, date_from, date_to (inclusive, YYYY-MM-DD). Sort: inspected_on
// (default newest first), id.
Page<core::Inspection> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Inspection get(Connection& c, const core::Actor& a, std::int64_t id);
core::Inspection create(Connection& c, const core::Actor& a, core::Inspection x,
                        core::FieldErrors errors);
core::Inspection update(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::inspections
