#pragma once

#include <string>
#include <string_view>

#include "report/table.hpp"

namespace bangfu::report {

// Parses CSV as RFC 4180 (quoted fields, doubled quotes, commas and line breaks inside quotes;
// records end in CRLF, LF or a lone CR). A UTF-8 BOM is stripped. Input that is not valid UTF-8
// is decoded as GB18030 (what Chinese Excel/WPS save by default), input with a UTF-16 BOM as
// UTF-16. Like Excel, a quote inside an unquoted field and text after a closing quote are kept
// as literal characters. The result is normalised as described on Table.
// Throws FileError with a Chinese message naming the line, e.g. "第 12 行：引号未闭合".
Table read_csv(std::string_view bytes);
Table read_csv(std::string_view bytes, const ReadLimits& limits);

// UTF-8 with a BOM (so Excel detects the encoding of Chinese text), CRLF after every record,
// fields quoted only when they contain a comma, quote, CR or LF.
std::string write_csv(const Table& table);

}  // namespace bangfu::report
