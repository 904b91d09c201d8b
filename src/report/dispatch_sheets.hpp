#pragma once
// Teacher dispatch in spreadsheets (exports): batches, assignments, attachment study and the
// workload report.
#include <string_view>
#include <vector>

#include "core/dispatch.hpp"
#include "report/table.hpp"
#include "store/dispatch_report_repository.hpp"

namespace bangfu::report {

Table batches_table(const std::vector<core::Batch>& items, std::string_view lang);
Table assignments_table(const std::vector<core::Assignment>& items, std::string_view lang);
Table attachment_studies_table(const std::vector<core::AttachmentStudy>& items,
                               std::string_view lang);
Table workload_table(const std::vector<store::dispatch_reports::WorkloadRow>& rows,
                     std::string_view lang);

// The statistics as one sheet: the totals first, then each grouping (year, subject, sender,
// recipient) with its rows.
Table statistics_table(const store::dispatch_reports::Statistics& s, std::string_view lang);

// Numeric columns (0-based) of each table.
inline constexpr std::size_t batches_numeric_columns[] = {3, 4};
inline constexpr std::size_t assignments_numeric_columns[] = {9, 10};
inline constexpr std::size_t attachment_numeric_columns[] = {4, 8};
inline constexpr std::size_t workload_numeric_columns[] = {4, 5, 6, 7, 8};
inline constexpr std::size_t statistics_numeric_columns[] = {2, 3, 4};

}  // namespace bangfu::report
