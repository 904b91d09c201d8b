#pragma once
// Dispatch batches (批次) of a program: read with the program, written by the bureau running it.
#include <boost/json.hpp>

#include "core/dispatch.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::batches {

// Filters: program, year (of the send-off); q searches the name and the send-off event.
// Sort: sendoff_date (default, newest first), name, planned_count, id.
Page<core::Batch> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Batch get(Connection& c, const core::Actor& a, std::int64_t id);
core::Batch create(Connection& c, const core::Actor& a, core::Batch x, core::FieldErrors errors);
core::Batch update(Connection& c, const core::Actor& a, std::int64_t id,
                   const boost::json::object& patch);
// Refused (409) while assignments name the batch.
void remove(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::batches
