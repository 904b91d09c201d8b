#pragma once
// One-to-one aid in spreadsheets: the cases (one row each, with what is due) and the statistics
// (by kind of help and by month). Chinese headers, English with lang=en. Never a personal field
// of a beneficiary: aid screens and their exports show name, institution, grade and class only.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/aid.hpp"
#include "report/table.hpp"
#include "store/aid_record_repository.hpp"

namespace bangfu::report {

Table aid_cases_table(const std::vector<core::AidCase>& items, std::string_view lang);
std::vector<std::size_t> aid_cases_numeric_columns();

// Rows by kind, then by month, then the totals; amounts in yuan.
Table aid_statistics_table(const store::aid::Statistics& s, std::string_view lang);
std::vector<std::size_t> aid_statistics_numeric_columns();
std::vector<std::size_t> aid_statistics_money_columns();

}  // namespace bangfu::report
