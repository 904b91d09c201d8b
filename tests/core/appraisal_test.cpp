#include "core/appraisal.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
using A = AppraisalAction;

Actor actor(const char* role, std::optional<std::int64_t> inst = {},
            std::optional<std::int64_t> staff = {}, std::string path = "") {
    Actor a;
    a.user_id = 1;
    a.role = *parse_role(role);
    a.institution = inst;
    a.staff = staff;
    a.scope_path = std::move(path);
    return a;
}
// Teacher (staff 7) sent from institution 10 to institution 20, in a program run by the county
// under path 51/5101/510182/.
const AppraisalParties parties{7, 10, 20, "51/5101/510182/"};
}  // namespace

TEST(Appraisal, StepsGoInOrder) {
    EXPECT_EQ(stage_for(A::self), "self");
    EXPECT_EQ(stage_after(A::self), "rating");
    EXPECT_EQ(stage_for(A::rate), "rating");
    EXPECT_EQ(stage_after(A::rate), "sender");
    EXPECT_EQ(stage_for(A::sender), "sender");
    EXPECT_EQ(stage_after(A::sender), "office");
    EXPECT_EQ(stage_for(A::approve), "office");
    EXPECT_EQ(stage_after(A::approve), "approved");
    EXPECT_EQ(parse_appraisal_action("rate"), A::rate);
    EXPECT_FALSE(parse_appraisal_action("reopen"));
    auto e = wrong_stage_error(A::approve, "self");
    EXPECT_NE(e.zh.find("待本人自评"), std::string::npos);
    EXPECT_NE(e.en.find("Office approval"), std::string::npos);
}

TEST(Appraisal, EachStepBelongsToOneParty) {
    auto teacher = actor("teacher", 10, 7);
    auto other_teacher = actor("teacher", 10, 8);
    auto recipient = actor("institution_admin", 20);
    auto sender = actor("institution_admin", 10);
    auto office = actor("bureau_admin", {}, {}, "51/5101/510182/");
    auto city = actor("bureau_admin", {}, {}, "51/5101/");
    auto other_bureau = actor("bureau_admin", {}, {}, "51/5133/");
    auto system = actor("system_admin");
    auto inspector = actor("inspector", {}, {}, "51/5101/510182/");

    EXPECT_TRUE(owns_step(teacher, parties, A::self));
    EXPECT_FALSE(owns_step(other_teacher, parties, A::self));
    EXPECT_FALSE(owns_step(sender, parties, A::self));
    EXPECT_FALSE(owns_step(system, parties, A::self));

    EXPECT_TRUE(owns_step(recipient, parties, A::rate));
    EXPECT_FALSE(owns_step(sender, parties, A::rate));
    EXPECT_FALSE(owns_step(office, parties, A::rate));

    EXPECT_TRUE(owns_step(sender, parties, A::sender));
    EXPECT_FALSE(owns_step(recipient, parties, A::sender));
    EXPECT_FALSE(owns_step(teacher, parties, A::sender));  // the teacher works at the sender

    EXPECT_TRUE(owns_step(office, parties, A::approve));
    EXPECT_TRUE(owns_step(city, parties, A::approve));
    EXPECT_TRUE(owns_step(system, parties, A::approve));
    EXPECT_FALSE(owns_step(other_bureau, parties, A::approve));
    EXPECT_FALSE(owns_step(inspector, parties, A::approve));
    EXPECT_FALSE(owns_step(sender, parties, A::approve));

    EXPECT_EQ(action_due(teacher, parties, "self"), A::self);
    EXPECT_FALSE(action_due(teacher, parties, "rating"));
    EXPECT_EQ(action_due(recipient, parties, "rating"), A::rate);
    EXPECT_EQ(action_due(sender, parties, "sender"), A::sender);
    EXPECT_EQ(action_due(office, parties, "office"), A::approve);
    EXPECT_FALSE(action_due(office, parties, "approved"));
    EXPECT_NE(wrong_role_error(A::rate).zh.find("受援单位"), std::string::npos);
}

TEST(Appraisal, StepInputsNameMissingAndUnknownFields) {
    FieldErrors e;
    read_step(A::self, boost::json::object{{"self_summary", "  "}}, e);
    EXPECT_EQ(e.at("self_summary").zh, "个人自评及年度总结不能为空");
    e.clear();
    read_step(A::rate, boost::json::object{{"rating", "great"}}, e);
    EXPECT_TRUE(e.contains("rating"));
    EXPECT_TRUE(e.contains("recipient_comment"));
    e.clear();
    read_step(A::rate, boost::json::object{{"recipient_comment", "好"}}, e);
    EXPECT_EQ(e.at("rating").zh, "考核等次不能为空");
    e.clear();
    auto in = read_step(
        A::rate, boost::json::object{{"rating", "excellent"}, {"recipient_comment", "教学效果好"}},
        e);
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(in.rating, "excellent");
    // A field of another step is not silently ignored.
    read_step(A::sender, boost::json::object{{"sender_opinion", "同意"}, {"rating", "excellent"}},
              e);
    EXPECT_TRUE(e.contains("rating"));
    e.clear();
    read_step(A::approve, boost::json::object{}, e);
    EXPECT_TRUE(e.empty());
}

// Every step at every stage, by its own party: due only at its stage (any other is out of order);
// by every other party: never.
TEST(Appraisal, EveryStepAtEveryStageByEveryParty) {
    const std::vector<std::pair<A, Actor>> owners{
        {A::self, actor("teacher", 10, 7)},
        {A::rate, actor("institution_admin", 20)},
        {A::sender, actor("institution_admin", 10)},
        {A::approve, actor("bureau_admin", {}, {}, "51/5101/510182/")},
    };
    for (auto stage : {"self", "rating", "sender", "office", "approved"}) {
        for (const auto& [action, owner] : owners) {
            auto due = action_due(owner, parties, stage);
            if (stage == stage_for(action)) {
                EXPECT_EQ(due, action) << stage << " " << action_name(action);
            } else {
                EXPECT_FALSE(due) << stage << " " << action_name(action);
            }
            for (const auto& [other, other_actor] : owners) {
                if (other == action) continue;
                EXPECT_FALSE(owns_step(other_actor, parties, action))
                    << action_name(other) << "'s party doing " << action_name(action);
            }
        }
    }
}
