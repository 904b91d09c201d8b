#include "report/appraisal_sheets.hpp"

#include <gtest/gtest.h>

using namespace bangfu;

namespace {
store::subsidies::EntitlementRow row(const char* name, std::int64_t months, const char* status) {
    store::subsidies::EntitlementRow r;
    r.staff_name = name;
    r.sending_name = "彭州市白马中学";
    r.recipient_name = "乡城县中学";
    r.program_name = "成都市彭州市对口支援乡城县教育";
    r.entitlement.year = 2013;
    r.entitlement.months = static_cast<int>(months);
    r.entitlement.rating = std::string("competent");
    r.entitlement.lines = {{1, "生活补助", "monthly", 300000, months, months * 300000, status}};
    (std::string(status) == "payable" ? r.entitlement.payable_fen : r.entitlement.pending_fen) =
        months * 300000;
    return r;
}
}  // namespace

// The payment list: one row per item, yuan from fen to the fen, a payable and a pending total.
TEST(AppraisalSheets, PaymentListRowsAndTotals) {
    store::subsidies::EntitlementList list;
    list.rows = {row("戴文敏", 10, "payable"), row("董凤琪", 3, "pending")};
    list.payable_fen = 3'000'000;
    list.pending_fen = 900'000;
    auto t = report::entitlements_table(list, "zh");
    ASSERT_EQ(t.rows.size(), 4u);
    EXPECT_EQ(t.header[report::entitlements_total_column], "金额（元）");
    EXPECT_EQ(t.rows[0][0], "戴文敏");
    EXPECT_EQ(t.rows[0][6], "称职");
    EXPECT_EQ(t.rows[0][report::entitlements_amount_column], "3000.00");
    EXPECT_EQ(t.rows[0][report::entitlements_total_column], "30000.00");
    EXPECT_EQ(t.rows[1][11], "待考核");
    EXPECT_EQ(t.rows[2][0], "应发合计");
    EXPECT_EQ(t.rows[2][report::entitlements_total_column], "30000.00");
    EXPECT_EQ(t.rows[3][report::entitlements_total_column], "9000.00");
    auto en = report::entitlements_table(list, "en");
    EXPECT_EQ(en.rows[1][11], "Awaiting appraisal");
    EXPECT_EQ(en.rows[2][0], "Payable total");
}

TEST(AppraisalSheets, TitleEvaluationListsTheVetoFirst) {
    store::rural_credit::TitleEvaluation r;
    r.threshold_months = 12;
    r.meeting = {{1, "王老师", "通城县实验小学", "senior", 15, {}}};
    r.lacking = {{2, "赵老师", "通城县实验小学", "intermediate", 10, {}}};
    auto t = report::title_evaluation_table(r, "zh");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0], (std::vector<std::string>{"赵老师", "通城县实验小学", "中级", "10", "12",
                                                   "不符合（一票否决）"}));
    EXPECT_EQ(t.rows[1][5], "符合");
}
