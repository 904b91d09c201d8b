#pragma once
// The yearly work summary rendered for people: a Word document (.docx, WordprocessingML that
// Word and LibreOffice open), a printable HTML page (the browser prints it or saves a PDF), and
// the statistical workbook (.xlsx, one sheet per table). Every writer renders any section of
// core/yearly_report.hpp generically, in the language asked for.
#include <string>
#include <string_view>

#include "core/yearly_report.hpp"

namespace bangfu::report {

// Text escaped for XML / HTML content and attribute values (& < > " '). Characters XML 1.0
// cannot hold (control characters other than tab, newline, carriage return) are dropped, as
// Word would refuse the file otherwise.
std::string xml_escape(std::string_view text);

// Chinese text in 宋体 (SimSun) with Noto Serif CJK SC as the fallback LibreOffice and Linux
// find; Latin text in Times New Roman.
std::string write_docx(const core::report::Report& r, std::string_view lang);

// A complete HTML page (UTF-8) with print CSS (A4, page breaks kept out of tables' rows).
std::string write_summary_html(const core::report::Report& r, std::string_view lang);

// Sheet one: every figure (section, figure, value, unit); then one sheet per table of the
// sections, named after it. Figures equal the report's (they are the same values).
std::string write_summary_xlsx(const core::report::Report& r, std::string_view lang);

}  // namespace bangfu::report
