#include "core/subsidy.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
Date d(const char* text) {
    return *parse_date(text);
}
// The seeds' Xiangcheng items: bedding 1,000 once, travel 2,000 a year, living 3,000 a month for
// up to 10 months, all for a rating of competent or better.
std::vector<SubsidyItem> xiangcheng_items() {
    std::vector<SubsidyItem> items(3);
    items[0] = {1, 1, "生活用品（被褥）", "one_time", 100000, std::nullopt, "competent", 0, "", ""};
    items[1] = {2, 1, "往返路费", "yearly", 200000, std::nullopt, "competent", 1, "", ""};
    items[2] = {3, 1, "生活补助", "monthly", 300000, 10, "competent", 2, "", ""};
    return items;
}
}  // namespace

TEST(Subsidy, AppraisalYearIsTheYearTheSchoolYearEnds) {
    EXPECT_EQ(appraisal_year_of(d("2012-09-01")), 2013);
    EXPECT_EQ(appraisal_year_of(d("2013-06-30")), 2013);
    EXPECT_EQ(appraisal_year_of(d("2013-08-31")), 2013);
    auto [from, to] = appraisal_year_window(2013);
    EXPECT_EQ(format_date(from), "2012-09-01");
    EXPECT_EQ(format_date(to), "2013-08-31");
}

TEST(Subsidy, AMonthCountsWithFifteenDaysServed) {
    EXPECT_EQ(counted_months(d("2012-09-01"), d("2013-06-30")), 10);
    EXPECT_EQ(counted_months(d("2012-09-01"), d("2012-12-10")), 3);  // 10 days of December
    EXPECT_EQ(counted_months(d("2012-09-01"), d("2012-12-15")), 4);  // 15 days of December
    EXPECT_EQ(counted_months(d("2012-09-16"), d("2012-10-31")), 2);  // 16 to 30 September: 15 days
    EXPECT_EQ(counted_months(d("2012-09-17"), d("2012-10-31")), 1);  // 14 days
    EXPECT_EQ(counted_months(d("2013-02-01"), d("2013-02-14")), 0);
    EXPECT_EQ(counted_months(d("2013-02-01"), d("2013-02-15")), 1);
    EXPECT_EQ(counted_months(d("2013-03-01"), d("2013-02-01")), 0);
}

TEST(Subsidy, AFullSchoolYearCompetentEarns33000Yuan) {
    auto items = xiangcheng_items();
    auto e = compute_entitlement(items, d("2012-09-01"), d("2013-06-30"), 2013, "competent");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->months, 10);
    EXPECT_EQ(e->payable_fen, 3'300'000);
    ASSERT_EQ(e->lines.size(), 3u);
    EXPECT_EQ(e->lines[2].quantity, 10);
    EXPECT_EQ(e->lines[2].total_fen, 3'000'000);
    auto excellent =
        compute_entitlement(items, d("2012-09-01"), d("2013-06-30"), 2013, "excellent");
    EXPECT_EQ(excellent->payable_fen, 3'300'000);
}

TEST(Subsidy, RatingsBelowTheConditionAreWithheldAndNoRatingIsPending) {
    auto items = xiangcheng_items();
    for (const char* r : {"basically_competent", "incompetent"}) {
        auto e = compute_entitlement(items, d("2012-09-01"), d("2013-06-30"), 2013, std::string(r));
        EXPECT_EQ(e->payable_fen, 0) << r;
        for (const auto& line : e->lines) EXPECT_EQ(line.status, "withheld") << r;
    }
    auto pending = compute_entitlement(items, d("2012-09-01"), d("2013-06-30"), 2013, std::nullopt);
    EXPECT_EQ(pending->payable_fen, 0);
    EXPECT_EQ(pending->pending_fen, 3'300'000);
    // An item without a condition is paid whatever the rating.
    items[0].min_rating.reset();
    auto e = compute_entitlement(items, d("2012-09-01"), d("2013-06-30"), 2013, "incompetent");
    EXPECT_EQ(e->payable_fen, 100000);
    EXPECT_TRUE(rating_meets("excellent", "competent"));
    EXPECT_TRUE(rating_meets("competent", "competent"));
    EXPECT_FALSE(rating_meets("basically_competent", "competent"));
    EXPECT_FALSE(rating_meets("unknown", "incompetent"));
}

TEST(Subsidy, AWithdrawalKeepsOneTimeAndYearlyItemsAndCutsTheMonths) {
    auto items = xiangcheng_items();
    auto last = service_end(d("2013-06-30"), d("2012-12-10"));
    EXPECT_EQ(format_date(last), "2012-12-10");
    auto e = compute_entitlement(items, d("2012-09-01"), last, 2013, "competent");
    EXPECT_EQ(e->months, 3);
    EXPECT_EQ(e->payable_fen, 100000 + 200000 + 3 * 300000);
    // Withdrawn before a month counts: nothing at all.
    EXPECT_FALSE(compute_entitlement(items, d("2012-09-01"), d("2012-09-10"), 2013, "competent"));
    // A withdrawal after the end date changes nothing.
    EXPECT_EQ(format_date(service_end(d("2013-06-30"), d("2013-07-15"))), "2013-06-30");
}

TEST(Subsidy, LongAssignmentsPayOneTimeItemsOnceAndCapMonthsPerYear) {
    auto items = xiangcheng_items();
    // Two school years, 12 months in the first appraisal year (September 2012 to August 2013).
    auto first = d("2012-09-01"), last = d("2014-06-30");
    EXPECT_EQ(served_appraisal_years(first, last), (std::vector<int>{2013, 2014}));
    auto y1 = compute_entitlement(items, first, last, 2013, "competent");
    auto y2 = compute_entitlement(items, first, last, 2014, "competent");
    EXPECT_EQ(y1->months, 12);
    EXPECT_EQ(y1->payable_fen, 100000 + 200000 + 10 * 300000);  // capped at 10 months
    EXPECT_EQ(y2->months, 10);
    EXPECT_EQ(y2->payable_fen, 200000 + 10 * 300000);  // no second bedding
    EXPECT_FALSE(compute_entitlement(items, first, last, 2015, "competent"));
}

TEST(Subsidy, ValidationNamesEachField) {
    SubsidyItem x;
    x.frequency = "weekly";
    x.amount_fen = 0;
    x.max_months = 13;
    x.min_rating = "great";
    auto e = validate(x);
    EXPECT_EQ(e.at("name").zh, "补助项目不能为空");
    EXPECT_TRUE(e.contains("frequency"));
    EXPECT_EQ(e.at("amount_fen").zh, "金额应大于 0");
    EXPECT_TRUE(e.contains("min_rating"));
    x = {0, 1, "路费", "yearly", 200000, 10, std::nullopt, 0, "", ""};
    EXPECT_EQ(validate(x).at("max_months").en, "maximum months applies to monthly items only");
    x.max_months.reset();
    EXPECT_TRUE(validate(x).empty());
    FieldErrors fe;
    SubsidyItem y;
    read_json(y, boost::json::object{{"name", "被褥"}, {"colour", "red"}, {"amount_fen", "1000"}},
              fe);
    EXPECT_TRUE(fe.contains("colour"));
    EXPECT_TRUE(fe.contains("amount_fen"));
}
