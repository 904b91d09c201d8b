#pragma once

#include <string>
#include <string_view>

#include "report/table.hpp"

namespace bangfu::report {

// Reads the first worksheet (in tab order) of an .xlsx workbook as written by Excel, WPS,
// LibreOffice or libxlsxwriter, found through xl/workbook.xml and its relationships.
// - Shared strings (including rich-text runs; phonetic guides are skipped), inline strings and
//   formula string results become their text; Excel's _xHHHH_ escapes are decoded.
// - Numbers: integers without ".0" ("42"), others as short decimal text ("3.14"), rounded to
//   Excel's 15 significant digits. Booleans: "TRUE"/"FALSE". Errors: as shown ("#N/A").
// - Cells with a date style (built-in formats 14-22, the Chinese built-ins 27-31/36/50-58, or a
//   custom format with date parts) become "YYYY-MM-DD"; date-and-time styles
//   "YYYY-MM-DD HH:MM" (":SS" when non-zero); time-only styles "HH:MM". Both the 1900 and 1904
//   date systems are honoured.
// - Cells are placed by their reference; gaps become empty strings. The result is normalised as
//   described on Table (trailing empty rows dropped).
// Throws FileError("不是有效的 Excel (.xlsx) 文件") for anything that is not a workbook, and a
// FileError for a damaged one, an entry larger than limits.max_entry_bytes once uncompressed
// (checked against both the zip header and the bytes actually inflated), or a sheet larger than
// limits.max_cells.
Table read_xlsx(std::string_view bytes);
Table read_xlsx(std::string_view bytes, const ReadLimits& limits);

}  // namespace bangfu::report
