#pragma once
// Programs and pairings for the tests of work recorded under them (donations, resources),
// inserted with SQL so these tests do not depend on the program and pairing repositories.
#include <cstdint>
#include <string>

#include "core/text.hpp"
#include "store/connection.hpp"

namespace bangfu::testing {

inline std::int64_t insert_program(store::Connection& c, const std::string& name,
                                   const std::string& region) {
    return c.query_int(
        "INSERT INTO programs (name, name_key, kind, region, start_date, status, created_at, "
        "updated_at) VALUES (?, ?, 'urban_rural_school', ?, '2023-09-01', 'active', "
        "'2023-09-01T00:00:00Z', '2023-09-01T00:00:00Z') RETURNING id",
        {name, core::collation_key(name), region});
}

inline std::int64_t insert_pairing(store::Connection& c, std::int64_t program,
                                   std::int64_t supporter, std::int64_t recipient,
                                   const std::string& status = "active") {
    return c.query_int(
        "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
        "updated_at) VALUES (?, ?, ?, '2023-09-01', ?, '2023-09-01T00:00:00Z', "
        "'2023-09-01T00:00:00Z') RETURNING id",
        {program, supporter, recipient, status});
}

}  // namespace bangfu::testing
