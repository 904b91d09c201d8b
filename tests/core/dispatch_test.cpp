#include "core/dispatch.hpp"

#include <gtest/gtest.h>

#include "core/dispatch_policy.hpp"

using namespace bangfu::core;

namespace {
const Date start{2012, 9, 1};

Candidate eligible() {
    Candidate c;
    c.years_teaching = 8;
    c.health = "good";
    c.volunteered = true;
    c.title = "intermediate";
    c.backbone = "county";
    c.birth_date = "1980-05-01";
    return c;
}

std::vector<std::string> rules(const std::vector<Violation>& v) {
    std::vector<std::string> out;
    for (const auto& x : v) out.push_back(x.rule);
    return out;
}

Assignment school_year() {
    Assignment x;
    x.program = 1;
    x.staff = 2;
    x.recipient_institution = 3;
    x.start_date = "2012-09-01";
    x.end_date = "2013-06-30";
    x.subjects = {"math"};
    x.weekly_hours_recipient = 14;
    x.weekly_hours_home = 0;
    x.status = "completed";
    return x;
}
}  // namespace

TEST(DispatchPolicy, DefaultsAreTheSeedsRules) {
    auto p = default_dispatch_policy(7);
    EXPECT_EQ(p.program, 7);
    EXPECT_EQ(p.min_years_teaching, 3);
    EXPECT_TRUE(p.require_good_health);
    EXPECT_TRUE(p.require_volunteer);
    EXPECT_EQ(p.max_subject_share_percent, 30);
    EXPECT_EQ(p.rural_service_months, 12);
    EXPECT_TRUE(p.is_default);
    EXPECT_TRUE(check_eligibility(p, eligible(), start).empty());
}

TEST(DispatchPolicy, YearsOfTeachingBelowTheMinimumIsRefusedAndTheExactMinimumPasses) {
    auto p = default_dispatch_policy(1);
    auto c = eligible();
    c.years_teaching = 2;
    auto v = check_eligibility(p, c, start);
    ASSERT_EQ(rules(v), std::vector<std::string>{"years_teaching"});
    EXPECT_NE(v[0].message.zh.find("至少 3 年"), std::string::npos);
    EXPECT_NE(v[0].message.zh.find("本人 2 年"), std::string::npos);
    c.years_teaching = 3;
    EXPECT_TRUE(check_eligibility(p, c, start).empty());
}

TEST(DispatchPolicy, HealthAndVolunteeringEachBreakTheirRule) {
    auto p = default_dispatch_policy(1);
    auto c = eligible();
    c.health = "fair";
    EXPECT_EQ(rules(check_eligibility(p, c, start)), std::vector<std::string>{"health"});
    c = eligible();
    c.volunteered = false;
    EXPECT_EQ(rules(check_eligibility(p, c, start)), std::vector<std::string>{"volunteered"});
    // Rules switched off are not checked.
    p.require_good_health = false;
    p.require_volunteer = false;
    c.health = "poor";
    EXPECT_TRUE(check_eligibility(p, c, start).empty());
}

TEST(DispatchPolicy, TitleAndBackboneAreRankedLowestFirst) {
    DispatchPolicy p;
    p.min_title = "intermediate";
    p.min_backbone = "city";
    auto c = eligible();  // intermediate, county backbone
    auto v = check_eligibility(p, c, start);
    EXPECT_EQ(rules(v), std::vector<std::string>{"backbone"});
    EXPECT_NE(v[0].message.zh.find("市级骨干"), std::string::npos);
    c.backbone = "province";
    c.title = "junior";
    EXPECT_EQ(rules(check_eligibility(p, c, start)), std::vector<std::string>{"title"});
    c.title = "full_senior";
    EXPECT_TRUE(check_eligibility(p, c, start).empty());
}

TEST(DispatchPolicy, AgeIsTakenAtTheStartDateAndAMissingBirthDateIsAViolation) {
    DispatchPolicy p;
    p.min_age = 25;
    p.max_age = 32;
    auto c = eligible();  // born 1980-05-01: 32 on 2012-09-01, 33 on 2013-06-01
    EXPECT_TRUE(check_eligibility(p, c, start).empty());
    EXPECT_EQ(rules(check_eligibility(p, c, Date{2013, 6, 1})), std::vector<std::string>{"age"});
    c.birth_date = "1990-01-01";  // 22
    auto v = check_eligibility(p, c, start);
    ASSERT_EQ(rules(v), std::vector<std::string>{"age"});
    EXPECT_NE(v[0].message.en.find("at least 25"), std::string::npos);
    c.birth_date.reset();
    EXPECT_EQ(rules(check_eligibility(p, c, start)), std::vector<std::string>{"age"});
}

TEST(DispatchPolicy, SeveralBrokenRulesAreAllListedInThePolicysOrder) {
    auto p = default_dispatch_policy(1);
    p.min_title = "senior";
    p.max_age = 40;
    p.min_backbone = "county";
    Candidate c;  // nothing: 0 years, not volunteered, no title, no backbone, no birth date
    c.health = "poor";
    EXPECT_EQ(rules(check_eligibility(p, c, start)),
              (std::vector<std::string>{"years_teaching", "health", "volunteered", "title", "age",
                                        "backbone"}));
    auto json = to_json(check_eligibility(p, c, start), "en");
    ASSERT_EQ(json.size(), 6u);
    EXPECT_EQ(json[0].as_object().at("rule"), "years_teaching");
}

