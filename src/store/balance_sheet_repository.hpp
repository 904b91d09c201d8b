#pragma once
// The schools' resources (办学条件) as a list, for the spreadsheet export that can be edited and
// imported back (report/balance_sheets). Kept apart from balance_repository, which computes the
// figures: this is only the stored inputs, row by row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/balance.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::balance {

struct ConditionsRow {
    std::int64_t institution = 0;
    std::string name;
    std::string kind;
    core::balance::SchoolConditions conditions;
};

// The stored inputs of the schools the actor reads (Scope::institutions) in the region's subtree
// (every readable school when `region` is empty), of one school year or of every year; ordered
// by school year, then school name. 404 when the region does not exist.
std::vector<ConditionsRow> list_conditions(Connection& c, const core::Actor& a,
                                           const std::string& region,
                                           std::optional<std::int64_t> school_year);

}  // namespace bangfu::store::balance
