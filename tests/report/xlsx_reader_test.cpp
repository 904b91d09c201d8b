#include <gtest/gtest.h>

#include <string>

#include "report/xlsx_reader.hpp"
#include "test_util.hpp"

namespace bangfu::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using test::XlsxParts;

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string error_of(std::string_view bytes, const ReadLimits& limits = {}) {
    try {
        read_xlsx(bytes, limits);
    } catch (const FileError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string worksheet(const std::string& sheet_data) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
           "\n<worksheet xmlns=\"" + kMain +
           R"(" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:E9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>)" +
           sheet_data + "</sheetData></worksheet>";
}

// Shared strings as Excel writes them: plain, rich-text runs, a phonetic guide that is not part
// of the value, and an _x000D_ escape for a carriage return.
const std::string kSharedStrings =
    std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") + "<sst xmlns=\"" + kMain +
    R"(" count="7" uniqueCount="7">)"
    R"(<si><t>学校名称</t></si>)"
    R"(<si><t>学生数</t></si>)"
    R"(<si><t>建校日期</t></si>)"
    R"(<si><t>备注</t></si>)"
    R"(<si><r><rPr><b/><sz val="11"/></rPr><t>桐城市</t></r>)"
    R"(<r><t xml:space="preserve">实验小学</t></r></si>)"
    R"(<si><t>青草镇</t><rPh sb="0" eb="3"><t>せいそう</t></rPh></si>)"
    "<si><t>第一行_x000D_\n第二行</t></si>"
    "</sst>";

// cellXfs: 0 General, 1 built-in date 14, 2 custom 年月日 date, 3 built-in date-time 22,
// 4 "0.00". cellStyleXfs comes first with a date format to catch counting the wrong list.
const std::string kStyles =
    std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") + "<styleSheet xmlns=\"" + kMain +
    R"("><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>)"
    R"(<fonts count="1"><font><sz val="11"/></font></fonts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14" fontId="0"/></cellStyleXfs>)"
    R"(<cellXfs count="5"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>)"
    R"(<xf numFmtId="176" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" xfId="0" applyNumberFormat="1"/>)"
    R"(<xf numFmtId="2" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>)";

const std::string kSheet = worksheet(
    R"(<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>)"
    R"(<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>1200</v></c><c r="C2" s="1"><v>45292</v></c>)"
    R"(<c r="D2" t="inlineStr"><is><t>省级示范校</t></is></c></row>)"
    R"(<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3"><v>3.1400000000000001</v></c>)"
    R"(<c r="C3" s="2"><v>36526</v></c></row>)"
    R"(<row r="4"><c r="A4" t="s"><v>6</v></c><c r="C4" s="3"><v>45292.5</v></c>)"
    R"(<c r="D4" t="b"><v>1</v></c></row>)"
    R"(<row r="6"><c r="A6" t="str"><f>A2&amp;"分校"</f><v>桐城市实验小学分校</v></c>)"
    R"(<c r="B6" s="4"><v>4.2E+1</v></c><c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>)"
    R"(<c r="E6" t="e"><f>VLOOKUP(A6,A1:A2,2,0)</f><v>#N/A</v></c></row>)"
    R"(<row r="7"><c r="A7" s="1"/><c r="B7" s="3"/></row><row r="9"><c r="C9" s="2"/></row>)");

const std::string kEmptySharedStrings = std::string("<sst xmlns=\"") + kMain + "\"/>";
const std::string kEmptyStyles = std::string("<styleSheet xmlns=\"") + kMain + "\"/>";

XlsxParts excel_workbook() {
    XlsxParts parts = XlsxParts::excel_like(kSheet, kSharedStrings, kStyles);
    // Two tabs, the first one stored as sheet2.xml and reached through an absolute target, so
    // the reader must follow workbook.xml and its relationships rather than guess a file name.
    parts.set(
        "xl/workbook.xml",
        std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
            "<workbook xmlns=\"" + kMain +
            R"(" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView/></bookViews><sheets><sheet name="学校名单" sheetId="1" r:id="rId9"/><sheet name="其他" sheetId="2" r:id="rId1"/></sheets></workbook>)");
    parts.set("xl/_rels/workbook.xml.rels",
              R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>)");
    parts.set("xl/worksheets/sheet2.xml", kSheet);
    parts.set(
        "xl/worksheets/sheet1.xml",
        worksheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>不应读取</t></is></c></row>)"));
    return parts;
}

