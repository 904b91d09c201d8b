// The yearly summary writers: the .docx is a valid zip of well-formed XML that holds the
// Chinese text and escapes what XML must; the HTML page is a printable page; the workbook has a
// sheet per table with the report's figures.
#include <expat.h>
#include <gtest/gtest.h>
#include <unzip.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/pairing_work_summary.hpp"
#include "report/summary_writers.hpp"
#include "report/table.hpp"

namespace bangfu::report {
namespace {

using namespace core::report;

Report sample() {
    PairingWorkFacts f;
    f.programs = {{1, "叶集区城乡学校结对帮扶", "文教局人事股"}};
    f.pairings = {{5,
                   "叶集区城乡学校结对帮扶",
                   "第一中学",
                   "三元中学",
                   "2022-09-01",
                   {{"教师", "Teachers"}},
                   false}};
    f.activities_by_type = {{"demonstration_class", {"示范课", "Demonstration class"}, 1, 1}};
    // A topic with every XML special character, as a user may type it.
    f.demonstration_classes = {{"2026-10-15",
                                "赵雪梅",
                                {"化学", "Chemistry"},
                                "化学 <实验> & \"高效\" 课堂's",
                                "三元中学",
                                50}};
    f.donations_by_category = {{"", {"资金", "Funds"}, 8000000, 0, 1}};
    Report r;
    r.scope = {"program", "1"};
    r.scope_name = {"叶集区城乡学校结对帮扶", "叶集区城乡学校结对帮扶"};
    r.year = 2026;
    r.generated_at = "2026-11-29T10:00:00Z";
    r.sections = pairing_work_sections(f, {"program=1", 2026, ""});
    r.written = {"体会：结对帮扶促进了共同成长。\n第二段 <b>不是标签</b>", "", "继续推进"};
    return r;
}

// Every entry of a zip, by name.
std::map<std::string, std::string> unzip_all(const std::string& bytes) {
    auto path = std::filesystem::temp_directory_path() /
                ("bangfu-summary-test-" + std::to_string(::getpid()) + ".zip");
    {
        std::ofstream out(path, std::ios::binary);
        out << bytes;
    }
    std::map<std::string, std::string> entries;
    unzFile zip = unzOpen64(path.c_str());
    EXPECT_NE(zip, nullptr) << "not a zip archive";
    if (!zip) return entries;
    for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
        char name[512];
        unz_file_info64 info;
        unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0);
        EXPECT_EQ(unzOpenCurrentFile(zip), UNZ_OK);
        std::string content(info.uncompressed_size, '\0');
        if (!content.empty()) {
            EXPECT_EQ(
                unzReadCurrentFile(zip, content.data(), static_cast<unsigned>(content.size())),
                static_cast<int>(content.size()));
        }
        EXPECT_EQ(unzCloseCurrentFile(zip), UNZ_OK) << name << ": CRC";
        entries[name] = std::move(content);
    }
    unzClose(zip);
    std::filesystem::remove(path);
    return entries;
}

// Empty when the text is well-formed XML, else expat's complaint.
std::string xml_error(const std::string& xml) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    std::string error;
    if (XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
        error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
                std::to_string(XML_GetCurrentLineNumber(p));
    XML_ParserFree(p);
    return error;
}

TEST(DocxWriter, IsAZipOfWellFormedWordprocessingML) {
    auto entries = unzip_all(write_docx(sample(), "zh"));
    for (auto part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                      "word/fontTable.xml", "word/_rels/document.xml.rels", "docProps/core.xml"}) {
        ASSERT_TRUE(entries.contains(part)) << part;
        EXPECT_EQ(xml_error(entries[part]), "") << part;
    }
}

