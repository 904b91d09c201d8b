#include "core/date.hpp"
#include "core/local_time.hpp"

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

// Stored times are UTC; a summary shows them in Beijing time, across midnight and year ends.
TEST(ChinaTime, ShowsAStoredUtcTimeInBeijingTime) {
    EXPECT_EQ(china_time("2026-11-29T10:00:00Z"), "2026-11-29 18:00");
    EXPECT_EQ(china_time("2026-11-29T20:49:33Z"), "2026-11-30 04:49");
    EXPECT_EQ(china_time("2025-12-31T16:00:00.123Z"), "2026-01-01 00:00");
    EXPECT_EQ(china_time("2024-02-28T16:30:00Z"), "2024-02-29 00:30");
}

TEST(ChinaTime, LeavesTextThatIsNotAUtcTimestampAsItIs) {
    EXPECT_EQ(china_time(""), "");
    EXPECT_EQ(china_time("2026-11-29"), "2026-11-29");
    EXPECT_EQ(china_time("2026-11-29T25:00:00Z"), "2026-11-29T25:00:00Z");
    EXPECT_EQ(china_time("2026-11-29T10:00:00+08:00"), "2026-11-29T10:00:00+08:00");
}
