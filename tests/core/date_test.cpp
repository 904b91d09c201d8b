#include "core/date.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(Date, ParsesValidDates) {
    auto d = parse_date("1982-04-09");
    ASSERT_TRUE(d);
    EXPECT_EQ(format_date(*d), "1982-04-09");
    EXPECT_TRUE(parse_date("2024-02-29"));
}

TEST(Date, RejectsInvalidDates) {
    EXPECT_FALSE(parse_date("2023-02-29"));
    EXPECT_FALSE(parse_date("2023-13-01"));
    EXPECT_FALSE(parse_date("2023-1-01"));
    EXPECT_FALSE(parse_date("1982/04/09"));
    EXPECT_FALSE(parse_date(""));
}

TEST(Date, ComputesAge) {
    EXPECT_EQ(years_between(*parse_date("1980-11-25"), *parse_date("2026-11-25")), 46);
    EXPECT_EQ(years_between(*parse_date("1980-11-26"), *parse_date("2026-11-25")), 45);
}
