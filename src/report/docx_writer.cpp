// The yearly summary as a .docx: WordprocessingML parts zipped in memory. Only what Word and
// LibreOffice need: content types, relationships, styles (with the Chinese fonts), a font
// table, core properties and the document.
#include <string>
#include <vector>

#include "core/local_time.hpp"
#include "core/report_print.hpp"
#include "report/summary_writers.hpp"
#include "report/zip_writer.hpp"

namespace bangfu::report {

namespace {
using core::report::Report;
using core::report::Section;

constexpr std::string_view xml_head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view w_ns =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// 宋体 for Chinese (Word on Windows has it), Noto Serif CJK SC as the alternative name Linux and
// LibreOffice resolve; Times New Roman for Latin text.
constexpr std::string_view fonts =
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" "
    "w:cs=\"Times New Roman\"/>";
constexpr std::string_view heading_fonts =
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"黑体\" "
    "w:cs=\"Times New Roman\"/>";

std::string content_types() {
    return std::string(xml_head) +
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" "
           "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
           "<Override PartName=\"/word/styles.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
           "<Override PartName=\"/word/fontTable.xml\" "
           "ContentType=\"application/"
           "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
           "<Override PartName=\"/docProps/core.xml\" "
           "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
           "</Types>";
}

std::string package_rels() {
    return std::string(xml_head) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "officeDocument\" Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
           "core-properties\" Target=\"docProps/core.xml\"/>"
           "</Relationships>";
}

std::string document_rels() {
    return std::string(xml_head) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
           "Target=\"styles.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "fontTable\" Target=\"fontTable.xml\"/>"
           "</Relationships>";
}

std::string font_table() {
    auto font = [](std::string_view name, std::string_view alt, std::string_view family) {
        return "<w:font w:name=\"" + std::string(name) + "\"><w:altName w:val=\"" +
               std::string(alt) + "\"/><w:charset w:val=\"86\"/><w:family w:val=\"" +
               std::string(family) + "\"/><w:pitch w:val=\"variable\"/></w:font>";
    };
    return std::string(xml_head) + "<w:fonts " + std::string(w_ns) + ">" +
           font("宋体", "SimSun", "auto") + font("黑体", "SimHei", "modern") +
           font("SimSun", "Noto Serif CJK SC", "auto") +
           font("Noto Serif CJK SC", "宋体", "roman") +
           "<w:font w:name=\"Times New Roman\"><w:family w:val=\"roman\"/>"
           "<w:pitch w:val=\"variable\"/></w:font></w:fonts>";
}

// Children of pPr / rPr / tblPr follow the schema's order (spacing before jc, rFonts before b
// before sz): Word refuses a document whose elements are out of order.
std::string styles() {
    auto para_style = [](std::string_view id, std::string_view name, std::string_view ppr,
                         std::string_view rpr) {
        return "<w:style w:type=\"paragraph\" w:styleId=\"" + std::string(id) +
               "\"><w:name w:val=\"" + std::string(name) +
               "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>" +
               std::string(ppr) + "</w:pPr><w:rPr>" + std::string(rpr) + "</w:rPr></w:style>";
    };
    std::string heading_rpr = std::string(heading_fonts) + "<w:b/>";
    return std::string(xml_head) + "<w:styles " + std::string(w_ns) +
           "><w:docDefaults><w:rPrDefault><w:rPr>" + std::string(fonts) +
           "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" "
           "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
           "w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
           "</w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
           "w:val=\"Normal\"/><w:qFormat/></w:style>" +
           para_style("Title", "Title",
                      "<w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
                      heading_rpr + "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>") +
           para_style("Subtitle", "Subtitle", "<w:jc w:val=\"center\"/>",
                      "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>") +
           para_style("Heading1", "heading 1",
                      "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl "
                      "w:val=\"0\"/>",
                      heading_rpr + "<w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>") +
           para_style("Heading2", "heading 2",
                      "<w:keepNext/><w:spacing w:before=\"180\" w:after=\"60\"/><w:outlineLvl "
                      "w:val=\"1\"/>",
                      heading_rpr + "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>") +
           para_style("TableText", "Table Text", "<w:spacing w:after=\"0\" w:line=\"240\"/>",
                      "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>") +
           "</w:styles>";
}

std::string core_properties(const Report& r, std::string_view lang) {
    return std::string(xml_head) +
           "<cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
           xml_escape(core::report::report_title(r).in(lang)) +
           "</dc:title><dc:creator>Bangfu</dc:creator><dc:language>" +
           (lang == "en" ? "en-US" : "zh-CN") + "</dc:language></cp:coreProperties>";
}

// A run of text; tabs and line breaks become Word's own elements.
std::string run(std::string_view text, bool bold = false) {
    std::string out = "<w:r>";
    if (bold) out += "<w:rPr><w:b/></w:rPr>";
    std::string chunk;
    auto flush = [&] {
        if (chunk.empty()) return;
        out += "<w:t xml:space=\"preserve\">" + xml_escape(chunk) + "</w:t>";
        chunk.clear();
    };
    for (char ch : text) {
        if (ch == '\t') {
            flush();
            out += "<w:tab/>";
        } else if (ch != '\r') {
            chunk += ch;
        }
    }
    flush();
    return out + "</w:r>";
}

std::string paragraph(std::string_view text, std::string_view style = {}, bool bold = false) {
    std::string out = "<w:p>";
    if (!style.empty()) out += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
    return out + run(text, bold) + "</w:p>";
}

// The user's text, one Word paragraph per line (first-line indent, as Chinese prose is set).
std::string prose(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line != "\r")
            out += "<w:p><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/></w:pPr>" +
                   run(line) + "</w:p>";
        start = end + 1;
    }
    return out;
}

