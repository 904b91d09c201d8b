#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "report/table.hpp"

namespace bangfu::report {

// Every member has a default initializer so designated initializers such as
// XlsxOptions{.sheet_name = "单位"} compile cleanly under -Wextra -Werror.
struct XlsxOptions {
    // Worksheet tab name; Chinese is fine. Excel's rules apply (at most 31 characters, none of
    // []:*?/\ , not starting or ending with '); a name breaking them throws
    // std::invalid_argument.
    std::string sheet_name = "Sheet1";
    // 0-based columns whose cells are stored as numbers when the text is a number that reads
    // back as exactly the same text ("42", "3.5"); anything else ("007", "1.50", "12万") stays
    // text so nothing the user entered changes.
    std::vector<std::size_t> numeric_columns{};
    // 0-based columns of money in yuan: a cell of digits with exactly two decimals ("5000.00",
    // "-0.50", as core::format_yuan writes them) is stored as a number shown with two decimals
    // and thousands separators (#,##0.00), so Excel can sum it; anything else stays text. At most
    // 15 significant digits (10^13 fen), which a double holds exactly enough for Excel to show
    // every fen.
    std::vector<std::size_t> money_columns{};
    // If non-empty, a second sheet "说明" with one line per row, for import templates.
    std::vector<std::string> instructions{};
};

// An .xlsx with one sheet: a bold, filled, frozen header row with an autofilter, column widths
// estimated from content (CJK characters count 2, at most 60), every cell stored as text except
// in numeric_columns. Multi-line cells wrap. Returns the file's bytes.
// Throws FileError when the data does not fit Excel (more than 1048576 rows or 16384 columns, a
// cell over 32767 characters, text that is not UTF-8), std::invalid_argument for an invalid
// sheet name, std::system_error / std::runtime_error if the temporary file cannot be written.
std::string write_xlsx(const Table& table, const XlsxOptions& options = {});

// A workbook of several sheets, each as write_xlsx writes its one (the sheet names must differ).
struct XlsxSheet {
    Table table{};
    XlsxOptions options{};
};
std::string write_xlsx_workbook(const std::vector<XlsxSheet>& sheets);

}  // namespace bangfu::report
