#include "core/four_haves.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
FourHavesInput complete_program() {
    FourHavesInput in;
    in.today = *parse_date("2026-11-25");
    in.leading_group_roles = {"leader", "deputy", "office"};
    in.plans = {{1, "2026年度结对帮扶计划", "annual", "approved", "2026-01-01", "2026-12-31"},
                {2, "结对帮扶实施方案", "implementation", "approved", "2025-09-01", "2028-08-31"}};
    in.inspection_dates = {"2026-06-10"};
    return in;
}
const FourHavesItem& item(const FourHaves& r, std::string_view key) {
    for (const auto& i : r.items)
        if (i.key == key) return i;
    throw std::runtime_error("no item");
}
}  // namespace

TEST(FourHaves, CompleteWhenAllFourArePresent) {
    auto r = check_four_haves(complete_program());
    EXPECT_TRUE(r.complete);
    ASSERT_EQ(r.items.size(), 4u);
    for (const auto& i : r.items) {
        EXPECT_TRUE(i.ok) << i.key;
        EXPECT_TRUE(i.missing.empty()) << i.key;
    }
    EXPECT_EQ(r.reference_date, "2026-11-25");
    EXPECT_EQ(r.inspection_since, "2025-11-25");
}

TEST(FourHaves, NothingRecordedMissesAllFourAndSaysWhatToAdd) {
    FourHavesInput in;
    in.today = *parse_date("2026-11-25");
    auto r = check_four_haves(in);
    EXPECT_FALSE(r.complete);
    for (const auto& i : r.items) EXPECT_FALSE(i.ok) << i.key;
    EXPECT_EQ(item(r, "organisation").missing.size(), 2u);  // leader and office
    EXPECT_NE(item(r, "phased_plan").missing[0].zh.find("已批准阶段性计划"), std::string::npos);
    EXPECT_NE(item(r, "implementation_plan").missing[0].zh.find("实施方案"), std::string::npos);
    EXPECT_NE(item(r, "inspection").missing[0].zh.find("2025-11-25"), std::string::npos);
    auto summary = missing_summary(r);
    EXPECT_NE(summary.zh.find("组长"), std::string::npos);
    EXPECT_NE(summary.en.find("leader"), std::string::npos);
}

TEST(FourHaves, OrganisationNeedsALeaderAndAnOffice) {
    auto in = complete_program();
    in.leading_group_roles = {"leader", "member"};
    auto r = check_four_haves(in);
    ASSERT_FALSE(item(r, "organisation").ok);
    ASSERT_EQ(item(r, "organisation").missing.size(), 1u);
    EXPECT_NE(item(r, "organisation").missing[0].zh.find("办公室"), std::string::npos);
    in.program_office = "县教育局帮扶办公室";  // the program's office text is enough
    EXPECT_TRUE(check_four_haves(in).complete);
    in.leading_group_roles = {"office"};
    r = check_four_haves(in);
    ASSERT_EQ(item(r, "organisation").missing.size(), 1u);
    EXPECT_NE(item(r, "organisation").missing[0].zh.find("组长"), std::string::npos);
}

TEST(FourHaves, PhasedPlanMustBeApprovedAndCoverTheDate) {
    auto in = complete_program();
    in.plans[0].approval = "submitted";
    auto r = check_four_haves(in);
    ASSERT_FALSE(item(r, "phased_plan").ok);
    ASSERT_EQ(item(r, "phased_plan").missing.size(), 2u);  // what is missing + the pending plan
    EXPECT_NE(item(r, "phased_plan").missing[1].zh.find("2026年度结对帮扶计划"), std::string::npos);
    in.plans[0].approval = "approved";
    in.plans[0].end_date = "2026-11-24";  // ended yesterday
    EXPECT_FALSE(item(check_four_haves(in), "phased_plan").ok);
    in.plans[0].end_date = "2026-11-25";  // ends today: still covers
    EXPECT_TRUE(item(check_four_haves(in), "phased_plan").ok);
    in.plans[0].start_date = "2026-11-26";  // starts tomorrow
    in.plans[0].end_date = "2027-01-31";
    EXPECT_FALSE(item(check_four_haves(in), "phased_plan").ok);
    // A semester plan is a phased plan too; an implementation plan is not.
    in.plans[0] = {1, "2026 秋季学期计划", "semester", "approved", "2026-09-01", "2027-01-31"};
    EXPECT_TRUE(item(check_four_haves(in), "phased_plan").ok);
    in.plans[0].kind = "implementation";
    EXPECT_FALSE(item(check_four_haves(in), "phased_plan").ok);
}

TEST(FourHaves, ImplementationPlanMustBeApproved) {
    auto in = complete_program();
    in.plans[1].approval = "draft";
    auto r = check_four_haves(in);
    ASSERT_FALSE(item(r, "implementation_plan").ok);
    EXPECT_NE(item(r, "implementation_plan").missing[1].zh.find("草稿"), std::string::npos);
    EXPECT_TRUE(item(r, "phased_plan").ok);
    in.plans[1].approval = "approved";
    in.plans[1].end_date = "2026-01-01";  // any period: an approved implementation plan counts
    EXPECT_TRUE(item(check_four_haves(in), "implementation_plan").ok);
}

TEST(FourHaves, InspectionWithinTwelveMonths) {
    auto in = complete_program();
    in.inspection_dates = {"2025-11-24"};  // one day too old
    EXPECT_FALSE(item(check_four_haves(in), "inspection").ok);
    in.inspection_dates = {"2025-11-25"};  // exactly 12 months ago counts
    EXPECT_TRUE(item(check_four_haves(in), "inspection").ok);
    in.inspection_dates = {"2026-11-26"};  // a planned inspection in the future does not
    EXPECT_FALSE(item(check_four_haves(in), "inspection").ok);
    in.inspection_dates = {"2026-11-26", "2026-11-25"};
    EXPECT_TRUE(item(check_four_haves(in), "inspection").ok);
}

TEST(FourHaves, TwelveMonthsBeforeALeapDay) {
    EXPECT_EQ(format_date(twelve_months_before(*parse_date("2028-02-29"))), "2027-02-28");
    EXPECT_EQ(format_date(twelve_months_before(*parse_date("2027-03-01"))), "2026-03-01");
}

TEST(FourHaves, PairingTextsNameThePairingAndItsProgram) {
    FourHavesInput in;
    in.pairing = true;
    in.today = *parse_date("2026-11-25");
    auto r = check_four_haves(in);
    EXPECT_NE(item(r, "organisation").missing[0].zh.find("所属帮扶项目"), std::string::npos);
    EXPECT_NE(item(r, "phased_plan").missing[0].zh.find("本结对"), std::string::npos);
    EXPECT_NE(item(r, "implementation_plan").missing[0].zh.find("本结对"), std::string::npos);
    EXPECT_NE(item(r, "inspection").missing[0].zh.find("本结对或所属项目"), std::string::npos);
    auto j = to_json(r);
    EXPECT_FALSE(j.at("complete").as_bool());
    EXPECT_EQ(j.at("items").as_array().size(), 4u);
}
