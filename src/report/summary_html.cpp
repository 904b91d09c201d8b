// The yearly summary as a printable HTML page, and as a statistical workbook.
#include <set>
#include <string>

#include "core/local_time.hpp"
#include "core/money.hpp"
#include "core/report_print.hpp"
#include "report/summary_writers.hpp"
#include "report/xlsx_writer.hpp"

namespace bangfu::report {

namespace {
using core::report::Report;

constexpr std::string_view css = R"CSS(
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Times New Roman", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "宋体", serif;
       font-size: 12pt; line-height: 1.6; color: #000; max-width: 210mm; margin: 0 auto; padding: 12px; }
h1 { font-family: "Noto Sans CJK SC", SimHei, "黑体", sans-serif; text-align: center; font-size: 18pt; margin: 12px 0 4px; }
h2 { font-family: "Noto Sans CJK SC", SimHei, "黑体", sans-serif; font-size: 15pt; margin: 18px 0 6px; break-after: avoid; }
h3 { font-family: "Noto Sans CJK SC", SimHei, "黑体", sans-serif; font-size: 12pt; margin: 12px 0 4px; break-after: avoid; }
p.sub { text-align: center; font-size: 10.5pt; color: #444; margin: 0 0 12px; }
p.prose { text-indent: 2em; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 10pt; }
th, td { border: 1px solid #888; padding: 3px 6px; vertical-align: top; }
th { background: #ddebf7; }
td.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
a { color: inherit; text-decoration: none; }
.empty { color: #666; }
p.note { font-size: 10pt; margin: 2px 0 4px; }
@media print { body { padding: 0; } }
)CSS";

std::string h(std::string_view s) {
    return xml_escape(s);
}

std::string prose(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) out += "<p class=\"prose\">" + h(line) + "</p>\n";
        start = end + 1;
    }
    return out;
}

// Excel's sheet name rules: at most 31 characters, none of []:*?/\, unique in the workbook.
std::string sheet_name(std::string_view title, std::set<std::string>& used) {
    std::string clean;
    for (char ch : title)
        clean += std::string_view("[]:*?/\\").find(ch) == std::string_view::npos ? ch : ' ';
    // Cut at a UTF-8 boundary within 31 code points.
    std::string out;
    int points = 0;
    for (std::size_t i = 0; i < clean.size();) {
        auto u = static_cast<unsigned char>(clean[i]);
        std::size_t len = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
        if (points == 28) break;
        out += clean.substr(i, len);
        i += len;
        ++points;
    }
    std::string name = out;
    for (int n = 2; used.contains(name); ++n) name = out + " " + std::to_string(n);
    used.insert(name);
    return name;
}
}  // namespace

std::string write_summary_html(const Report& full, std::string_view lang) {
    bool en = lang == "en";
    // On paper a long table is grouped (core/report_print.hpp); the workbook keeps every row.
    const Report r = core::report::for_print(full);
    std::string title = core::report::report_title(r).in(lang);
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(en ? "en" : "zh-CN") +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + h(title) +
                      "</title>\n<style>" + std::string(css) + "</style>\n</head>\n<body>\n";
    out += "<h1>" + h(title) + "</h1>\n";
    std::string sub = en ? "Figures from Bangfu's records as of " +
                               core::china_time(r.generated_at) + " (Beijing time)"
                         : "数据来源：帮扶系统记录，统计时间 " + core::china_time(r.generated_at) +
                               "（北京时间）";
    if (r.locked) sub += en ? " (locked)" : "（已锁定）";
    out += "<p class=\"sub\">" + h(sub) + "</p>\n";
    for (const auto& s : r.sections) {
        out += "<section data-section=\"" + h(s.key) + "\">\n<h2>" + h(s.title.in(lang)) +
               "</h2>\n" + prose(s.summary.in(lang));
        if (!s.figures.empty()) {
            out += "<table class=\"figures\"><thead><tr><th>" +
                   std::string(en ? "Figure" : "指标") + "</th><th>" +
                   std::string(en ? "Value" : "数值") + "</th><th>" +
                   std::string(en ? "Unit" : "单位") + "</th></tr></thead><tbody>\n";
            for (const auto& f : s.figures)
                out += "<tr data-figure=\"" + h(f.key) + "\"><td>" + h(f.label.in(lang)) +
                       "</td><td class=\"num\"><a href=\"" + h(f.link) + "\">" +
                       h(core::report::format_value(f)) + "</a></td><td>" +
                       h(core::report::unit_label(f.unit).in(lang)) + "</td></tr>\n";
            out += "</tbody></table>\n";
        }
        for (const auto& t : s.tables) {
            if (t.rows.empty()) continue;
            std::set<std::size_t> right(t.money_columns.begin(), t.money_columns.end());
            right.insert(t.numeric_columns.begin(), t.numeric_columns.end());
            out += "<h3>" + h(t.title.in(lang)) + "</h3>\n";
            if (!t.note.in(lang).empty())
                out += "<p class=\"note\" data-note=\"" + h(t.key) + "\">" + h(t.note.in(lang)) +
                       "</p>\n";
            out += "<table data-table=\"" + h(t.key) + "\"><thead><tr>";
            for (const auto& c : t.columns) out += "<th>" + h(c.in(lang)) + "</th>";
            out += "</tr></thead><tbody>\n";
            for (const auto& row : t.rows) {
                out += "<tr>";
                for (std::size_t i = 0; i < row.size(); ++i)
                    out += std::string(right.contains(i) ? "<td class=\"num\">" : "<td>") +
                           h(row[i].in(lang)) + "</td>";
                out += "</tr>\n";
            }
            out += "</tbody></table>\n";
        }
        out += "</section>\n";
    }
    const std::pair<std::string_view, const std::string*> parts[] = {
        {"feelings", &r.written.feelings},
        {"shortcomings", &r.written.shortcomings},
        {"next_steps", &r.written.next_steps}};
    for (const auto& [key, text] : parts) {
        out += "<section data-written=\"" + std::string(key) + "\">\n<h2>" +
               h(core::report::written_heading(key).in(lang)) + "</h2>\n";
        out += text->empty() ? "<p class=\"empty\">" +
                                   std::string(en ? "(not written yet)" : "（尚未填写）") + "</p>\n"
                             : prose(*text);
        out += "</section>\n";
    }
    return out + "</body>\n</html>\n";
}

std::string write_summary_xlsx(const Report& r, std::string_view lang) {
    bool en = lang == "en";
    std::vector<XlsxSheet> sheets;
    std::set<std::string> used;
    XlsxSheet figures;
    figures.options.sheet_name = sheet_name(en ? "Figures" : "指标汇总", used);
    figures.table.header = {en ? "Section" : "部分", en ? "Figure" : "指标", en ? "Value" : "数值",
                            en ? "Unit" : "单位"};
    for (const auto& s : r.sections)
        for (const auto& f : s.figures)
            figures.table.rows.push_back({s.title.in(lang), f.label.in(lang),
                                          f.unit == core::report::Unit::fen
                                              ? core::format_yuan(f.value)
                                              : std::to_string(f.value),
                                          core::report::unit_label(f.unit).in(lang)});
    // Values are numbers: money with two decimals, counts as integers.
    figures.options.money_columns = {2};
    figures.options.numeric_columns = {2};
    sheets.push_back(std::move(figures));
    for (const auto& s : r.sections)
        for (const auto& t : s.tables) {
            XlsxSheet sheet;
            sheet.options.sheet_name = sheet_name(t.title.in(lang), used);
            for (const auto& c : t.columns) sheet.table.header.push_back(c.in(lang));
            for (const auto& row : t.rows) {
                std::vector<std::string> cells;
                for (const auto& c : row) cells.push_back(c.in(lang));
                sheet.table.rows.push_back(std::move(cells));
            }
            sheet.options.money_columns = t.money_columns;
            sheet.options.numeric_columns = t.numeric_columns;
            sheets.push_back(std::move(sheet));
        }
    return write_xlsx_workbook(sheets);
}

}  // namespace bangfu::report
