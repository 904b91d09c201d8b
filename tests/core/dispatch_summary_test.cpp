#include "core/dispatch_summary.hpp"

#include <gtest/gtest.h>

namespace bangfu::core::report {
namespace {

// Facts shaped like 彭州→乡城 2012—2013 (seed): one batch of five teachers, every appraisal
// approved competent, 33,000 yuan each; plus one teacher rated excellent and one withdrawn.
DispatchFacts pengzhou() {
    DispatchFacts f;
    f.batches = {{"彭州对口支援乡城", "2012—2013学年赴乡城支教教师", "2012-08-28",
                  "彭州市教育局支教教师出征仪式", 5, 5}};
    f.person_times = 5;
    f.teachers = 5;
    f.withdrawn = 1;
    f.by_subject = {{"chinese", {"语文", "Chinese"}, 2, 2}, {"math", {"数学", "Math"}, 3, 3}};
    f.by_sender = {{"1", {"彭州中学", "彭州中学"}, 5, 5}};
    f.by_recipient = {{"2", {"乡城中学", "乡城中学"}, 3, 3}, {"3", {"青德小学", "青德小学"}, 2, 2}};
    f.attachments = {
        {{"跟班", "Class tracking"}, "乡城中学", "彭州中学", "2013-03-01 — 2013-03-05", 7},
        {{"培训", "Training"}, "青德小学", "彭州中学", "2013-04-01 — 2013-04-30", 2}};
    f.ratings = {{"excellent", {"优秀", "Excellent"}, 1},
                 {"competent", {"称职", "Competent"}, 4},
                 {"basically_competent", {"基本称职", "Basically competent"}, 0},
                 {"incompetent", {"不称职", "Incompetent"}, 0}};
    f.appraisals_open = 1;
    f.excellent = {{"戴文敏", "彭州中学", "乡城中学"}};
    for (int i = 0; i < 5; ++i)
        f.subsidies.push_back({"彭州对口支援乡城", "教师" + std::to_string(i), "彭州中学",
                               "乡城中学", 10, 3300000, 3300000, 0});
    f.subsidies.push_back(
        {"彭州对口支援乡城", "退出教师", "彭州中学", "乡城中学", 3, 1100000, 0, 1100000});
    return f;
}

const Table& table(const Section& s, std::string_view key) {
    for (const auto& t : s.tables)
        if (t.key == key) return t;
    throw std::runtime_error("no table " + std::string(key));
}

std::int64_t figure(const Section& s, std::string_view key) {
    Report r;
    r.sections = {s};
    const auto* f = find_figure(r, key);
    if (!f) throw std::runtime_error("no figure " + std::string(key));
    return f->value;
}

TEST(DispatchSection, FiguresAreTheFactsAddedUp) {
    auto s = dispatch_section(pengzhou(), {"program=4", 2013, ""});
    EXPECT_EQ(s.key, "dispatch");
    EXPECT_EQ(figure(s, "dispatch.batches"), 1);
    EXPECT_EQ(figure(s, "dispatch.person_times"), 5);
    EXPECT_EQ(figure(s, "dispatch.teachers"), 5);
    EXPECT_EQ(figure(s, "dispatch.withdrawn"), 1);
    EXPECT_EQ(figure(s, "dispatch.attachment_person_times"), 9);
    EXPECT_EQ(figure(s, "dispatch.appraisals_approved"), 5);
    EXPECT_EQ(figure(s, "dispatch.rating.excellent"), 1);
    EXPECT_EQ(figure(s, "dispatch.rating.competent"), 4);
    EXPECT_EQ(figure(s, "dispatch.appraisals_open"), 1);
    EXPECT_EQ(figure(s, "dispatch.subsidy_entitled_fen"), 5 * 3300000 + 1100000);
    EXPECT_EQ(figure(s, "dispatch.subsidy_payable_fen"), 16500000);
    EXPECT_EQ(figure(s, "dispatch.subsidy_pending_fen"), 1100000);
}

TEST(DispatchSection, NamesTheExcellentTeachersInBothLanguages) {
    auto s = dispatch_section(pengzhou(), {"program=4", 2013, ""});
    EXPECT_EQ(s.summary.zh.rfind("2012—2013学年共有 1 批支教教师在岗，派遣支教 5 人次", 0), 0u)
        << s.summary.zh;
    EXPECT_EQ(s.summary.en.rfind("School year 2012–13: 1 batch on duty, 5 person-times sent", 0),
              0u)
        << s.summary.en;
    EXPECT_NE(s.summary.zh.find("考核优秀的支教教师：戴文敏（乡城中学）"), std::string::npos);
    EXPECT_NE(s.summary.en.find("Rated excellent: 戴文敏 (乡城中学)"), std::string::npos);
    EXPECT_NE(s.summary.zh.find("可发放 165,000.00 元"), std::string::npos) << s.summary.zh;
    const auto& et = table(s, "excellent_teachers");
    ASSERT_EQ(et.rows.size(), 1u);
    EXPECT_EQ(et.rows[0][0].zh, "戴文敏");
}

TEST(DispatchSection, TableTotalsEqualTheFigures) {
    auto s = dispatch_section(pengzhou(), {"program=4", 2013, ""});
    const auto& st = table(s, "subsidies");
    ASSERT_EQ(st.rows.size(), 7u);  // six rows and the total
    EXPECT_EQ(st.rows.back()[0].zh, "合计");
    EXPECT_EQ(st.rows.back()[6].zh, "165000.00");  // a number for spreadsheets
    EXPECT_EQ(st.money_columns, (std::vector<std::size_t>{5, 6, 7}));
    const auto& rt = table(s, "appraisal_results");
    EXPECT_EQ(rt.rows.back()[1].zh, "5");
    const auto& at = table(s, "attachment_study");
    EXPECT_EQ(at.rows.back()[4].zh, "9");
    EXPECT_EQ(table(s, "dispatch_by_recipient").rows.back()[1].zh, "5");
}

TEST(DispatchSection, LinksCarryTheScopeAndYear) {
    auto s = dispatch_section(pengzhou(), {"program=4", 2013, ""});
    Report r;
    r.sections = {s};
    // Person-times: the school year's assignments, without those who withdrew.
    EXPECT_EQ(find_figure(r, "dispatch.person_times")->link,
              "/dispatch/assignments?program=4&school_year=2013&withdrawn=false");
    EXPECT_EQ(find_figure(r, "dispatch.withdrawn")->link,
              "/dispatch/assignments?program=4&school_year=2013&status=withdrawn");
    EXPECT_EQ(find_figure(r, "dispatch.attachment_person_times")->link,
              "/dispatch/attachments?program=4&school_year=2013");
    EXPECT_EQ(find_figure(r, "dispatch.appraisals_open")->link,
              "/appraisals?program=4&year=2013&open=true");
    EXPECT_EQ(find_figure(r, "dispatch.subsidy_payable_fen")->link,
              "/subsidy-payments?program=4&year=2013&status=payable");
    auto i = dispatch_section(pengzhou(), {"institution=9", 2013, ""});
    r.sections = {i};
    EXPECT_EQ(find_figure(r, "dispatch.subsidy_entitled_fen")->link,
              "/subsidy-payments?institution=9&year=2013");
    EXPECT_EQ(find_figure(r, "dispatch.teachers")->link,
              "/dispatch/assignments?institution=9&school_year=2013&withdrawn=false");
    // A region: the dispatch lists take its code.
    r.sections = {dispatch_section(pengzhou(), {"", 2013, "341504"})};
    EXPECT_EQ(find_figure(r, "dispatch.rating.excellent")->link,
              "/appraisals?region=341504&year=2013&stage=approved&rating=excellent");
    EXPECT_EQ(find_figure(r, "dispatch.subsidy_pending_fen")->link,
              "/subsidy-payments?region=341504&year=2013&status=pending");
}

TEST(DispatchSection, AnEmptyYearSaysSoWithoutAppraisalOrSubsidyClauses) {
    auto s = dispatch_section({}, {"", 2020, ""});
    EXPECT_EQ(figure(s, "dispatch.person_times"), 0);
    EXPECT_EQ(s.summary.zh.find("考核"), std::string::npos);
    EXPECT_EQ(s.summary.zh.find("补助"), std::string::npos);
    EXPECT_EQ(table(s, "subsidies").rows.size(), 1u);  // the total row
}

TEST(DispatchDashboard, SeriesAndFiguresAgreeWithTheSection) {
    auto f = pengzhou();
    f.by_year = {{"2012", {"2011—2012学年", "2011–12"}, 0, 0},
                 {"2013", {"2012—2013学年", "2012–13"}, 5, 5}};
    auto j = dispatch_dashboard_json(f, {"program=4", 2013, ""}, "en");
    ASSERT_EQ(j.at("by_year").as_array().size(), 2u);
    EXPECT_EQ(j.at("by_year").as_array()[1].at("label").as_string(), "2012–13");
    EXPECT_EQ(j.at("by_year").as_array()[1].at("person_times").as_int64(), 5);
    EXPECT_EQ(j.at("by_year").as_array()[0].at("link").as_string(),
              "/dispatch/assignments?program=4&school_year=2012&withdrawn=false");
    EXPECT_EQ(j.at("by_recipient").as_array().size(), 2u);
    EXPECT_EQ(j.at("by_recipient").as_array()[0].at("link").as_string(),
              "/dispatch/assignments?program=4&school_year=2013&withdrawn=false&recipient=2");
    EXPECT_EQ(j.at("ratings").as_array()[1].at("count").as_int64(), 4);
    bool found = false;
    for (const auto& x : j.at("figures").as_array())
        if (x.at("key").as_string() == "dispatch.subsidy_payable_fen") {
            EXPECT_EQ(x.at("value").as_int64(), 16500000);
            found = true;
        }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace bangfu::core::report
