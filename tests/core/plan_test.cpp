#include <gtest/gtest.h>

#include "core/plan.hpp"
#include "core/task.hpp"

using namespace bangfu::core;

namespace {
Plan valid_plan() {
    Plan x;
    x.program = 1;
    x.kind = "annual";
    x.title = "2026年度城乡学校结对帮扶工作计划";
    x.start_date = "2026-01-01";
    x.end_date = "2026-12-31";
    return x;
}
Task valid_task() {
    Task x;
    x.plan = 1;
    x.description = "每学期至少开展一次教师交流";
    x.owner_institution = 3;
    x.period_start = "2026-09-01";
    x.due_date = "2027-01-31";
    x.metric = "activity_count";
    x.activity_type = "teacher_visit";
    x.target = 1;
    return x;
}
}  // namespace

TEST(Plan, AcceptsAValidPlan) {
    EXPECT_TRUE(validate(valid_plan()).empty());
}

TEST(Plan, NamesEachInvalidField) {
    Plan x = valid_plan();
    x.program = 0;
    x.kind = "weekly";
    x.title = "";
    x.start_date = "2026-02-30";
    x.end_date = "";
    auto e = validate(x);
    EXPECT_EQ(e.at("program").zh, "帮扶项目不能为空");
    EXPECT_NE(e.at("kind").zh.find("实施方案"), std::string::npos);
    EXPECT_EQ(e.at("title").zh, "标题不能为空");
    EXPECT_NE(e.at("start_date").zh.find("有效日期"), std::string::npos);
    EXPECT_EQ(e.at("end_date").en, "end date is required");
}

TEST(Plan, EndMayNotPrecedeStart) {
    Plan x = valid_plan();
    x.end_date = "2025-12-31";
    EXPECT_EQ(validate(x).at("end_date").zh, "结束日期不能早于开始日期");
    x.end_date = x.start_date;
    EXPECT_TRUE(validate(x).empty());
}

TEST(Plan, RefusesOverlongTitleAndUnknownFields) {
    Plan x = valid_plan();
    x.title.clear();
    for (int i = 0; i < 201; ++i) x.title += "计";
    EXPECT_TRUE(validate(x).contains("title"));
    FieldErrors e;
    read_json(x, boost::json::parse(R"({"titel": "x", "id": 5, "file_name": "a.pdf"})").as_object(),
              e);
    EXPECT_TRUE(e.contains("titel"));
    EXPECT_EQ(e.size(), 1u);  // read-only keys a client sends back are accepted
}

TEST(Plan, ApprovalSteps) {
    EXPECT_EQ(approval_step("draft", "submitted"), ApprovalStep::by_author);
    EXPECT_EQ(approval_step("submitted", "draft"), ApprovalStep::by_author);
    EXPECT_EQ(approval_step("rejected", "draft"), ApprovalStep::by_author);
    EXPECT_EQ(approval_step("submitted", "approved"), ApprovalStep::by_program);
    EXPECT_EQ(approval_step("submitted", "rejected"), ApprovalStep::by_program);
    EXPECT_EQ(approval_step("approved", "draft"), ApprovalStep::by_program);
    EXPECT_EQ(approval_step("draft", "approved"), ApprovalStep::not_allowed);
    EXPECT_EQ(approval_step("rejected", "submitted"), ApprovalStep::not_allowed);
    EXPECT_EQ(approval_step("approved", "rejected"), ApprovalStep::not_allowed);
    EXPECT_EQ(approval_step("draft", "draft"), ApprovalStep::not_allowed);
    EXPECT_NE(approval_step_error("draft", "approved").zh.find("草稿"), std::string::npos);
    EXPECT_TRUE(plan_editable("draft"));
    EXPECT_TRUE(plan_editable("rejected"));
    EXPECT_FALSE(plan_editable("submitted"));
    EXPECT_FALSE(plan_editable("approved"));
    EXPECT_TRUE(is_phased_plan("annual"));
    EXPECT_TRUE(is_phased_plan("semester"));
    EXPECT_FALSE(is_phased_plan("implementation"));
}

TEST(Task, AcceptsAValidTask) {
    EXPECT_TRUE(validate(valid_task()).empty());
}

TEST(Task, NamesEachInvalidField) {
    Task x = valid_task();
    x.description = "";
    x.owner_institution.reset();
    x.metric = "hours";
    x.target = 0;
    x.due_date = "2026-08-31";
    auto e = validate(x);
    EXPECT_EQ(e.at("description").zh, "任务内容不能为空");
    EXPECT_NE(e.at("owner_institution").zh.find("责任单位或责任人"), std::string::npos);
    EXPECT_NE(e.at("metric").zh.find("活动天数"), std::string::npos);
    EXPECT_EQ(e.at("target").zh, "目标值至少为 1");
    EXPECT_EQ(e.at("due_date").zh, "完成期限不能早于起始日期");
}

TEST(Task, OwnerStaffAloneIsEnough) {
    Task x = valid_task();
    x.owner_institution.reset();
    x.owner_staff = 7;
    EXPECT_TRUE(validate(x).empty());
}

TEST(Task, ReadsJsonAndReportsTypeErrors) {
    Task x;
    FieldErrors e;
    read_json(x,
              boost::json::parse(R"({"description": " 三节示范课 ", "target": "three",
                  "activity_type": "", "progress": {"done": 1}})")
                  .as_object(),
              e);
    EXPECT_EQ(x.description, "三节示范课");
    EXPECT_FALSE(x.activity_type.has_value());
    EXPECT_EQ(e.at("target").zh, "目标值应为整数");
    EXPECT_EQ(e.size(), 1u);
}
