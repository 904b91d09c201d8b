#include "core/people_helped_summary.hpp"

#include <gtest/gtest.h>

#include "core/yearly_report.hpp"

namespace bangfu::core::report {
namespace {

// Facts shaped like 企石镇铁炉坑村 in 2026 (seed 2): 16 households, a home visit each, 7
// counselled, 2 tuition exemptions, 6 work-study places, 6 employed; and the "9+3" cohorts.
PeopleHelpedFacts tielukeng() {
    PeopleHelpedFacts f;
    f.students = 0;
    f.households = 16;
    f.by_category = {{"registered_poor", {"建档立卡", "Registered poor"}, 0, 10},
                     {"subsistence", {"低保", "Subsistence"}, 0, 6}};
    f.cases = 16;
    f.records_by_kind = {{"home_visit", {"入户走访", "Home visit"}, 16, 16, 0},
                         {"counselling", {"心理疏导", "Counselling"}, 7, 7, 0},
                         {"job_placement", {"就业安置", "Job placement"}, 6, 6, 0},
                         {"medical_expenses", {"医疗费用", "Medical"}, 6, 6, 1'200'000}};
    for (int m = 1; m <= 12; ++m)
        f.records_by_month.push_back({"2026-" + std::string(m < 10 ? "0" : "") + std::to_string(m),
                                      {std::to_string(m) + "月", "m"},
                                      m == 3 ? 35 : 0,
                                      0,
                                      m == 3 ? 1'200'000 : 0});
    f.records = 35;
    f.amount_fen = 1'200'000;
    f.home_visits = 16;
    f.counselled = 7;
    f.tuition_exemptions = 2;
    f.work_study_places = 6;
    f.people_employed = 6;
    f.employed_at_2000 = 6;
    f.as_of = "2026-11-29";
    f.overdue_cases = 2;
    f.overdue_cadences = 3;
    return f;
}

TEST(PeopleHelpedSection, FiguresAreTheFacts) {
    auto f = tielukeng();
    Report r;
    r.sections = {people_helped_section(f, people_helped_links({"institution", "9"}, 2026))};
    EXPECT_EQ(r.sections[0].key, "people_helped");
    EXPECT_EQ(find_figure(r, "people.households")->value, 16);
    EXPECT_EQ(find_figure(r, "people.students")->value, 0);
    EXPECT_EQ(find_figure(r, "people.beneficiaries")->value, 16);
    EXPECT_EQ(find_figure(r, "aid.counselled")->value, 7);
    EXPECT_EQ(find_figure(r, "aid.tuition_exemptions")->value, 2);
    EXPECT_EQ(find_figure(r, "aid.work_study_places")->value, 6);
    EXPECT_EQ(find_figure(r, "aid.employed_at_2000")->value, 6);
    EXPECT_EQ(find_figure(r, "aid.home_visits")->value, 16);
    EXPECT_EQ(find_figure(r, "aid.amount_fen")->value, 1'200'000);
    EXPECT_EQ(find_figure(r, "aid.amount_fen")->unit, Unit::fen);
    EXPECT_EQ(format_value(*find_figure(r, "aid.amount_fen")), "12,000.00");
    EXPECT_EQ(find_figure(r, "aid.kind.counselling")->value, 7);
    EXPECT_EQ(find_figure(r, "aid.overdue_cadences")->value, 3);
    EXPECT_EQ(find_figure(r, "inbound.students")->value, 0);
}

TEST(PeopleHelpedSection, SummaryIsBilingualAndWrittenFromTheFigures) {
    auto s = people_helped_section(tielukeng(), people_helped_links({"region", "441900105"}, 2026));
    EXPECT_NE(s.summary.zh.find("困难家庭 16 户"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.zh.find("7 人接受心理疏导"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.zh.find("月薪 2000 元以上 6 人"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.zh.find("12,000.00 元"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.zh.find("截至 2026-11-29"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.en.find("16 households"), std::string::npos) << s.summary.en;
    EXPECT_NE(s.summary.en.find("6 work-study places"), std::string::npos) << s.summary.en;
    // No inbound students: neither sentence nor tables about them.
    EXPECT_EQ(s.summary.zh.find("异地就读"), std::string::npos);
    EXPECT_EQ(s.tables.size(), 3u);
}

TEST(PeopleHelpedSection, TablesTotalTheFigures) {
    auto f = tielukeng();
    auto s = people_helped_section(f, people_helped_links({"institution", "9"}, 2026));
    const auto& by_category = s.tables[0];
    EXPECT_EQ(by_category.key, "beneficiaries_by_category");
    // Each category row, then the total that counts each beneficiary once.
    ASSERT_EQ(by_category.rows.size(), 3u);
    EXPECT_EQ(by_category.rows.back()[2].zh, "16");
    EXPECT_EQ(by_category.rows.back()[3].zh, "16");
    const auto& by_kind = s.tables[1];
    EXPECT_EQ(by_kind.rows.back()[1].zh, "35");
    EXPECT_EQ(by_kind.rows.back()[3].zh, "12000.00");
    const auto& by_month = s.tables[2];
    ASSERT_EQ(by_month.rows.size(), 13u);  // 12 months and the total
    EXPECT_EQ(by_month.rows[2][1].zh, "35");
    EXPECT_EQ(by_month.rows.back()[1].zh, "35");
}

TEST(PeopleHelpedSection, InboundStudentsByGradeAndMajor) {
    PeopleHelpedFacts f;
    f.as_of = "2025-12-31";
    f.inbound_students = 198;
    f.inbound_fee_exemption_fen = 198 * 200'000;
    f.inbound_by_program = {{"3", "“9+3”", 198, 198 * 200'000}};
    f.inbound_by_grade = {{"senior/高一", "高一", 63, 63 * 200'000},
                          {"senior/高二", "高二", 74, 74 * 200'000},
                          {"senior/高三", "高三", 61, 61 * 200'000}};
    f.inbound_by_major = {{"计算机应用", "计算机应用", 32, 32 * 200'000}};
    auto s = people_helped_section(f, people_helped_links({"program", "3"}, 2025));
    EXPECT_NE(s.summary.zh.find("接收异地就读学生 198 名"), std::string::npos) << s.summary.zh;
    EXPECT_NE(s.summary.zh.find("高一 63 名、高二 74 名、高三 61 名"), std::string::npos);
    ASSERT_EQ(s.tables.size(), 6u);
    EXPECT_EQ(s.tables[4].key, "inbound_by_grade");
    EXPECT_EQ(s.tables[4].rows.back()[1].zh, "198");
    EXPECT_EQ(s.tables[4].rows.back()[2].zh, "396000.00");
    Report r;
    r.sections = {s};
    EXPECT_EQ(find_figure(r, "inbound.students")->link,
              "/beneficiaries/inbound?program=3&school_year=2025");
}

TEST(PeopleHelpedSection, LinksCarryTheScopeFilterEachPageUnderstands) {
    Report r;
    r.sections = {
        people_helped_section(tielukeng(), people_helped_links({"region", "441900"}, 2026))};
    // The beneficiaries counted are those aided in the year; a region filters the aid pages too.
    EXPECT_EQ(find_figure(r, "people.households")->link,
              "/beneficiaries/households?region=441900&aided_year=2026");
    EXPECT_EQ(find_figure(r, "aid.counselled")->link,
              "/aid/stats?region=441900&date_from=2026-01-01&date_to=2026-12-31");
    EXPECT_EQ(find_figure(r, "aid.cases")->link, "/aid/cases?region=441900&year=2026");
    EXPECT_EQ(find_figure(r, "inbound.students")->link,
              "/beneficiaries/inbound?region=441900&school_year=2026");
    EXPECT_EQ(find_figure(r, "aid.overdue_cases")->link,
              "/aid/alerts?region=441900&as_of=2026-11-29");
    r.sections = {
        people_helped_section(tielukeng(), people_helped_links({"institution", "9"}, 2026))};
    EXPECT_EQ(find_figure(r, "aid.counselled")->link,
              "/aid/stats?institution=9&date_from=2026-01-01&date_to=2026-12-31");
    r.sections = {people_helped_section(tielukeng(), people_helped_links({"program", "3"}, 2026))};
    EXPECT_EQ(find_figure(r, "people.beneficiaries")->link,
              "/beneficiaries/stats?aid_program=3&aided_year=2026");
}

TEST(PeopleHelpedSection, SurvivesTheFrozenJson) {
    auto s = people_helped_section(tielukeng(), people_helped_links({"institution", "9"}, 2026));
    auto back = sections_from_json(sections_to_json({s}));
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].summary.zh, s.summary.zh);
    EXPECT_EQ(back[0].summary.en, s.summary.en);
    EXPECT_EQ(back[0].figures.size(), s.figures.size());
}

TEST(PeopleHelpedDashboard, SeriesAgreeWithTheSection) {
    auto f = tielukeng();
    auto links = people_helped_links({"institution", "9"}, 2026);
    auto d = people_helped_dashboard_json(f, links, "zh");
    std::int64_t month_total = 0;
    for (const auto& m : d.at("aid_by_month").as_array()) month_total += m.at("records").as_int64();
    EXPECT_EQ(month_total, f.records);
    // Each month links to the aid statistics of that month.
    EXPECT_EQ(d.at("aid_by_month").as_array()[1].at("link").as_string(),
              "/aid/stats?institution=9&date_from=2026-02-01&date_to=2026-02-28");
    EXPECT_EQ(d.at("aid_by_month").as_array().size(), 12u);
    EXPECT_EQ(d.at("aid_by_kind").as_array().size(), f.records_by_kind.size());
    EXPECT_EQ(d.at("overdue").at("cadences").as_int64(), 3);
    bool found = false;
    for (const auto& x : d.at("figures").as_array())
        if (x.at("key") == "people.households") {
            found = true;
            EXPECT_EQ(x.at("value").as_int64(), 16);
        }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace bangfu::core::report
