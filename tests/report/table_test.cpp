#include <gtest/gtest.h>

#include <string>

#include "report/encoding.hpp"
#include "report/number.hpp"
#include "report/table.hpp"
#include "report/xlsx_writer.hpp"
#include "test_util.hpp"

namespace bangfu::report {
namespace {

TEST(ColumnIndex, MatchesTrimmedAndAsciiCaseInsensitive) {
    const Table table{{"  名称 ", "Name", "\xE3\x80\x80人数\xE3\x80\x80", "ＮＡＭＥ"}, {}};
    EXPECT_EQ(column_index(table, {"名称"}), 0U);
    EXPECT_EQ(column_index(table, {"NAME"}), 1U);
    EXPECT_EQ(column_index(table, {"人数"}), 2U);
    EXPECT_EQ(column_index(table, {"地址", "address"}), std::nullopt);
    // Full-width letters are different characters, not a case variant.
    EXPECT_EQ(column_index(Table{{"ＮＡＭＥ"}, {}}, {"name"}), std::nullopt);
}

TEST(ColumnIndex, PrefersNamesInTheOrderGiven) {
    const Table table{{"name", "名称"}, {}};
    EXPECT_EQ(column_index(table, {"名称", "name"}), 1U);
    EXPECT_EQ(column_index(table, {"name", "名称"}), 0U);
    EXPECT_EQ(column_index(Table{{"", "x"}, {}}, {" "}), std::nullopt);
}

TEST(ReadTable, SniffsXlsxAndCsv) {
    const Table table{{"名称", "人数"}, {{"桐城市实验小学", "1200"}}};
    EXPECT_EQ(read_table(write_xlsx(table)), table);
    EXPECT_EQ(read_table("名称,人数\n桐城市实验小学,1200\n"), table);
}

TEST(ReadTable, ExplainsOldXlsFiles) {
    const std::string ole2("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12);
    try {
        read_table(ole2);
        FAIL() << "no error";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find(".xls"), std::string::npos) << e.what();
    }
}

TEST(Number, FormatsLikeExcelShowsIt) {
    EXPECT_EQ(format_number(42.0), "42");
    EXPECT_EQ(format_number(-7.0), "-7");
    EXPECT_EQ(format_number(-0.0), "0");
    EXPECT_EQ(format_number(3.1400000000000001), "3.14");
    EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
    EXPECT_EQ(format_number(0.0015), "0.0015");
    EXPECT_EQ(format_number(13912345678.0), "13912345678");
    EXPECT_EQ(format_number(1e20), "100000000000000000000");
    EXPECT_EQ(format_number(1.5e-12), "1.5e-12");
}

TEST(Number, ParsesWholeTextOnly) {
    EXPECT_EQ(parse_number("1E+3"), 1000.0);
    EXPECT_EQ(parse_number("-2.5"), -2.5);
    EXPECT_EQ(parse_number(" 1"), std::nullopt);
    EXPECT_EQ(parse_number("1 "), std::nullopt);
    EXPECT_EQ(parse_number("12万"), std::nullopt);
    EXPECT_EQ(parse_number("inf"), std::nullopt);
    EXPECT_EQ(parse_number(""), std::nullopt);
}

TEST(Encoding, DisplayWidthCountsCjkAsTwo) {
    EXPECT_EQ(detail::display_width("abc"), 3U);
    EXPECT_EQ(detail::display_width("桐城abc"), 7U);
    EXPECT_EQ(detail::display_width("（全角）"), 8U);
    EXPECT_EQ(detail::display_width("短\n长一些的行"), 10U);
}

TEST(Encoding, ValidatesUtf8Strictly) {
    EXPECT_TRUE(detail::is_valid_utf8("桐城 abc"));
    EXPECT_FALSE(detail::is_valid_utf8("\xC0\xAF"));      // overlong '/'
    EXPECT_FALSE(detail::is_valid_utf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(detail::is_valid_utf8("\xE6\xA1"));      // truncated
}

}  // namespace
}  // namespace bangfu::report