TEST(XlsxReader, ReadsAWorkbookLaidOutLikeExcel) {
    const Table table = read_xlsx(excel_workbook().zip());
    EXPECT_EQ(table.header,
              (std::vector<std::string>{"学校名称", "学生数", "建校日期", "备注", ""}));
    EXPECT_EQ(table.rows, (Rows{{"桐城市实验小学", "1200", "2024-01-01", "省级示范校", ""},
                                {"青草镇", "3.14", "2000-01-01", "", ""},
                                {"第一行\r\n第二行", "", "2024-01-01 12:00", "TRUE", ""},
                                {"", "", "", "", ""},
                                {"桐城市实验小学分校", "42", "富文本", "", "#N/A"}}));
}

TEST(XlsxReader, HandlesPrefixedNamesMissingReferencesAnd1904Dates) {
    // Written the way some .NET and Java tools do: an "x:" prefix, no r attributes, no
    // sharedStrings part, and the 1904 date system (old Mac Excel).
    XlsxParts parts = XlsxParts::excel_like(
        std::string("<x:worksheet xmlns:x=\"") + kMain +
            R"("><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c>)"
            R"(<x:c t="inlineStr"><x:is><x:t>时间</x:t></x:is></x:c></x:row>)"
            R"(<x:row><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>0.75</x:v></x:c></x:row>)"
            R"(</x:sheetData></x:worksheet>)",
        "",
        std::string("<styleSheet xmlns=\"") + kMain +
            R"("><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="20"/></cellXfs></styleSheet>)");
    parts.remove("xl/sharedStrings.xml");
    parts.set(
        "xl/workbook.xml",
        std::string("<x:workbook xmlns:x=\"") + kMain +
            R"(" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="S" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>)");
    EXPECT_EQ(read_xlsx(parts.zip()), (Table{{"日期", "时间"}, {{"1904-01-01", "18:00"}}}));
}

TEST(XlsxReader, ChineseBuiltInDateFormatsAreDates) {
    // Chinese Excel/WPS save "2024年1月1日" style cells with built-in id 31 and no definition.
    XlsxParts parts = XlsxParts::excel_like(
        worksheet(
            R"(<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292</v></c></row>)"),
        kEmptySharedStrings,
        std::string("<styleSheet xmlns=\"") + kMain +
            R"("><cellXfs><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="3"/></cellXfs></styleSheet>)");
    EXPECT_EQ(read_xlsx(parts.zip()).header, (std::vector<std::string>{"2024-01-01", "45292"}));
}

TEST(XlsxReader, RejectsWhatIsNotAWorkbook) {
    EXPECT_EQ(error_of("这不是表格"), "不是有效的 Excel (.xlsx) 文件");
    EXPECT_EQ(error_of(""), "不是有效的 Excel (.xlsx) 文件");
    EXPECT_EQ(error_of(test::ZipBuilder().add("readme.txt", "hello").build()),
              "不是有效的 Excel (.xlsx) 文件");
    // A Word document is a zip with an officeDocument too.
    XlsxParts docx = excel_workbook();
    docx.set("xl/workbook.xml", R"(<w:document xmlns:w="urn:x"><w:body/></w:document>)");
    EXPECT_EQ(error_of(docx.zip()), "不是有效的 Excel (.xlsx) 文件");
}

TEST(XlsxReader, RefusesAnEntryLargerThanTheLimit) {
    const std::string bytes = excel_workbook().zip();
    ASSERT_NO_THROW(read_xlsx(bytes));  // fine with the default 200 MiB limit
    const std::string error = error_of(bytes, ReadLimits{.max_entry_bytes = 1000});
    EXPECT_NE(error.find("解压后超过 1000 字节"), std::string::npos) << error;
}

