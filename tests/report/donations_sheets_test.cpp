#include "report/donations_sheets.hpp"

#include <gtest/gtest.h>

#include "core/money.hpp"
#include "store/test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

class DonationsSheetsTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(DonationsSheetsTest);

// The export's amounts are exact yuan text from fen, and its totals are sums in fen: 0.01 + 0.02
// is 0.03, and materials stay apart from funds as the seeds report them.
TEST_P(DonationsSheetsTest, WritesAmountsAndTotalsToTheFen) {
    core::Donation a;
    a.donated_on = "2025-01-02";
    a.kind = "funds";
    a.donor_kind = "outside";
    a.donor_name = "某公司";
    a.amount_fen = 1;
    core::Donation b = a;
    b.amount_fen = 2;
    core::Donation c = a;
    c.kind = "materials";
    c.category = "audio_visual";
    c.quantity = 70;
    c.unit = "台";
    c.amount_fen = 170'000'000;
    auto t = report::donations_table(conn(), {a, b, c}, "zh");
    ASSERT_EQ(t.rows.size(), 6u);
    EXPECT_EQ(t.header[report::donations_money_column], "金额（元）");
    EXPECT_EQ(t.header[report::donations_quantity_column], "数量");
    EXPECT_EQ(t.rows[0][report::donations_money_column], "0.01");
    EXPECT_EQ(t.rows[2][7], "电教设备");
    EXPECT_EQ(t.rows[2][report::donations_quantity_column], "70");
    EXPECT_EQ(t.rows[2][report::donations_money_column], "1700000.00");
    EXPECT_EQ(t.rows[3][0], "资金合计");
    EXPECT_EQ(t.rows[3][report::donations_money_column], "0.03");
    EXPECT_EQ(t.rows[4][report::donations_money_column], "1700000.00");
    EXPECT_EQ(t.rows[5][0], "总计");
    EXPECT_EQ(t.rows[5][report::donations_money_column], "1700000.03");
    auto en = report::donations_table(conn(), {c}, "en");
    EXPECT_EQ(en.rows[0][7], "Audio-visual equipment");
    EXPECT_EQ(en.rows.back()[0], "Total");
}
