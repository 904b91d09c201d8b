#pragma once
// Activities in a spreadsheet: one row per activity, Chinese headers (English with lang=en),
// type labels, counts as numbers and the participants' names joined by "、".
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/activity.hpp"
#include "report/table.hpp"

namespace bangfu::report {

Table activities_table(const std::vector<core::Activity>& items, std::string_view lang);
// The columns of activities_table holding counts (stored as numbers so Excel can sum them).
std::vector<std::size_t> activities_numeric_columns();

}  // namespace bangfu::report
