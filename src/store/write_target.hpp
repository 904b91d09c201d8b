#pragma once
// A write addressed by id to a row the actor cannot read. Reads out of scope answer 404 (the row
// is not there for the reader); writes out of scope answer 403 (docs/api.md), while a write to a
// row that does not exist at all stays a 404. The scoped loaders of the repositories throw
// not_found for both; this tells them apart for the write paths.
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "store/connection.hpp"
#include "store/scope.hpp"

namespace bangfu::store {

// Whether `table` holds a row with this id, whoever may read it: only to choose between 403 and
// 404 (the answer says no more than that the id is taken). `table` is a name from the code.
bool row_exists(Connection& c, std::string_view table, std::int64_t id);

// Runs the scoped `load` of the row `table`/`id`; when it finds nothing and the row exists,
// refuses the write as out of scope (403).
template <class Load>
auto load_or_refuse(Connection& c, std::string_view table, std::int64_t id, Load&& load)
    -> decltype(load()) {
    try {
        return load();
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::not_found && row_exists(c, table, id))
            refuse_out_of_scope();
        throw;
    }
}

}  // namespace bangfu::store
