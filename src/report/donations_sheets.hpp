#pragma once
// Donations and shared resources in spreadsheets (exports).
#include <string_view>
#include <vector>

#include "core/donation.hpp"
#include "core/shared_resource.hpp"
#include "report/table.hpp"
#include "store/connection.hpp"

namespace bangfu::report {

// The donations table: one row per donation, the amount in yuan with two decimals (exact text
// from fen, stored by the writer as a number: donations_money_column), then total rows for funds,
// materials and both. Category labels include the ones admins added (read through `c`).
Table donations_table(store::Connection& c, const std::vector<core::Donation>& items,
                      std::string_view lang);
// The 0-based column of the amount in donations_table, and of the quantity.
inline constexpr std::size_t donations_money_column = 10;
inline constexpr std::size_t donations_quantity_column = 8;

Table resources_table(const std::vector<core::SharedResource>& items, std::string_view lang);

}  // namespace bangfu::report
