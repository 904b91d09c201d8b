#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "report/xlsx_reader.hpp"
#include "report/xlsx_writer.hpp"
#include "test_util.hpp"

namespace bangfu::report {
namespace {

using test::cell_xml;
using test::unzip_entry;

const Table kSchools{{"学校名称", "学生数", "面积（亩）", "编号", "备注"},
                     {{"桐城市实验小学", "1200", "35.5", "007", "省级示范校, \"优秀\""},
                      {"青草镇中心小学", "85", "12.25", "12", "第一行\n第二行"},
                      {"大关镇小学", "", "1.50", "13912345678", ""}}};

XlsxOptions numeric_options() {
    XlsxOptions options;
    options.sheet_name = "学校名单";
    options.numeric_columns = {1, 2, 3};
    return options;
}

std::string sheet_xml(const std::string& xlsx, int index = 1) {
    auto xml = unzip_entry(xlsx, "xl/worksheets/sheet" + std::to_string(index) + ".xml");
    return xml.value_or("");
}

bool is_number_cell(const std::string& cell) {
    return !cell.empty() && cell.find(" t=\"") == std::string::npos &&
           cell.find("<v>") != std::string::npos;
}

TEST(XlsxWriter, RoundTripsAChineseTableWithNumbers) {
    const std::string bytes = write_xlsx(kSchools, numeric_options());
    EXPECT_EQ(read_xlsx(bytes), kSchools);
}

TEST(XlsxWriter, StoresNumbersOnlyWhereTheTextSurvives) {
    const std::string xml = sheet_xml(write_xlsx(kSchools, numeric_options()));
    ASSERT_FALSE(xml.empty());
    EXPECT_TRUE(is_number_cell(cell_xml(xml, "B2"))) << cell_xml(xml, "B2");
    EXPECT_NE(cell_xml(xml, "B2").find("<v>1200</v>"), std::string::npos);
    EXPECT_TRUE(is_number_cell(cell_xml(xml, "C3"))) << cell_xml(xml, "C3");
    EXPECT_TRUE(is_number_cell(cell_xml(xml, "D4"))) << cell_xml(xml, "D4");
    // "007" and "1.50" would change as numbers, so they stay text.
    EXPECT_FALSE(is_number_cell(cell_xml(xml, "D2"))) << cell_xml(xml, "D2");
    EXPECT_FALSE(is_number_cell(cell_xml(xml, "C4"))) << cell_xml(xml, "C4");
    // Columns not listed are text even when numeric-looking.
    const std::string all_text = sheet_xml(write_xlsx(kSchools));
    EXPECT_FALSE(is_number_cell(cell_xml(all_text, "B2"))) << cell_xml(all_text, "B2");
    EXPECT_NE(cell_xml(all_text, "B2").find("1200"), std::string::npos);
}

TEST(XlsxWriter, FormatsTheHeaderAndNamesTheSheet) {
    const std::string bytes = write_xlsx(kSchools, numeric_options());
    const std::string xml = sheet_xml(bytes);
    EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos);
    EXPECT_NE(xml.find("<autoFilter ref=\"A1:E4\"/>"), std::string::npos);
    const std::string styles = unzip_entry(bytes, "xl/styles.xml").value_or("");
    EXPECT_NE(styles.find("<b/>"), std::string::npos);
    EXPECT_NE(styles.find("FFDDEBF7"), std::string::npos);
    const std::string workbook = unzip_entry(bytes, "xl/workbook.xml").value_or("");
    EXPECT_NE(workbook.find("name=\"学校名单\""), std::string::npos) << workbook;
}

TEST(XlsxWriter, EstimatesColumnWidthsCountingCjkAsTwo) {
    const Table table{{"名称", "代码", "说明"}, {{"桐城市实验小学", "abc", std::string(90, 'x')}}};
    const std::string xml = sheet_xml(write_xlsx(table));
    // 7 CJK characters = 14, plus 2 padding; "abc" gets the minimum 8; 90 is capped at 60.
    // libxlsxwriter stores widths with Excel's font padding added (16 -> 16.7109375).
    EXPECT_NE(xml.find(R"(<col min="1" max="1" width="16.7)"), std::string::npos) << xml;
    EXPECT_NE(xml.find(R"(<col min="2" max="2" width="8.7)"), std::string::npos) << xml;
    EXPECT_NE(xml.find(R"(<col min="3" max="3" width="60.7)"), std::string::npos) << xml;
}

TEST(XlsxWriter, AddsAnInstructionsSheet) {
    XlsxOptions options;
    options.sheet_name = "导入模板";
    options.instructions = {"第一列填写学校全称", "学生数只能填写整数"};
    const std::string bytes = write_xlsx(kSchools, options);
    const std::string workbook = unzip_entry(bytes, "xl/workbook.xml").value_or("");
    const auto template_pos = workbook.find("name=\"导入模板\"");
    const auto instructions_pos = workbook.find("name=\"说明\"");
    ASSERT_NE(template_pos, std::string::npos);
    ASSERT_NE(instructions_pos, std::string::npos);
    EXPECT_LT(template_pos, instructions_pos);
    EXPECT_NE(sheet_xml(bytes, 2).find("学生数只能填写整数"), std::string::npos);
    EXPECT_EQ(read_xlsx(bytes), kSchools);  // the data sheet is still the one read
}

TEST(XlsxWriter, KeepsControlCharactersAndUnderscoreEscapes) {
    const Table table{{"a"}, {{"tab\there"}, {"bell\x07"}, {"_x0041_ and _x005F_ literally"}}};
    EXPECT_EQ(read_xlsx(write_xlsx(table)), table);
}

TEST(XlsxWriter, RefusesWhatExcelCannotHold) {
    const Table too_long{{"备注"}, {{std::string(32768, 'x')}}};
    try {
        write_xlsx(too_long);
        FAIL() << "no error";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find("第 2 行第 A 列"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("32767"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(write_xlsx(Table{{"备注"}, {{std::string(32767, 'x')}}}));
    EXPECT_THROW(write_xlsx(Table{{"a"}, {{std::string("a\0b", 3)}}}), FileError);
    EXPECT_THROW(write_xlsx(Table{{"a"}, {{"\xFF"}}}), FileError);
}

TEST(XlsxWriter, RejectsInvalidSheetNames) {
    XlsxOptions options;
    options.sheet_name = "学校/名单";
    EXPECT_THROW(write_xlsx(kSchools, options), std::invalid_argument);
    options.sheet_name = "说明";
    options.instructions = {"x"};
    EXPECT_THROW(write_xlsx(kSchools, options), std::invalid_argument);
    // Excel's limit is 31 characters, not bytes: a 31-character Chinese name is fine.
    std::string name;
    for (int i = 0; i < 31; ++i) name += "校";
    options = XlsxOptions{.sheet_name = name};
    EXPECT_NO_THROW(write_xlsx(kSchools, options));
    options.sheet_name += "校";
    EXPECT_THROW(write_xlsx(kSchools, options), std::invalid_argument);
}

TEST(XlsxWriter, WritesAnEmptyTable) {
    EXPECT_EQ(read_xlsx(write_xlsx(Table{})), Table{});
}

}  // namespace
}  // namespace bangfu::report

namespace bangfu::report {
namespace {

// Money columns: yuan text with two decimals becomes a number Excel can sum, shown as #,##0.00;
// every fen survives the double (at most 15 significant digits).
TEST(XlsxWriter, StoresYuanWithTwoDecimalsAsMoneyNumbers) {
    const Table t{{"用途", "金额（元）"},
                  {{"窗户玻璃", "5000.00"},
                   {"零钱", "0.03"},
                   {"上限", "100000000000.00"},
                   {"最后一分", "99999999999.99"},
                   {"退款", "-0.50"},
                   {"文本", "5,000.00"},
                   {"三位小数", "1.005"},
                   {"空", ""}}};
    XlsxOptions o;
    o.money_columns = {1};
    const std::string bytes = write_xlsx(t, o);
    const std::string xml = test::unzip_entry(bytes, "xl/worksheets/sheet1.xml").value_or("");
    for (const char* ref : {"B2", "B3", "B4", "B5", "B6"})
        EXPECT_TRUE(is_number_cell(test::cell_xml(xml, ref))) << test::cell_xml(xml, ref);
    for (const char* ref : {"B7", "B8"})
        EXPECT_FALSE(is_number_cell(test::cell_xml(xml, ref))) << test::cell_xml(xml, ref);
    const auto styles = test::unzip_entry(bytes, "xl/styles.xml").value_or("");
    EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos);
    // Read back (as Excel shows values, 15 significant digits): the same amounts.
    const Table back = read_xlsx(bytes);
    EXPECT_EQ(back.rows[0][1], "5000");
    EXPECT_EQ(back.rows[1][1], "0.03");
    EXPECT_EQ(back.rows[2][1], "100000000000");
    EXPECT_EQ(back.rows[3][1], "99999999999.99");
    EXPECT_EQ(back.rows[4][1], "-0.5");
    EXPECT_EQ(back.rows[5][1], "5,000.00");
}

}  // namespace
}  // namespace bangfu::report
