#pragma once
// Pairings in a spreadsheet: what a bureau hands to its leading group ("结对关系一览表").
#include <string_view>
#include <vector>

#include "core/pairing.hpp"
#include "report/table.hpp"

namespace bangfu::report {

// Dimensions and status in the chosen language (labels, not codes), dates as YYYY-MM-DD.
Table pairings_table(const std::vector<core::Pairing>& items, std::string_view lang);

}  // namespace bangfu::report
