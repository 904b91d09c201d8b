#pragma once
// Gathers the facts of the "four haves" (leading group, plans, inspections) for a program or a
// pairing and lets core/four_haves decide what is missing, as of today in China.
#include <cstdint>
#include <string>

#include "core/four_haves.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::four_haves {

// 404 when the program / pairing is not readable by the actor.
core::FourHaves for_program(Connection& c, const core::Actor& a, std::int64_t program);
core::FourHaves for_pairing(Connection& c, const core::Actor& a, std::int64_t pairing);

struct PairingCompliance {
    std::int64_t pairing = 0;
    std::int64_t program = 0;
    std::string program_name;
    std::int64_t supporter = 0;
    std::string supporter_name;
    std::int64_t recipient = 0;
    std::string recipient_name;
    std::string start_date;
    core::FourHaves result;
};
boost::json::object to_json(const PairingCompliance& x);

// Active pairings in the actor's scope that miss at least one of the four. Filters: program,
// region (pairings run by a program of that subtree or with a side in it).
Page<PairingCompliance> non_compliant(Connection& c, const core::Actor& a, const ListQuery& q);

}  // namespace bangfu::store::four_haves
