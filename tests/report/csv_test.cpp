#include <gtest/gtest.h>

#include <string>

#include "report/csv.hpp"
#include "report/encoding.hpp"
#include "test_util.hpp"

namespace bangfu::report {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string error_of(std::string_view bytes, const ReadLimits& limits = {}) {
    try {
        read_csv(bytes, limits);
    } catch (const FileError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Csv, RoundTripsChineseCommasQuotesAndLineBreaks) {
    const Table table{{"学校名称", "地址", "备注"},
                      {{"桐城市实验小学", "安徽省安庆市, 桐城市", "他说：\"结对帮扶\""},
                       {"青草镇中心小学", "第一行\n第二行", "Windows 换行\r\n第二行"},
                       {"", "\"", ",,"}}};
    EXPECT_EQ(read_csv(write_csv(table)), table);
}

TEST(Csv, WritesBomCrlfAndQuotesOnlyWhenNeeded) {
    const Table table{{"名称", "备注"}, {{"a,b", "say \"hi\""}, {"plain", "x\ny"}}};
    EXPECT_EQ(write_csv(table),
              "\xEF\xBB\xBF名称,备注\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nplain,\"x\ny\"\r\n");
}

TEST(Csv, StripsUtf8Bom) {
    const Table table = read_csv("\xEF\xBB\xBF名称,人数\n桐城市实验小学,1200\n");
    EXPECT_EQ(table.header, (std::vector<std::string>{"名称", "人数"}));
    EXPECT_EQ(table.rows, (Rows{{"桐城市实验小学", "1200"}}));
}

TEST(Csv, AcceptsCrlfLfAndLoneCrLineEnds) {
    const Table expected{{"a", "b"}, {{"1", "2"}, {"3", "4"}}};
    EXPECT_EQ(read_csv("a,b\r\n1,2\r\n3,4\r\n"), expected);
    EXPECT_EQ(read_csv("a,b\n1,2\n3,4"), expected);
    EXPECT_EQ(read_csv("a,b\r1,2\r3,4\r"), expected);
}

TEST(Csv, DecodesGb18030WhenNotUtf8) {
    const std::string text = "名称,人数\r\n桐城市实验小学,1200\r\n㐀𠀀,7\r\n";
    const std::string gb = test::encode(text, "GB18030");
    ASSERT_FALSE(detail::is_valid_utf8(gb));  // the test input really is not UTF-8
    const Table table = read_csv(gb);
    EXPECT_EQ(table.header, (std::vector<std::string>{"名称", "人数"}));
    EXPECT_EQ(table.rows, (Rows{{"桐城市实验小学", "1200"}, {"㐀𠀀", "7"}}));
}

TEST(Csv, DecodesUtf16WithBom) {
    const std::string bytes = "\xFF\xFE" + test::encode("名称,人数\r\n青草镇,85\r\n", "UTF-16LE");
    EXPECT_EQ(read_csv(bytes), (Table{{"名称", "人数"}, {{"青草镇", "85"}}}));
}

TEST(Csv, RejectsBytesThatAreNeitherUtf8NorGb18030) {
    EXPECT_NE(error_of("名称\n\xFF\xFF\xFF\n").find("无法识别文件编码"), std::string::npos);
}

TEST(Csv, RejectsBinaryContent) {
    EXPECT_NE(error_of(std::string("a,b\n\0\0\0", 7)).find("二进制"), std::string::npos);
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereItOpened) {
    // Line 3 is inside a (closed) multi-line field, so lines are counted physically.
    EXPECT_EQ(error_of("名称,备注\n甲,\"多\n行\"\n乙,\"未闭合\n后面\n"), "第 4 行：引号未闭合");
    EXPECT_EQ(error_of("\"abc"), "第 1 行：引号未闭合");
}

TEST(Csv, KeepsStrayQuotesLikeExcel) {
    EXPECT_EQ(read_csv("h1,h2\na\"b,\"c\"d\n").rows, (Rows{{"a\"b", "cd"}}));
}

TEST(Csv, NormalisesShapeWithoutLosingCells) {
    // Ragged rows are padded, a middle blank row stays (row numbers keep matching Excel), the
    // trailing blank rows and all-empty trailing columns go.
    const Table table = read_csv("a,b,c,,\n1\n\n2,3\n,,\n\n");
    EXPECT_EQ(table.header, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(table.rows, (Rows{{"1", "", ""}, {"", "", ""}, {"2", "3", ""}}));

    const Table wide = read_csv("a\n1,2,3\n");
    EXPECT_EQ(wide.header, (std::vector<std::string>{"a", "", ""}));
    EXPECT_EQ(wide.rows, (Rows{{"1", "2", "3"}}));
}

TEST(Csv, EmptyInputGivesEmptyTable) {
    EXPECT_EQ(read_csv(""), Table{});
    EXPECT_EQ(read_csv("\xEF\xBB\xBF"), Table{});
    EXPECT_EQ(write_csv(Table{}), "\xEF\xBB\xBF");
}

TEST(Csv, RefusesTablesOverTheCellLimit) {
    const std::string many_blank_lines(100, '\n');
    const std::string input = many_blank_lines + "a,b,c,d,e,f\n";
    EXPECT_NE(error_of(input, ReadLimits{.max_cells = 50}).find("表格过大"), std::string::npos);
    EXPECT_NO_THROW(read_csv(input, ReadLimits{.max_cells = 1000}));
}

}  // namespace
}  // namespace bangfu::report