TEST(DocxWriter, HoldsTheChineseTextAndEscapesXmlCharacters) {
    auto doc = unzip_all(write_docx(sample(), "zh"))["word/document.xml"];
    EXPECT_NE(doc.find("叶集区城乡学校结对帮扶2026年度帮扶工作总结"), std::string::npos);
    EXPECT_NE(doc.find("三、交流互访与帮扶活动"), std::string::npos);
    EXPECT_NE(doc.find("赵雪梅"), std::string::npos);
    EXPECT_NE(doc.find("化学 &lt;实验&gt; &amp; &quot;高效&quot; 课堂&#39;s"), std::string::npos);
    EXPECT_EQ(doc.find("<实验>"), std::string::npos);
    EXPECT_NE(doc.find("80,000.00"), std::string::npos);  // the funds figure
    // The written parts: each line a paragraph, the user's markup kept as text.
    EXPECT_NE(doc.find("体会：结对帮扶促进了共同成长。"), std::string::npos);
    EXPECT_NE(doc.find("第二段 &lt;b&gt;不是标签&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(doc.find("（尚未填写）"), std::string::npos);  // shortcomings left empty
    EXPECT_NE(doc.find("七、下一步打算"), std::string::npos);
}

TEST(DocxWriter, DeclaresChineseFonts) {
    auto entries = unzip_all(write_docx(sample(), "zh"));
    EXPECT_NE(entries["word/styles.xml"].find("w:eastAsia=\"宋体\""), std::string::npos);
    EXPECT_NE(entries["word/styles.xml"].find("w:eastAsia=\"zh-CN\""), std::string::npos);
    EXPECT_NE(entries["word/fontTable.xml"].find("Noto Serif CJK SC"), std::string::npos);
}

TEST(DocxWriter, EnglishUsesTheEnglishLabels) {
    auto doc = unzip_all(write_docx(sample(), "en"))["word/document.xml"];
    EXPECT_NE(doc.find("3. Activities and exchange visits"), std::string::npos);
    EXPECT_NE(doc.find("Demonstration classes"), std::string::npos);
    EXPECT_EQ(doc.find("三、交流互访"), std::string::npos);
}

TEST(XmlEscape, DropsCharactersXmlCannotHold) {
    EXPECT_EQ(xml_escape(std::string("a\x01"
                                     "b\tc\n",
                                     6)),
              "ab\tc\n");
    EXPECT_EQ(xml_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&#39;");
}

TEST(SummaryHtml, IsAPrintablePageWithEscapedText) {
    auto html = write_summary_html(sample(), "zh");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("@page"), std::string::npos);
    EXPECT_NE(html.find("Noto Serif CJK SC"), std::string::npos);
    EXPECT_NE(html.find("化学 &lt;实验&gt; &amp; &quot;高效&quot;"), std::string::npos);
    EXPECT_EQ(html.find("<b>不是标签"), std::string::npos);
    // Each figure links to the records behind it.
    EXPECT_NE(
        html.find("<a href=\"/donations?program=1&amp;year=2026&amp;kind=funds\">80,000.00</a>"),
        std::string::npos);
}

TEST(SummaryXlsx, HasASheetPerTableWithTheFigures) {
    auto bytes = write_summary_xlsx(sample(), "zh");
    auto entries = unzip_all(bytes);
    int sheets = 0;
    for (const auto& [name, _] : entries)
        if (name.starts_with("xl/worksheets/sheet")) ++sheets;
    std::size_t tables = 0;
    for (const auto& s : sample().sections) tables += s.tables.size();
    EXPECT_EQ(sheets, static_cast<int>(tables) + 1);
    EXPECT_NE(entries["xl/workbook.xml"].find("捐赠分类统计"), std::string::npos);
    // The first sheet lists every figure; the funds are a number.
    auto t = read_table(bytes);
    ASSERT_EQ(t.header.at(1), "指标");
    bool found = false;
    for (const auto& row : t.rows)
        if (row.at(1) == "捐赠资金") {
            EXPECT_EQ(row.at(2), "80000");
            found = true;
        }
    EXPECT_TRUE(found);
}

// A province's summary: 30,000 demonstration classes in 12 subjects.
Report province() {
    const core::Text subjects[] = {{"语文", "Chinese"}, {"数学", "Math"},      {"英语", "English"},
                                   {"物理", "Physics"}, {"化学", "Chemistry"}, {"生物", "Biology"},
                                   {"历史", "History"}, {"地理", "Geography"}, {"政治", "Politics"},
                                   {"音乐", "Music"},   {"美术", "Art"},       {"体育", "PE"}};
    PairingWorkFacts f;
    for (int i = 0; i < 30000; ++i)
        f.demonstration_classes.push_back({"2026-10-15", "教师" + std::to_string(i),
                                           subjects[i % 12], "课题" + std::to_string(i),
                                           "学校" + std::to_string(i % 3000), 20 + i % 40});
    Report r;
    r.scope = {"region", "990000"};
    r.scope_name = {"河阳省", "河阳省"};
    r.year = 2026;
    r.generated_at = "2026-11-29T10:00:00Z";
    r.sections = pairing_work_sections(f, {"", 2026, ""});
    return r;
}

// The number of <row> elements of the worksheet that holds `text` (header row included).
std::size_t rows_of_sheet_with(const std::map<std::string, std::string>& entries,
                               std::string_view text) {
    for (const auto& [name, xml] : entries) {
        if (!name.starts_with("xl/worksheets/sheet") || xml.find(text) == std::string::npos)
            continue;
        std::size_t rows = 0;
        for (auto at = xml.find("<row "); at != std::string::npos; at = xml.find("<row ", at + 1))
            ++rows;
        return rows;
    }
    return 0;
}

TEST(SummaryPrint, TheCountyListsPrintComplete) {
    auto html = write_summary_html(sample(), "zh");
    EXPECT_NE(html.find("赵雪梅"), std::string::npos);
    EXPECT_EQ(html.find("完整清单见"), std::string::npos);
    EXPECT_EQ(html.find("class=\"note\""), std::string::npos);
    auto doc = unzip_all(write_docx(sample(), "zh"))["word/document.xml"];
    EXPECT_EQ(doc.find("完整清单见"), std::string::npos);
}

// Word and the printable page group the 30,000 classes by subject and say so; the workbook
// keeps every class.
TEST(SummaryPrint, AProvincePrintsGroupedAndTheWorkbookKeepsEveryRow) {
    auto r = province();
    auto html = write_summary_html(r, "zh");
    EXPECT_NE(html.find("示范课（按学科汇总）"), std::string::npos);
    EXPECT_NE(html.find("<p class=\"note\" data-note=\"demonstration_classes\">本表共 30000 行"),
              std::string::npos);
    EXPECT_NE(html.find("完整清单见 Excel 统计表"), std::string::npos);
    EXPECT_EQ(html.find("教师29999"), std::string::npos);
    EXPECT_EQ(html.find("课题0"), std::string::npos);
    // A few pages, not thousands (printed row by row, the page was about 6 MB).
    EXPECT_LT(html.size(), 100'000u) << html.size();
    auto en = write_summary_html(r, "en");
    EXPECT_NE(en.find("The full table has 30000 rows"), std::string::npos);
    EXPECT_NE(en.find("Demonstration classes by subject"), std::string::npos);

    auto docx = write_docx(r, "zh");
    EXPECT_LT(docx.size(), 100'000u) << docx.size();
    auto doc = unzip_all(docx)["word/document.xml"];
    EXPECT_EQ(xml_error(doc), "");
    EXPECT_NE(doc.find("本表共 30000 行"), std::string::npos);
    EXPECT_NE(doc.find("示范课（按学科汇总）"), std::string::npos);
    EXPECT_EQ(doc.find("教师29999"), std::string::npos);

    auto book = unzip_all(write_summary_xlsx(r, "zh"));
    EXPECT_EQ(rows_of_sheet_with(book, "教师29999"), 30001u);  // the header and every class
}

}  // namespace
}  // namespace bangfu::report
