#include "core/money.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(MoneyTest, ParsesYuanTextExactlyIntoFen) {
    EXPECT_EQ(parse_yuan("290000"), 29'000'000);
    EXPECT_EQ(parse_yuan("1,700,000.5"), 170'000'050);
    EXPECT_EQ(parse_yuan("3100.00"), 310'000);
    EXPECT_EQ(parse_yuan("5,000"), 500'000);
    EXPECT_EQ(parse_yuan("0.01"), 1);
    EXPECT_EQ(parse_yuan("0.1"), 10);
    EXPECT_EQ(parse_yuan("0"), 0);
    EXPECT_EQ(parse_yuan("007.50"), 750);
    EXPECT_EQ(parse_yuan("  12.34 "), 1234);
    // 0.29 and 1.15 are the classic cases where x * 100 in binary floating point is off by one.
    EXPECT_EQ(parse_yuan("0.29"), 29);
    EXPECT_EQ(parse_yuan("1.15"), 115);
    EXPECT_EQ(parse_yuan("4.35"), 435);
    EXPECT_EQ(parse_yuan("100000000000"), max_amount_fen);
    EXPECT_EQ(parse_yuan("99,999,999,999.99"), max_amount_fen - 1);
}

TEST(MoneyTest, RefusesWhatIsNotAnExactAmount) {
    for (const char* bad : {"",
                            " ",
                            "-5",
                            "+5",
                            "1.234",
                            "1.",
                            ".5",
                            "1,00",
                            "17,00,000",
                            "1,0000",
                            ",100",
                            "100,",
                            "1e3",
                            "5元",
                            "五千",
                            "1 000",
                            "0x10",
                            "1.2.3",
                            "NaN",
                            "100000000000.01",
                            "99999999999999999999999"}) {
        Text why;
        EXPECT_FALSE(parse_yuan(bad, &why).has_value()) << bad;
        EXPECT_FALSE(why.zh.empty()) << bad;
        EXPECT_FALSE(why.en.empty()) << bad;
    }
    Text why;
    parse_yuan("1.234", &why);
    EXPECT_NE(why.zh.find("两位小数"), std::string::npos);
    parse_yuan("-1", &why);
    EXPECT_NE(why.zh.find("负数"), std::string::npos);
    parse_yuan("100000000000.01", &why);
    EXPECT_NE(why.zh.find("上限"), std::string::npos);
}

TEST(MoneyTest, FormatsFenAsYuanWithTwoDecimals) {
    EXPECT_EQ(format_yuan(500'000), "5000.00");
    EXPECT_EQ(format_yuan(500'000, true), "5,000.00");
    EXPECT_EQ(format_yuan(170'000'050, true), "1,700,000.50");
    EXPECT_EQ(format_yuan(1), "0.01");
    EXPECT_EQ(format_yuan(0), "0.00");
    EXPECT_EQ(format_yuan(-150), "-1.50");
    EXPECT_EQ(format_yuan(99'999, true), "999.99");
    EXPECT_EQ(format_yuan(100'000, true), "1,000.00");
    EXPECT_EQ(format_yuan(max_amount_fen, true), "100,000,000,000.00");
    EXPECT_EQ(format_yuan(INT64_MIN), "-92233720368547758.08");
}

TEST(MoneyTest, RoundTripsEveryFenOfARange) {
    for (std::int64_t fen = 0; fen < 100'000; fen += 7) {
        EXPECT_EQ(parse_yuan(format_yuan(fen)), fen);
        EXPECT_EQ(parse_yuan(format_yuan(fen, true)), fen);
    }
    for (std::int64_t fen : {max_amount_fen, max_amount_fen - 1, std::int64_t{123456789012}}) {
        EXPECT_EQ(parse_yuan(format_yuan(fen, true)), fen);
    }
}
