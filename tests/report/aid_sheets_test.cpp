// The aid exports: the cases sheet (what is due, never a personal field) and the statistics sheet
// (money as yuan numbers), written and read back.
#include "report/aid_sheets.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "report/xlsx_reader.hpp"
#include "report/xlsx_writer.hpp"

using namespace bangfu;

namespace {
core::AidCase wang() {
    core::AidCase x;
    x.id = 5;
    x.beneficiary_name = "王石佳豪";
    x.beneficiary_institution_name = "青禾县石桥镇中心幼儿园";
    x.grade = "大班";
    x.helper_kind = "staff";
    x.helper_name = "刘婷";
    x.helper_institution_name = "青禾县石桥镇中心幼儿园";
    x.start_date = "2026-09-01";
    x.cadences = {{"tutoring", 1, "week", "", "2026-11-23", "2026-11-30", false, 0},
                  {"home_visit", 1, "term", "", "", "2027-07-31", true, 3}};
    x.record_count = 21;
    x.last_record_date = "2026-11-27";
    x.next_due_date = "2026-11-30";
    x.overdue = true;
    x.status = "active";
    return x;
}
std::size_t column(const report::Table& t, std::string_view name) {
    return static_cast<std::size_t>(std::find(t.header.begin(), t.header.end(), name) -
                                    t.header.begin());
}
}  // namespace

TEST(AidSheets, CasesShowTheCadenceAndWhatIsDueInChineseOrEnglish) {
    auto t = report::aid_cases_table({wang()}, "zh");
    ASSERT_EQ(t.rows.size(), 1u);
    ASSERT_EQ(t.header.size(), t.rows[0].size());
    EXPECT_EQ(t.rows[0][column(t, "帮扶频次")],
              "学业辅导 每1周；家访 每1学期（2027-07-31 起逾期）");
    EXPECT_EQ(t.rows[0][column(t, "状态")], "逾期");
    EXPECT_EQ(t.rows[0][column(t, "下次应帮扶")], "2026-11-30");
    // Only what aid screens show of a beneficiary: no ID number, phone or address columns.
    for (const auto& h : t.header)
        for (auto banned : {"身份证", "电话", "住址", "家庭情况"})
            EXPECT_EQ(h.find(banned), std::string::npos) << h;
    auto en = report::aid_cases_table({wang()}, "en");
    EXPECT_EQ(en.rows[0][column(en, "helper kind")], "Staff member");
    EXPECT_EQ(en.rows[0][column(en, "status")], "overdue");
}

TEST(AidSheets, StatisticsKeepMoneyExactAndReadBack) {
    store::aid::Statistics s;
    s.by_kind = {{"medical_expenses", {"医疗费用", "Medical expenses"}, 6, 6, 0, 1200000}};
    s.by_month = {{"2026-04", {"2026年4月", "2026-04"}, 6, 6, 0, 1200000}};
    s.cases = 16;
    s.people_employed = 6;
    s.amount_fen = 1200029;
    auto t = report::aid_statistics_table(s, "zh");
    report::XlsxOptions o;
    o.numeric_columns = report::aid_statistics_numeric_columns();
    o.money_columns = report::aid_statistics_money_columns();
    auto back = report::read_xlsx(report::write_xlsx(t, o));
    ASSERT_EQ(back.rows.size(), t.rows.size());
    EXPECT_EQ(back.rows[0][1], "医疗费用");
    EXPECT_EQ(back.rows[0][5], "12000");  // a number cell: Excel sums it
    auto last = back.rows.back();
    EXPECT_EQ(last[1], "帮扶金额");
    EXPECT_EQ(last[5], "12000.29");
    auto employed = std::find_if(back.rows.begin(), back.rows.end(),
                                 [](const auto& r) { return r[1] == "就业人数"; });
    ASSERT_NE(employed, back.rows.end());
    EXPECT_EQ((*employed)[2], "6");
}
