// The schools' resources sheet (issue 13) read without the database: columns, numbers, areas and
// money typed in yuan, the school year and its default, and each bad cell as a field error.
#include "report/balance_sheets.hpp"

#include <gtest/gtest.h>

#include "report/xlsx_reader.hpp"
#include "report/xlsx_writer.hpp"

using namespace bangfu;
using report::Table;

namespace {

Table sheet(std::vector<std::vector<std::string>> rows) {
    Table t;
    t.header = report::balance_conditions_header();
    t.rows = std::move(rows);
    return t;
}

std::vector<std::string> good_row(std::string name = "五里镇湾头小学") {
    return {name, "", "2025-2026", "186", "0", "9", "2", "2", "980.5", "2400", "420000.00", "6"};
}

}  // namespace

TEST(BalanceSheets, ReadsAGoodRowExactly) {
    auto s = report::parse_balance_conditions(sheet({good_row()}), std::nullopt);
    ASSERT_TRUE(s.header_errors.empty());
    ASSERT_EQ(s.rows.size(), 1u);
    const auto& r = s.rows[0];
    EXPECT_EQ(r.row, 2u);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.institution_name, "五里镇湾头小学");
    EXPECT_EQ(r.conditions.school_year, 2025);
    EXPECT_EQ(r.conditions.primary_students, 186);
    EXPECT_EQ(r.conditions.junior_students, 0);
    EXPECT_EQ(r.conditions.degree_teachers, 9);
    EXPECT_EQ(r.conditions.backbone_teachers, 2);
    EXPECT_EQ(r.conditions.pe_arts_teachers, 2);
    EXPECT_EQ(r.conditions.room_area_centi, 98050);
    EXPECT_EQ(r.conditions.sports_area_centi, 240000);
    EXPECT_EQ(r.conditions.equipment_fen, 42000000);  // typed in yuan
    EXPECT_EQ(r.conditions.multimedia_rooms, 6);
}

TEST(BalanceSheets, EachBadCellIsAFieldErrorOfItsRow) {
    auto bad_area = good_row();
    bad_area[8] = "980.555";
    auto negative = good_row();
    negative[5] = "-3";
    auto text = good_row();
    text[10] = "四十二万";
    auto negative_money = good_row();
    negative_money[10] = "-100";
    auto fraction = good_row();
    fraction[11] = "6.5";
    auto year = good_row();
    year[2] = "2025-2027";
    auto s = report::parse_balance_conditions(
        sheet({bad_area, negative, text, negative_money, fraction, year}), std::nullopt);
    ASSERT_EQ(s.rows.size(), 6u);
    auto only = [&](std::size_t i, const std::string& field, const std::string& zh_part) {
        const auto& e = s.rows[i].errors;
        ASSERT_EQ(e.size(), 1u) << "row " << s.rows[i].row;
        ASSERT_TRUE(e.contains(field)) << e.begin()->first;
        EXPECT_NE(e.at(field).zh.find(zh_part), std::string::npos) << e.at(field).zh;
        EXPECT_FALSE(e.at(field).en.empty());
    };
    only(0, "room_area_m2", "最多保留两位小数");
    only(1, "degree_teachers", "不能为负数");
    only(2, "equipment_value_fen", "应为数字");
    only(3, "equipment_value_fen", "不能为负数");
    only(4, "multimedia_rooms", "应为整数");
    only(5, "school_year", "学年");
    EXPECT_EQ(s.rows[5].row, 7u);  // numbered as in Excel
}

TEST(BalanceSheets, TheSchoolYearDefaultsOnlyWhereNoneIsTyped) {
    auto without = good_row();
    without[2] = "";
    auto s = report::parse_balance_conditions(sheet({without, good_row()}), 2024);
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_TRUE(s.rows[0].errors.empty());
    EXPECT_EQ(s.rows[0].conditions.school_year, 2024);
    EXPECT_EQ(s.rows[1].conditions.school_year, 2025);

    auto none = report::parse_balance_conditions(sheet({without}), std::nullopt);
    ASSERT_EQ(none.rows.size(), 1u);
    EXPECT_TRUE(none.rows[0].errors.contains("school_year"));
}