std::string cell(std::string_view text, bool header, bool right) {
    std::string out = "<w:tc><w:tcPr>";
    if (header) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DDEBF7\"/>";
    out += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>";
    if (right) out += "<w:jc w:val=\"right\"/>";
    out += "</w:pPr>" + run(text, header) + "</w:p></w:tc>";
    return out;
}

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
    std::string out =
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>"
        "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        "</w:tblBorders><w:tblLook w:val=\"04A0\" w:firstRow=\"1\"/></w:tblPr><w:tblGrid>";
    for (std::size_t i = 0; i < header.size(); ++i) out += "<w:gridCol/>";
    out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    for (const auto& h : header) out += cell(h, true, false);
    out += "</w:tr>";
    for (const auto& row : rows) {
        out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
        for (std::size_t i = 0; i < header.size(); ++i)
            out += cell(i < row.size() ? row[i] : "", false, i < right.size() && right[i]);
        out += "</w:tr>";
    }
    // Word needs a paragraph between two adjacent tables.
    return out + "</w:tbl><w:p/>";
}

std::string section_xml(const Section& s, std::string_view lang) {
    std::string out = paragraph(s.title.in(lang), "Heading1");
    out += prose(s.summary.in(lang));
    if (!s.figures.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : s.figures)
            rows.push_back({f.label.in(lang), core::report::format_value(f),
                            core::report::unit_label(f.unit).in(lang)});
        bool en = lang == "en";
        out += table({en ? "Figure" : "指标", en ? "Value" : "数值", en ? "Unit" : "单位"}, rows,
                     {false, true, false});
    }
    for (const auto& t : s.tables) {
        if (t.rows.empty()) continue;
        out += paragraph(t.title.in(lang), "Heading2");
        // A grouped table says so, and where its complete list is.
        if (!t.note.in(lang).empty()) out += paragraph(t.note.in(lang), "TableText");
        std::vector<std::string> header;
        for (const auto& c : t.columns) header.push_back(c.in(lang));
        std::vector<bool> right(header.size(), false);
        for (auto i : t.money_columns)
            if (i < right.size()) right[i] = true;
        for (auto i : t.numeric_columns)
            if (i < right.size()) right[i] = true;
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (const auto& c : row) cells.push_back(c.in(lang));
            rows.push_back(std::move(cells));
        }
        out += table(header, rows, right);
    }
    return out;
}

std::string document(const Report& full, std::string_view lang) {
    bool en = lang == "en";
    // On paper a long table is grouped (core/report_print.hpp); the workbook keeps every row.
    const Report r = core::report::for_print(full);
    std::string body = paragraph(core::report::report_title(r).in(lang), "Title");
    std::string sub = en ? "Figures from Bangfu's records as of " +
                               core::china_time(r.generated_at) + " (Beijing time)"
                         : "数据来源：帮扶系统记录，统计时间 " + core::china_time(r.generated_at) +
                               "（北京时间）";
    if (r.locked) sub += en ? " (locked)" : "（已锁定）";
    body += paragraph(sub, "Subtitle");
    for (const auto& s : r.sections) body += section_xml(s, lang);
    int n = static_cast<int>(r.sections.size());
    const std::pair<std::string_view, const std::string*> parts[] = {
        {"feelings", &r.written.feelings},
        {"shortcomings", &r.written.shortcomings},
        {"next_steps", &r.written.next_steps}};
    static constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五",   "六",
                                                    "七", "八", "九", "十", "十一", "十二"};
    for (const auto& [key, text] : parts) {
        auto heading = core::report::written_heading(key);
        std::string title =
            en ? std::to_string(n + 1) + ". " + heading.en
               : std::string(numerals[static_cast<std::size_t>(n) % 12]) + "、" + heading.zh;
        ++n;
        body += paragraph(title, "Heading1");
        if (text->empty())
            body += paragraph(en ? "(not written yet)" : "（尚未填写）");
        else
            body += prose(*text);
    }
    body +=
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" "
        "w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" "
        "w:gutter=\"0\"/></w:sectPr>";
    return std::string(xml_head) + "<w:document " + std::string(w_ns) + "><w:body>" + body +
           "</w:body></w:document>";
}
}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto u = static_cast<unsigned char>(ch);
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if (u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
                out += ch;
        }
    }
    return out;
}

std::string write_docx(const Report& r, std::string_view lang) {
    ZipWriter zip;
    zip.add("[Content_Types].xml", content_types());
    zip.add("_rels/.rels", package_rels());
    zip.add("word/_rels/document.xml.rels", document_rels());
    zip.add("word/document.xml", document(r, lang));
    zip.add("word/styles.xml", styles());
    zip.add("word/fontTable.xml", font_table());
    zip.add("docProps/core.xml", core_properties(r, lang));
    return zip.finish();
}

}  // namespace bangfu::report
