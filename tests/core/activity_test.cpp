#include "core/activity.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
Activity visit() {
    Activity x;
    x.program = 1;
    x.pairing = 2;
    x.type = "teacher_visit";
    x.start_date = "2026-11-04";
    x.end_date = "2026-11-04";
    x.host_institution = 10;
    x.visiting_institution = 11;
    x.teachers_count = 6;
    x.leaders_count = 2;
    x.topic = "送教下乡";
    return x;
}
Activity demo_class() {
    Activity x = visit();
    x.type = "demonstration_class";
    x.teacher = 5;
    x.subject = "chinese";
    x.topic = "《秋天的雨》";
    x.audience_size = 40;
    return x;
}
}  // namespace

TEST(Activity, AcceptsAVisitAndADemonstrationClass) {
    EXPECT_TRUE(validate(visit()).empty());
    EXPECT_TRUE(validate(demo_class()).empty());
}

TEST(Activity, ADemonstrationOrOpenClassNeedsTeacherSubjectAndTopic) {
    for (const char* type : {"demonstration_class", "open_class"}) {
        Activity x = demo_class();
        x.type = type;
        x.teacher.reset();
        x.subject.clear();
        x.topic.clear();
        auto e = validate(x);
        EXPECT_EQ(e.at("teacher").zh, "授课教师不能为空（示范课、公开课须填写）") << type;
        EXPECT_TRUE(e.contains("subject")) << type;
        EXPECT_TRUE(e.contains("topic")) << type;
    }
    Activity x = demo_class();
    x.audience_size = -1;
    EXPECT_EQ(validate(x).at("audience_size").zh, "听课人数不能为负数");
}

TEST(Activity, TeacherAndAudienceAreOnlyForClasses) {
    Activity x = visit();
    x.teacher = 5;
    x.audience_size = 30;
    auto e = validate(x);
    EXPECT_TRUE(e.contains("teacher"));
    EXPECT_TRUE(e.contains("audience_size"));
}

TEST(Activity, ChecksDatesAndTheirOrder) {
    Activity x = visit();
    x.end_date = "2026-11-03";
    EXPECT_EQ(validate(x).at("end_date").en,
              "end date must not be before the start date (same date for one day)");
    x.end_date = "2026-11-06";  // a three-day training
    EXPECT_TRUE(validate(x).empty());
    x.start_date = "2026-02-30";
    EXPECT_TRUE(validate(x).contains("start_date"));
    x.start_date = "";
    EXPECT_EQ(validate(x).at("start_date").zh, "开始日期不能为空");
}

TEST(Activity, CountsAreNonNegativeAndBounded) {
    Activity x = visit();
    x.students_count = -3;
    x.medical_count = 2'000'000;
    auto e = validate(x);
    EXPECT_EQ(e.at("students_count").zh, "学生人数不能为负数");
    EXPECT_TRUE(e.contains("medical_count"));
    x = visit();
    x.students_count = 31;
    x.medical_count = 1;
    EXPECT_EQ(person_times(x), 2 + 6 + 31 + 1);
}

TEST(Activity, HostIsRequiredAndMustDifferFromTheVisitor) {
    Activity x = visit();
    x.visiting_institution = x.host_institution;
    EXPECT_EQ(validate(x).at("visiting_institution").zh, "来访单位不能与承办单位相同");
    x.host_institution = 0;
    EXPECT_EQ(validate(x).at("host_institution").zh, "承办单位不能为空");
}

TEST(Activity, DirectionMustStayWithinThePairing) {
    Activity x = visit();
    FieldErrors e;
    check_direction(x, 11, 10, e);  // supporter 11 visits recipient 10
    EXPECT_TRUE(e.empty());
    check_direction(x, 10, 11, e);  // the other way round is also a visit of the pairing
    EXPECT_TRUE(e.empty());
    x.visiting_institution = 99;
    check_direction(x, 11, 10, e);
    EXPECT_EQ(e.at("visiting_institution").zh, "来访单位应为该结对的帮扶方或受援方");
    e.clear();
    x.visiting_institution.reset();
    x.host_institution = 98;
    check_direction(x, 11, 10, e);
    EXPECT_TRUE(e.contains("host_institution"));
}

TEST(Activity, RefusesTooLongTextRatherThanCuttingIt) {
    Activity x = visit();
    x.topic = std::string(201 * 3, 'a').substr(0, 201);
    x.content.clear();
    for (int i = 0; i < 5001; ++i) x.content += "字";
    auto e = validate(x);
    EXPECT_EQ(e.at("topic").zh, "主题/课题不能超过 200 个字");
    EXPECT_EQ(e.at("content").zh, "活动内容不能超过 5000 个字");
    x.topic = std::string(200, 'a');
    x.content.pop_back();
    x.content.pop_back();
    x.content.pop_back();
    EXPECT_TRUE(validate(x).empty());
}

TEST(Activity, KnowsSubjectsAndRejectsDuplicateParticipants) {
    Activity x = visit();
    x.subject = "alchemy";
    x.participants = {{5, "带队", "", ""}, {5, "", "", ""}};
    auto e = validate(x);
    EXPECT_TRUE(e.contains("subject"));
    EXPECT_EQ(e.at("participants").zh, "参加人员中同一人（编号 5）出现了两次");
}

TEST(Activity, ReadsParticipantsAndRejectsUnknownFields) {
    Activity x;
    FieldErrors e;
    boost::json::object o{{"type", "lecture"},
                          {"participants", boost::json::array{{{"staff", 3}, {"role", " 主讲 "}}}},
                          {"type_label", "讲座"}};
    read_json(x, o, e);
    EXPECT_TRUE(e.empty());
    ASSERT_EQ(x.participants.size(), 1u);
    EXPECT_EQ(x.participants[0].staff, 3);
    EXPECT_EQ(x.participants[0].role, "主讲");
    read_json(x, {{"participants", boost::json::array{{{"staf", 3}}}}}, e);
    EXPECT_EQ(e.at("participants").zh, "参加人员第 1 项含有未知字段 staf");
    e.clear();
    read_json(x, {{"participants", "李家红"}}, e);
    EXPECT_TRUE(e.contains("participants"));
    e.clear();
    read_json(x, {{"leaders", 3}}, e);
    EXPECT_EQ(e.at("leaders").zh, "未知字段");
}

TEST(Activity, SerialisesLabelsInTheRequestedLanguage) {
    Activity x = demo_class();
    x.type_label = {"示范课", "Demonstration class"};
    auto zh = to_json(x, "zh");
    EXPECT_EQ(zh.at("type_label").as_string(), "示范课");
    EXPECT_EQ(zh.at("subject_label").as_string(), "语文");
    EXPECT_EQ(zh.at("person_times").as_int64(), 8);
    EXPECT_EQ(to_json(x, "en").at("subject_label").as_string(), "Chinese");
}
