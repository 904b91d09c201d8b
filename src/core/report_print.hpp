#pragma once
// The yearly summary as it is printed (issue 6, "Size"): the Word document, the printable HTML
// page and the web preview show a table row by row only while it fits on paper. A longer table
// (a province's 30,000 demonstration classes, 10,000 pairings) is printed as a grouped table of
// the same facts (counts, and sums of its number and money columns, by a column the table
// already has) with a sentence in both languages saying how many rows the full table has and
// that the complete list is in the Excel workbook, which always keeps every row.
//
// Done at render time from the full report, so a locked report (its tables frozen in full at
// lock time) prints the same way. Pure: no I/O.
#include <cstddef>

#include "core/yearly_report.hpp"

namespace bangfu::core::report {

// Tables with more data rows than this are printed grouped. 200 rows are about six A4 pages of
// the printed table: still a list someone reads through, while a county's lists (the seeds and
// the demo data: at most a few dozen rows per table) always print complete.
inline constexpr std::size_t print_row_limit = 200;

// One table as printed: `t` itself when it has at most `limit` data rows (a trailing 合计 row
// is not counted), else the grouped table with `note` set. The grouped table keeps the key, has
// at most `limit` data rows (the largest groups, then one "其他 / Others" row summing the rest)
// and a total row; its counts and sums add up to the full table's.
Table table_for_print(const Table& t, std::size_t limit = print_row_limit);

// The report with every table as table_for_print prints it; figures, paragraphs and written
// parts unchanged.
Report for_print(const Report& r, std::size_t limit = print_row_limit);

// Where the complete list of a grouped table is: "完整清单见 Excel 统计表（…）", in both languages.
// Also for a paragraph that would otherwise name more than print_row_limit people or classes
// ({"示范课名单", "The list of demonstration classes"}).
Text full_list_in_workbook(const Text& what = {"完整清单", "the complete list"});

}  // namespace bangfu::core::report
