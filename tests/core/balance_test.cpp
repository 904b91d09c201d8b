#include "core/balance.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace bangfu::core;
using namespace bangfu::core::balance;

namespace {

// The county of the hand computation below (figures checked with a calculator and Python):
//   A  primary, 500 students: every standard reached
//   B  primary, 300 students: misses five standards, backbone below 85 %
//   C  primary, 40 students: a teaching point, left out
//   D  nine-year, 200 primary + 100 junior: resources split 200 : 110
//   E  junior, 400 students
SchoolInput school(std::int64_t id, std::string name, std::string kind, std::int64_t primary,
                   std::int64_t junior, std::int64_t degree, std::int64_t backbone,
                   std::int64_t pe_arts, std::int64_t room_m2, std::int64_t sports_m2,
                   std::int64_t equipment_yuan, std::int64_t multimedia) {
    SchoolInput s;
    s.institution = id;
    s.name = std::move(name);
    s.kind = std::move(kind);
    s.conditions = {id,
                    2025,
                    primary,
                    junior,
                    degree,
                    backbone,
                    pe_arts,
                    room_m2 * 100,
                    sports_m2 * 100,
                    equipment_yuan * 100,
                    multimedia,
                    "",
                    ""};
    return s;
}

std::vector<SchoolInput> county() {
    return {
        school(1, "城关小学", "primary", 500, 0, 30, 6, 6, 2500, 5000, 1'250'000, 15),
        school(2, "河口小学", "primary", 300, 0, 12, 2, 3, 1200, 2400, 540'000, 6),
        school(3, "山背教学点", "primary", 40, 0, 1, 0, 0, 100, 100, 10'000, 0),
        school(4, "麦市九年一贯制学校", "nine_year", 200, 100, 20, 4, 4, 2000, 4000, 900'000, 9),
        school(5, "城关中学", "junior", 0, 400, 24, 4, 4, 2400, 4200, 1'000'000, 10)};
}

const StageResult& stage(const CountyBalance& b, Stage s) {
    auto it = std::find_if(b.stages.begin(), b.stages.end(),
                           [&](const StageResult& r) { return r.stage == s; });
    if (it == b.stages.end()) throw std::runtime_error("no stage");
    return *it;
}

const StageSchool& in_stage(const StageResult& r, std::int64_t id) {
    auto it = std::find_if(r.schools.begin(), r.schools.end(),
                           [&](const StageSchool& s) { return s.institution == id; });
    if (it == r.schools.end()) throw std::runtime_error("no school");
    return *it;
}

double value(const StageSchool& s, Indicator i) {
    return s.values[static_cast<std::size_t>(i)];
}
const IndicatorResult& indicator(const StageResult& r, Indicator i) {
    return r.indicators[static_cast<std::size_t>(i)];
}

}  // namespace

TEST(BalanceIndex, WeightedDispersionMatchesTheFormula) {
    // P = 800, X = 5/8·6 + 3/8·4 = 5.25, S² = 5/8·0.75² + 3/8·1.25² = 0.9375.
    std::vector<double> v{6.0, 4.0}, w{500, 300};
    auto d = weighted_dispersion(v, w);
    EXPECT_DOUBLE_EQ(d.mean, 5.25);
    EXPECT_NEAR(d.sd, 0.968245837, 1e-9);
    EXPECT_NEAR(d.cv, 0.184427778, 1e-9);
}

TEST(BalanceIndex, AllZeroValuesHaveNoVariation) {
    std::vector<double> v{0, 0}, w{10, 20};
    auto d = weighted_dispersion(v, w);
    EXPECT_EQ(d.mean, 0);
    EXPECT_EQ(d.cv, 0);
}

TEST(BalanceIndex, NineYearSchoolIsSplitByWeightedStudents) {
    BalancePolicy p;
    auto d = county()[3];
    auto primary = evaluate_school(p, Stage::primary, d);
    auto junior = evaluate_school(p, Stage::junior, d);
    EXPECT_TRUE(primary.split);
    EXPECT_EQ(primary.students, 200);
    EXPECT_EQ(junior.students, 100);
    // 20 degree teachers × 200/310 for 200 primary pupils, × 110/310 for 100 junior ones.
    EXPECT_NEAR(value(primary, Indicator::degree_teachers), 6.451612903, 1e-8);
    EXPECT_NEAR(value(junior, Indicator::degree_teachers), 7.096774194, 1e-8);
    // 900,000 yuan × 200/310 / 200 pupils
    EXPECT_NEAR(value(primary, Indicator::equipment), 2903.225806, 1e-5);
}

TEST(BalanceIndex, CountyCoefficientsOfVariationAndSchoolVerdicts) {
    auto b = compute_balance(BalancePolicy{}, county());
    ASSERT_EQ(b.stages.size(), 2u);
    const auto& primary = stage(b, Stage::primary);
    // The teaching point (40 pupils) is left out; A, B and D's primary part remain.
    ASSERT_EQ(primary.schools.size(), 3u);
    EXPECT_EQ(primary.students, 1000);
    const auto& degree = indicator(primary, Indicator::degree_teachers);
    EXPECT_NEAR(degree.mean, 5.490322581, 1e-8);
    EXPECT_NEAR(degree.cv, 0.180401863, 1e-8);
    EXPECT_EQ(degree.limit, 0.50);
    EXPECT_TRUE(degree.pass);
    // B holds the county back most on degree teachers: 68 % of the variance.
    EXPECT_NEAR(in_stage(primary, 2).variance_share[0], 0.679209979, 1e-8);
    EXPECT_NEAR(in_stage(primary, 1).variance_share[0], 0.132398490, 1e-8);

    const auto& a = in_stage(primary, 1);
    EXPECT_TRUE(a.pass);
    EXPECT_TRUE(a.missed.empty());
    const auto& bad = in_stage(primary, 2);
    EXPECT_FALSE(bad.pass);
    std::vector<Indicator> missed{Indicator::degree_teachers, Indicator::backbone_teachers,
                                  Indicator::room_area, Indicator::equipment,
                                  Indicator::multimedia_rooms};
    EXPECT_EQ(bad.missed, missed);
    // 0.67 backbone teachers per 100 pupils is below 85 % of 1.
    EXPECT_EQ(bad.below_floor, std::vector<Indicator>{Indicator::backbone_teachers});
    EXPECT_EQ(primary.schools_passing, 2);
    EXPECT_FALSE(primary.pass);

    const auto& junior = stage(b, Stage::junior);
    ASSERT_EQ(junior.schools.size(), 2u);
    EXPECT_NEAR(indicator(junior, Indicator::degree_teachers).cv, 0.070539419, 1e-8);
    EXPECT_NEAR(in_stage(junior, 4).variance_share[0], 0.8, 1e-9);

    ASSERT_EQ(b.excluded.size(), 1u);
    EXPECT_EQ(b.excluded[0].institution, 3);
    EXPECT_NE(b.excluded[0].reason.zh.find("教学点"), std::string::npos);
    EXPECT_EQ(b.verdict, Verdict::fail);
}

TEST(BalanceIndex, SixOfSevenPassesButOneBelowTheFloorFails) {
    BalancePolicy p;
    // 1,000 pupils; everything at the standard except multimedia rooms.
    auto s = school(9, "x", "primary", 1000, 0, 42, 10, 9, 4500, 7500, 2'000'000, 22);
    auto r = evaluate_school(p, Stage::primary, s);
    EXPECT_EQ(r.missed, std::vector<Indicator>{Indicator::multimedia_rooms});
    EXPECT_TRUE(r.below_floor.empty());  // 2.2 ≥ 0.85 × 2.3
    EXPECT_TRUE(r.pass);
    s.conditions.multimedia_rooms = 19;  // 1.9 < 1.955
    r = evaluate_school(p, Stage::primary, s);
    EXPECT_FALSE(r.pass);
    EXPECT_EQ(r.below_floor, std::vector<Indicator>{Indicator::multimedia_rooms});
    // A province that asks for all seven.
    p.min_indicators_met = 7;
    s.conditions.multimedia_rooms = 22;
    EXPECT_FALSE(evaluate_school(p, Stage::primary, s).pass);
}

TEST(BalanceIndex, CountyPassesWhenEveryCvIsWithinLimitAndEverySchoolPasses) {
    std::vector<SchoolInput> even{
        school(1, "甲", "primary", 500, 0, 30, 6, 6, 2500, 5000, 1'250'000, 15),
        school(2, "乙", "primary", 400, 0, 22, 5, 4, 2000, 3600, 900'000, 10)};
    auto b = compute_balance(BalancePolicy{}, even);
    EXPECT_EQ(b.verdict, Verdict::pass);
    // A stricter province limit turns the same figures into a failure.
    BalancePolicy strict;
    strict.cv_limits = {0.01, 0.01};
    EXPECT_EQ(compute_balance(strict, even).verdict, Verdict::fail);
    // A school without inputs makes the year incomplete.
    EXPECT_EQ(compute_balance(BalancePolicy{}, even, {{3, "丙"}}).verdict, Verdict::incomplete);
    EXPECT_EQ(compute_balance(BalancePolicy{}, {}).verdict, Verdict::no_data);
    // No school has entered anything yet: no data, rather than incomplete.
    EXPECT_EQ(compute_balance(BalancePolicy{}, {}, {{3, "丙"}}).verdict, Verdict::no_data);
}

TEST(BalanceIndex, PairingEffectIsTheMeanChangeOfEachGroup) {
    auto last = county();
    auto now = county();
    now[1].conditions.degree_teachers = 15;  // B, paired: 4.0 → 5.0 per 100
    now[0].conditions.degree_teachers = 35;  // A, not weak, not paired: not counted
    auto before = compute_balance(BalancePolicy{}, last);
    auto after = compute_balance(BalancePolicy{}, now);
    auto e = pairing_effect(before, after, {2}, {2, 4});
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0].stage, Stage::primary);
    EXPECT_EQ(e[0].paired.schools, 1);
    EXPECT_NEAR(e[0].paired.mean_change[0], 1.0, 1e-9);
    EXPECT_EQ(e[0].unpaired_weak.schools, 1);  // D's primary part, unchanged
    EXPECT_NEAR(e[0].unpaired_weak.mean_change[0], 0.0, 1e-12);
    EXPECT_EQ(e[1].unpaired_weak.schools, 1);  // D's junior part
}

TEST(BalanceConditions, ReadsAreasWithTwoDecimalsExactly) {
    SchoolConditions c;
    FieldErrors e;
    read_json(c,
              boost::json::parse(R"({"primary_students": 320, "junior_students": 0,
                  "degree_teachers": 18, "backbone_teachers": 3, "pe_arts_teachers": 3,
                  "room_area_m2": 1456.35, "sports_area_m2": "2,400.5",
                  "equipment_value_fen": 64000000, "multimedia_rooms": 8})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(c.room_area_centi, 145635);
    EXPECT_EQ(c.sports_area_centi, 240050);
    EXPECT_TRUE(validate(c, "primary").empty());
}

TEST(BalanceConditions, RefusesBadInputFieldByField) {
    SchoolConditions c;
    FieldErrors e;
    read_json(c,
              boost::json::parse(R"({"primary_students": 0, "junior_students": 0,
                  "degree_teachers": -1, "backbone_teachers": "三", "pe_arts_teachers": 3,
                  "room_area_m2": 12.345, "sports_area_m2": -5,
                  "equipment_value_fen": 100, "colour": "red"})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.contains("backbone_teachers"));
    EXPECT_EQ(e.at("room_area_m2").zh, "教学及辅助用房面积（平方米）最多保留两位小数");
    EXPECT_TRUE(e.contains("sports_area_m2"));
    EXPECT_TRUE(e.contains("multimedia_rooms"));  // left out: required
    EXPECT_TRUE(e.contains("colour"));
    auto v = validate(c, "primary");
    EXPECT_EQ(v.at("degree_teachers").zh, "高于规定学历教师数不能为负数");
    // No students with other values: every indicator is per student.
    EXPECT_TRUE(v.contains("primary_students"));
}

TEST(BalanceConditions, StagesMustFitTheKindOfSchool) {
    SchoolConditions c;
    c.primary_students = 300;
    c.junior_students = 20;
    EXPECT_TRUE(validate(c, "primary").contains("junior_students"));
    EXPECT_TRUE(validate(c, "junior").contains("primary_students"));
    EXPECT_TRUE(validate(c, "nine_year").empty());
    EXPECT_TRUE(validate(c, "hospital").contains("institution"));
    EXPECT_FALSE(takes_part("vocational"));
}

TEST(BalanceConditions, SchoolYears) {
    EXPECT_EQ(parse_school_year("2025-2026"), 2025);
    EXPECT_FALSE(parse_school_year("2025-2027"));
    EXPECT_FALSE(parse_school_year("2025"));
    EXPECT_EQ(format_school_year(2024), "2024-2025");
    EXPECT_EQ(format_area(145630), "1456.3");
    EXPECT_EQ(format_area(100), "1");
}

TEST(BalancePolicyData, DefaultsAreTheNationalMethodAndEditsAreChecked) {
    BalancePolicy p;
    EXPECT_EQ(p.standards_of(Stage::junior)[4], 10.2);
    EXPECT_TRUE(validate(p).empty());
    FieldErrors e;
    read_json(p,
              boost::json::parse(R"({"standards": {"primary": {"room_area": 5.0, "lawn": 1}},
                  "cv_limits": {"junior": 0.4}, "min_indicators_met": 9})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.contains("standards.primary.lawn"));
    EXPECT_EQ(p.standards_of(Stage::primary)[3], 5.0);
    EXPECT_EQ(p.cv_limit(Stage::junior), 0.4);
    EXPECT_EQ(p.standards_of(Stage::primary)[0], 4.2);  // not sent: kept
    EXPECT_TRUE(validate(p).contains("min_indicators_met"));
}