TEST(XlsxReader, RefusesAnEntryWhoseHeaderUnderstatesItsSize) {
    // A crafted bomb: the headers claim just the size of the worksheet XML, but inflating gives
    // 1 MiB more. Reading stops at the claimed size (so the limit check on the header holds),
    // and the cut-off entry must then be refused rather than taken as complete.
    XlsxParts parts = excel_workbook();
    test::ZipBuilder builder;
    for (const auto& [name, content] : parts.parts) {
        if (name == "xl/worksheets/sheet2.xml") {
            builder.add_with_false_size(name, content + std::string(1 << 20, ' '), content.size());
        } else {
            builder.add(name, content);
        }
    }
    const std::string error = error_of(builder.build(), ReadLimits{.max_entry_bytes = 64 * 1024});
    EXPECT_EQ(error, "Excel 文件已损坏：xl/worksheets/sheet2.xml 校验失败");
}

TEST(XlsxReader, RefusesHugeSparseSheets) {
    XlsxParts parts = XlsxParts::excel_like(
        worksheet(
            R"(<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>)"),
        kEmptySharedStrings, kEmptyStyles);
    const std::string error = error_of(parts.zip());
    EXPECT_NE(error.find("表格过大"), std::string::npos) << error;
}

TEST(XlsxReader, RefusesAWorkbookThatExpandsBeyondTheMemoryBudget) {
    // One shared string of 10,000 bytes named by 2,000 cells: a small file, 20 MB once every
    // cell holds its copy. Issue 17 found 9 million such cells taking 2 GB.
    const std::string text(10'000, 'x');
    const std::string shared =
        std::string("<sst xmlns=\"") + kMain + "\"><si><t>" + text + "</t></si></sst>";
    std::string rows;
    for (int r = 1; r <= 2000; ++r)
        rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
                "\" t=\"s\"><v>0</v></c></row>";
    const std::string bytes = XlsxParts::excel_like(worksheet(rows), shared, kEmptyStyles).zip();
    ReadLimits limits;
    limits.max_bytes = 8 * 1024 * 1024;
    EXPECT_EQ(error_of(bytes, limits), "表格内容展开后超过 8 MB 的上限，请拆分后分批导入");
    // Within the budget the same file reads, every cell with its text.
    limits.max_bytes = 64 * 1024 * 1024;
    const Table table = read_xlsx(bytes, limits);
    ASSERT_EQ(table.rows.size(), 1999u);
    EXPECT_EQ(table.rows.back().at(0), text);
    // Many shared strings count too, before any cell names them.
    std::string many = std::string("<sst xmlns=\"") + kMain + "\">";
    for (int i = 0; i < 1000; ++i) many += "<si><t>" + text + "</t></si>";
    many += "</sst>";
    limits.max_bytes = 4 * 1024 * 1024;
    EXPECT_EQ(error_of(XlsxParts::excel_like(worksheet(""), many, kEmptyStyles).zip(), limits),
              "表格内容展开后超过 4 MB 的上限，请拆分后分批导入");
}

TEST(XlsxReader, RefusesDtdsAndBrokenXml) {
    XlsxParts with_dtd = excel_workbook();
    with_dtd.set("xl/worksheets/sheet2.xml",
                 R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><worksheet/>)");
    EXPECT_NE(error_of(with_dtd.zip()).find("DTD"), std::string::npos);

    XlsxParts broken = excel_workbook();
    broken.set("xl/worksheets/sheet2.xml", worksheet("<row r=\"1\"><c r=\"A1\"><v>1</c></row>"));
    const std::string error = error_of(broken.zip());
    EXPECT_NE(error.find("xl/worksheets/sheet2.xml 第 2 行 XML 格式错误"), std::string::npos)
        << error;
}

TEST(XlsxReader, RejectsBadSharedStringIndexAndCellReference) {
    XlsxParts bad_index = excel_workbook();
    bad_index.set("xl/worksheets/sheet2.xml",
                  worksheet(R"(<row r="1"><c r="A1" t="s"><v>99</v></c></row>)"));
    EXPECT_NE(error_of(bad_index.zip()).find("共享字符串索引"), std::string::npos);

    XlsxParts bad_ref = excel_workbook();
    bad_ref.set("xl/worksheets/sheet2.xml",
                worksheet(R"(<row r="1"><c r="1A"><v>1</v></c></row>)"));
    EXPECT_NE(error_of(bad_ref.zip()).find("单元格引用"), std::string::npos);
}

}  // namespace
}  // namespace bangfu::report
