#include "report/dispatch_sheets.hpp"

#include <gtest/gtest.h>

using namespace bangfu;

namespace {
core::Assignment dai() {
    core::Assignment x;
    x.staff_name = "戴文敏";
    x.sending_institution_name = "彭州市白马中学";
    x.recipient_institution_name = "乡城县中学";
    x.program_name = "成都市彭州市对口支援乡城县教育";
    x.batch_name = "2012—2013学年赴乡城支教教师";
    x.start_date = "2012-09-01";
    x.end_date = "2013-06-30";
    x.subjects = {"chinese", "politics"};
    x.weekly_hours_recipient = 14;
    x.weekly_hours_home = 0;
    x.volunteered = true;
    x.status = "completed";
    return x;
}
}  // namespace

TEST(DispatchSheets, AssignmentsShowLabelsInTheUsersLanguage) {
    auto zh = report::assignments_table({dai()}, "zh");
    ASSERT_EQ(zh.rows.size(), 1u);
    EXPECT_EQ(zh.header.size(), zh.rows[0].size());
    EXPECT_EQ(zh.header[0], "支教教师");
    EXPECT_EQ(zh.rows[0][7], "语文、道德与法治/政治");
    EXPECT_EQ(zh.rows[0][8], "已期满");
    EXPECT_EQ(zh.rows[0][9], "14");
    EXPECT_EQ(zh.rows[0][13], "是");
    EXPECT_EQ(zh.header[report::assignments_numeric_columns[0]], "受援校周课时");
    auto en = report::assignments_table({dai()}, "en");
    EXPECT_EQ(en.rows[0][7], "Chinese, Politics");
    EXPECT_EQ(en.rows[0][8], "Completed");
}

TEST(DispatchSheets, WorkloadRowsNameTheTermAndAddUp) {
    store::dispatch_reports::WorkloadRow r;
    r.staff_name = "王立新";
    r.sending_institution_name = "叶集区第一中学";
    r.recipients = "叶集区三元中学";
    r.term = {2025, true};
    r.assignments = 1;
    r.days = 153;
    r.recipient_hours = 262;
    r.home_hours = 44;
    r.total_hours = 306;
    auto t = report::workload_table({r}, "zh");
    EXPECT_EQ(t.rows[0],
              (std::vector<std::string>{"2025年秋季学期", "王立新", "叶集区第一中学",
                                        "叶集区三元中学", "1", "153", "262", "44", "306"}));
    EXPECT_EQ(report::workload_table({r}, "en").rows[0][0], "Autumn term 2025");
}

TEST(DispatchSheets, BatchesAndAttachmentStudy) {
    core::Batch b;
    b.program_name = "叶集区城乡学校结对帮扶";
    b.name = "第三批赴孙岗乡支教";
    b.sendoff_date = "2025-11-12";
    b.planned_count = 14;
    b.assigned_count = 14;
    auto t = report::batches_table({b}, "zh");
    EXPECT_EQ(t.rows[0][1], "第三批赴孙岗乡支教");
    EXPECT_EQ(t.rows[0][3], "14");
    core::AttachmentStudy a;
    a.kind = "attachment";
    a.headcount = 52;
    a.home_institution_name = "霍城县教育局";
    a.host_institution_name = "无锡市教育局";
    auto at = report::attachment_studies_table({a}, "zh");
    EXPECT_EQ(at.rows[0][0], "挂职锻炼");
    EXPECT_EQ(at.rows[0][1], "");  // a group without names
    EXPECT_EQ(at.rows[0][4], "52");
}

TEST(DispatchSheets, StatisticsStartWithTheTotalsThenEachGrouping) {
    store::dispatch_reports::Statistics s;
    s.batches = 3;
    s.teachers_arranged = 129;
    s.person_times = 107;
    s.teachers = 107;
    s.school_years = 4;
    s.first_school_year = "2022-2023";
    s.last_school_year = "2025-2026";
    s.by_year.push_back({"2025", {"2025年", "2025"}, 14, 14, 1});
    auto t = report::statistics_table(s, "zh");
    EXPECT_EQ(t.rows[0], (std::vector<std::string>{"合计", "批次", "", "", "3"}));
    EXPECT_EQ(t.rows[1][3], "129");
    EXPECT_EQ(t.rows[2], (std::vector<std::string>{"合计", "支教", "107", "107", ""}));
    EXPECT_EQ(t.rows[3][2], "4 (2022-2023 ~ 2025-2026)");
    EXPECT_EQ(t.rows.back(), (std::vector<std::string>{"按年度", "2025年", "14", "14", "1"}));
    EXPECT_EQ(report::statistics_table(s, "en").rows.back()[1], "2025");
}
