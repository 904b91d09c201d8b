// The activities export: headers, labels, participants and which columns are numbers.
#include "report/activities_sheets.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "report/xlsx_reader.hpp"
#include "report/xlsx_writer.hpp"

using namespace bangfu;

namespace {
core::Activity demo_class() {
    core::Activity x;
    x.id = 7;
    x.program_name = "通城县城乡学校结对帮扶";
    x.pairing = 3;
    x.pairing_label = "通城县实验小学 → 五里镇湾头小学";
    x.type = "demonstration_class";
    x.type_label = {"示范课", "Demonstration class"};
    x.start_date = x.end_date = "2026-11-04";
    x.host_name = "五里镇湾头小学";
    x.visiting_name = "通城县实验小学";
    x.subject = "chinese";
    x.topic = "《秋天的雨》";
    x.teacher_name = "李家红";
    x.audience_size = 45;
    x.teachers_count = 3;
    x.students_count = 40;
    x.participants = {{1, "授课教师", "李家红", "通城县实验小学"},
                      {2, "", "张峰", "通城县实验小学"}};
    x.attachment_count = 2;
    return x;
}
std::size_t column(const report::Table& t, std::string_view name) {
    return static_cast<std::size_t>(std::find(t.header.begin(), t.header.end(), name) -
                                    t.header.begin());
}
}  // namespace

TEST(ActivitiesSheet, OneRowPerActivityWithLabelsCountsAndParticipants) {
    auto t = report::activities_table({demo_class()}, "zh");
    ASSERT_EQ(t.rows.size(), 1u);
    ASSERT_EQ(t.header.size(), t.rows[0].size());
    const auto& r = t.rows[0];
    EXPECT_EQ(r[column(t, "活动类型")], "示范课");
    EXPECT_EQ(r[column(t, "学科")], "语文");
    EXPECT_EQ(r[column(t, "合计人次")], "43");
    EXPECT_EQ(r[column(t, "听课人数")], "45");
    EXPECT_EQ(r[column(t, "参加人员")], "李家红（授课教师）、张峰");
    auto en = report::activities_table({demo_class()}, "en");
    EXPECT_EQ(en.rows[0][column(en, "activity type")], "Demonstration class");
    EXPECT_EQ(en.rows[0][column(en, "participants")], "李家红 (授课教师), 张峰");
}

TEST(ActivitiesSheet, CountColumnsAreTheNumericOnes) {
    auto t = report::activities_table({demo_class()}, "zh");
    std::vector<std::string> numeric;
    for (auto i : report::activities_numeric_columns()) numeric.push_back(t.header.at(i));
    EXPECT_EQ(numeric,
              (std::vector<std::string>{"编号", "听课人数", "领导人数", "教师人数", "学生人数",
                                        "医务人员人数", "合计人次", "附件数"}));
    // Written and read back, the sheet holds the same texts.
    report::XlsxOptions o;
    o.numeric_columns = report::activities_numeric_columns();
    auto back = report::read_table(report::write_xlsx(t, o));
    EXPECT_EQ(back, t);
}