TEST(BalanceSheets, TheSchoolIsNamedOrNumberedAndRequired) {
    auto by_id = good_row("");
    by_id[1] = "17";
    auto nobody = good_row("");
    auto s = report::parse_balance_conditions(sheet({by_id, nobody, {}}), std::nullopt);
    ASSERT_EQ(s.rows.size(), 2u);  // the blank row is left out
    EXPECT_EQ(s.rows[0].institution_id, "17");
    EXPECT_TRUE(s.rows[0].errors.empty());
    EXPECT_TRUE(s.rows[1].errors.contains("institution"));
}

TEST(BalanceSheets, EmptyStudentCountsAreZeroButOtherCountsAreRequired) {
    auto row = good_row();
    row[4] = "";
    row[6] = "";
    auto s = report::parse_balance_conditions(sheet({row}), std::nullopt);
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_EQ(s.rows[0].conditions.junior_students, 0);
    ASSERT_EQ(s.rows[0].errors.size(), 1u);
    EXPECT_TRUE(s.rows[0].errors.contains("backbone_teachers"));
}

TEST(BalanceSheets, UnknownAndMissingColumnsAreReportedOnRowOne) {
    Table t = sheet({good_row()});
    t.header[10] = "教学仪器设备值（万元）";
    auto s = report::parse_balance_conditions(t, std::nullopt);
    EXPECT_TRUE(s.rows.empty());
    ASSERT_EQ(s.header_errors.size(), 2u);  // the unknown column, and the missing money column
    for (const auto& e : s.header_errors) EXPECT_EQ(e.row, 1u);

    Table no_year = sheet({good_row()});
    no_year.header[2] = "";
    auto y = report::parse_balance_conditions(no_year, std::nullopt);
    ASSERT_EQ(y.header_errors.size(), 1u);
    EXPECT_EQ(y.header_errors[0].field, "school_year");
    EXPECT_TRUE(report::parse_balance_conditions(no_year, 2025).header_errors.empty());
}

TEST(BalanceSheets, TheTemplateReadsBackAsAValidRow) {
    auto bytes = report::balance_conditions_template();
    auto t = report::read_table(bytes);
    EXPECT_EQ(t.header, report::balance_conditions_header());
    auto s = report::parse_balance_conditions(t, std::nullopt);
    ASSERT_TRUE(s.header_errors.empty());
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_TRUE(s.rows[0].errors.empty());
}

TEST(BalanceSheets, TheExportReadsBackAsWhatWasStored) {
    store::balance::ConditionsRow r;
    r.institution = 12;
    r.name = "叶集区实验学校";
    r.kind = "nine_year";
    auto& x = r.conditions;
    x.institution = 12;
    x.school_year = 2024;
    x.primary_students = 2000;
    x.junior_students = 1200;
    x.degree_teachers = 180;
    x.backbone_teachers = 40;
    x.pe_arts_teachers = 31;
    x.room_area_centi = 1680050;
    x.sports_area_centi = 2900000;
    x.equipment_fen = 812345678;
    x.multimedia_rooms = 80;
    auto table = report::balance_conditions_table({r});
    report::XlsxOptions o;
    o.numeric_columns = {1, 3, 4, 5, 6, 7, 8, 9, 11};
    o.money_columns = {10};
    auto back = report::read_table(report::write_xlsx(table, o));
    auto s = report::parse_balance_conditions(back, std::nullopt);
    ASSERT_EQ(s.rows.size(), 1u);
    ASSERT_TRUE(s.rows[0].errors.empty());
    EXPECT_EQ(s.rows[0].institution_id, "12");
    const auto& y = s.rows[0].conditions;
    EXPECT_EQ(y.school_year, 2024);
    EXPECT_EQ(y.junior_students, 1200);
    EXPECT_EQ(y.room_area_centi, 1680050);
    EXPECT_EQ(y.equipment_fen, 812345678);
    EXPECT_EQ(y.multimedia_rooms, 80);
}