TEST(DispatchPolicy, ValidateNamesEachBadField) {
    DispatchPolicy p;
    p.min_title = "professor";
    p.min_age = 40;
    p.max_age = 30;
    p.max_subject_share_percent = 0;
    auto e = validate(p);
    EXPECT_TRUE(e.contains("min_title"));
    EXPECT_TRUE(e.contains("max_age"));
    EXPECT_TRUE(e.contains("max_subject_share_percent"));
    EXPECT_FALSE(e.contains("min_age"));
}

TEST(SenderGuard, WarnsOnlyAboveTheShare) {
    auto p = default_dispatch_policy(1);                          // 30 %
    EXPECT_FALSE(sender_guard(p, "数学", "mathematics", 3, 10));  // exactly 30 %
    auto w = sender_guard(p, "数学", "mathematics", 4, 10);
    ASSERT_TRUE(w);
    EXPECT_NE(w->zh.find("数学教师 4 人（共 10 人）"), std::string::npos);
    EXPECT_NE(w->en.find("4 of its 10 mathematics teachers"), std::string::npos);
    p.max_subject_share_percent = 50;
    EXPECT_FALSE(sender_guard(p, "数学", "mathematics", 4, 8));
    EXPECT_TRUE(sender_guard(p, "数学", "mathematics", 5, 8));
    // No teacher of the subject on record: nothing to compare with.
    EXPECT_FALSE(sender_guard(p, "数学", "mathematics", 1, 0));
}

TEST(Assignment, ValidateRefusesABackwardPeriodAndUnknownSubjects) {
    auto x = school_year();
    EXPECT_TRUE(validate(x).empty());
    x.end_date = "2012-08-31";
    x.subjects = {"alchemy"};
    x.status = "withdrawn";  // only through the withdraw action
    x.weekly_hours_recipient = 41;
    auto e = validate(x);
    EXPECT_TRUE(e.contains("end_date"));
    EXPECT_TRUE(e.contains("subjects"));
    EXPECT_TRUE(e.contains("status"));
    EXPECT_TRUE(e.contains("weekly_hours_recipient"));
    x = school_year();
    x.sending_institution = 3;
    EXPECT_TRUE(validate(x).contains("recipient_institution"));
}

TEST(Assignment, WithdrawalNeedsAReasonAndADateInThePeriod) {
    auto x = school_year();
    x.status = "active";
    EXPECT_TRUE(validate_withdrawal(x, "2012-12-01", "家中有事").empty());
    auto e = validate_withdrawal(x, "2013-07-01", "");
    EXPECT_TRUE(e.contains("withdraw_reason"));
    EXPECT_TRUE(e.contains("withdrawn_on"));
    x.status = "completed";
    EXPECT_TRUE(validate_withdrawal(x, "2012-12-01", "原因").contains("status"));
}

TEST(Terms, EveryDayBelongsToOneTerm) {
    EXPECT_EQ(term_of(Date{2012, 9, 1}).code(), "2012-autumn");
    EXPECT_EQ(term_of(Date{2013, 1, 31}).code(), "2012-autumn");
    EXPECT_EQ(term_of(Date{2013, 2, 1}).code(), "2013-spring");
    EXPECT_EQ(term_of(Date{2013, 8, 31}).code(), "2013-spring");
    EXPECT_EQ(parse_term("2013-spring"), (Term{2013, false}));
    EXPECT_FALSE(parse_term("2013-winter"));
    EXPECT_EQ((Term{2012, true}.label().zh), "2012年秋季学期");
    EXPECT_EQ(from_day_number(day_number(Date{2012, 2, 29})), (Date{2012, 2, 29}));
    EXPECT_EQ(day_number(Date{2013, 6, 30}) - day_number(Date{2012, 9, 1}) + 1, 303);
}

TEST(Workload, ASchoolYearSplitsIntoItsTwoTerms) {
    auto x = school_year();  // 14 h a week at the recipient
    x.weekly_hours_home = 2;
    auto w = workload_by_term(x);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].term.code(), "2012-autumn");
    EXPECT_EQ(w[0].days, 153);             // 1 Sep – 31 Jan
    EXPECT_EQ(w[0].recipient_hours, 306);  // 14 × 153 / 7
    EXPECT_EQ(w[0].home_hours, 44);        // 2 × 153 / 7 = 43.7
    EXPECT_EQ(w[0].total_hours(), 350);
    EXPECT_EQ(w[1].term.code(), "2013-spring");
    EXPECT_EQ(w[1].days, 150);  // 1 Feb – 30 Jun
    EXPECT_EQ(w[1].recipient_hours, 300);
}

TEST(Workload, AWithdrawalMidTermCountsUpToItsDateAndPlannedCountsNothing) {
    auto x = school_year();
    x.status = "withdrawn";
    x.withdrawn_on = "2012-10-12";  // 42 days
    auto w = workload_by_term(x);
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(w[0].days, 42);
    EXPECT_EQ(w[0].recipient_hours, 84);
    x = school_year();
    x.status = "planned";
    EXPECT_TRUE(workload_by_term(x).empty());
}

TEST(AttachmentStudy, AGroupHasAHeadcountAndANamedPersonOne) {
    AttachmentStudy x;
    x.program = 1;
    x.kind = "attachment";
    x.headcount = 52;
    x.home_institution = 4;
    x.host_institution = 5;
    x.start_date = "2013-03-01";
    x.end_date = "2013-03-14";
    x.days = 14;
    EXPECT_TRUE(validate(x).empty());
    x.staff = 9;
    EXPECT_TRUE(validate(x).contains("headcount"));
    x.staff.reset();
    x.days = 15;
    x.kind = "holiday";
    auto e = validate(x);
    EXPECT_TRUE(e.contains("days"));
    EXPECT_TRUE(e.contains("kind"));
}
