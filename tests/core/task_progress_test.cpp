#include "core/task_progress.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace bangfu::core;

namespace {
Date day(const char* s) {
    return *parse_date(s);
}
TaskTarget target(std::string metric, std::optional<std::string> type, std::int64_t n) {
    return {std::move(metric), std::move(type), "2026-09-01", "2027-01-31", n};
}
}  // namespace

// "Teacher exchange at least once per semester": one teacher visit in the semester achieves it.
TEST(TaskProgress, CountsActivitiesOfTheTypeInThePeriod) {
    auto t = target("activity_count", "teacher_visit", 1);
    std::vector<ActivityFact> acts{{"leader_visit", "2026-10-01", "2026-10-01", 3}};
    auto p = compute_progress(t, acts, day("2026-10-15"));
    EXPECT_EQ(p.done, 0);
    EXPECT_EQ(p.status, "not_started");
    acts.push_back({"teacher_visit", "2026-10-12", "2026-10-12", 5});
    p = compute_progress(t, acts, day("2026-10-15"));
    EXPECT_EQ(p.done, 1);
    EXPECT_EQ(p.target, 1);
    EXPECT_EQ(p.percent, 100);
    EXPECT_EQ(p.status, "achieved");
}

TEST(TaskProgress, AnyTypeCountsWhenNoTypeIsGiven) {
    auto t = target("activity_count", std::nullopt, 3);
    std::vector<ActivityFact> acts{{"leader_visit", "2026-10-01", "2026-10-01", 0},
                                   {"lecture", "2026-10-02", "2026-10-02", 0}};
    auto p = compute_progress(t, acts, day("2026-10-15"));
    EXPECT_EQ(p.done, 2);
    EXPECT_EQ(p.percent, 66);  // floor, never rounded up to look done
    EXPECT_EQ(p.status, "in_progress");
}

// Both ends of the period count; the day before and the day after do not.
TEST(TaskProgress, PeriodEdgesAreInclusive) {
    auto t = target("activity_count", "demonstration_class", 3);
    std::vector<ActivityFact> acts{{"demonstration_class", "2026-08-31", "2026-08-31", 0},
                                   {"demonstration_class", "2026-09-01", "2026-09-01", 0},
                                   {"demonstration_class", "2027-01-31", "2027-01-31", 0},
                                   {"demonstration_class", "2027-02-01", "2027-02-01", 0}};
    auto p = compute_progress(t, acts, day("2026-12-01"));
    EXPECT_EQ(p.done, 2);
    EXPECT_FALSE(activity_counts(t, acts[0]));
    EXPECT_TRUE(activity_counts(t, acts[1]));
    EXPECT_TRUE(activity_counts(t, acts[2]));
    EXPECT_FALSE(activity_counts(t, acts[3]));
}

// "A backbone teacher studies 1–2 weeks at the partner": days = end − start + 1, across months.
TEST(TaskProgress, DaysCountBothEndsAcrossMonthBoundaries) {
    auto t = target("activity_days", "training", 7);
    std::vector<ActivityFact> acts{{"training", "2026-10-29", "2026-11-02", 0}};  // 5 days
    auto p = compute_progress(t, acts, day("2026-11-10"));
    EXPECT_EQ(p.done, 5);
    EXPECT_EQ(p.percent, 71);
    EXPECT_EQ(p.status, "in_progress");
    acts.push_back({"training", "2026-12-31", "2027-01-01", 0});  // 2 days over the new year
    p = compute_progress(t, acts, day("2027-01-05"));
    EXPECT_EQ(p.done, 7);
    EXPECT_EQ(p.status, "achieved");
    // An activity starting in the period counts whole even when it ends after the due date.
    auto late = target("activity_days", "training", 30);
    late.due_date = "2026-11-01";
    EXPECT_EQ(compute_progress(late, acts, day("2026-11-01")).done, 5);
}

TEST(TaskProgress, ParticipantsAddUp) {
    auto t = target("participant_count", std::nullopt, 40);
    std::vector<ActivityFact> acts{{"student_exchange", "2026-10-01", "2026-10-01", 30},
                                   {"teacher_visit", "2026-11-01", "2026-11-01", 12}};
    auto p = compute_progress(t, acts, day("2026-11-02"));
    EXPECT_EQ(p.done, 42);
    EXPECT_EQ(p.percent, 100);  // capped
    EXPECT_EQ(p.status, "achieved");
}

TEST(TaskProgress, OverdueOnlyAfterTheDueDateAndWhenNotAchieved) {
    auto t = target("activity_count", "demonstration_class", 3);
    std::vector<ActivityFact> acts{{"demonstration_class", "2026-11-04", "2026-11-04", 0}};
    EXPECT_EQ(compute_progress(t, acts, day("2027-01-31")).status, "in_progress");  // due today
    EXPECT_EQ(compute_progress(t, acts, day("2027-02-01")).status, "overdue");
    EXPECT_EQ(compute_progress(t, {}, day("2027-02-01")).status, "overdue");
    acts.push_back({"demonstration_class", "2026-11-05", "2026-11-05", 0});
    acts.push_back({"demonstration_class", "2026-11-06", "2026-11-06", 0});
    EXPECT_EQ(compute_progress(t, acts, day("2027-02-01")).status, "achieved");
}

TEST(TaskProgress, StatusLabelsExistInBothLanguages) {
    for (auto s : {"not_started", "in_progress", "achieved", "overdue"}) {
        ASSERT_NE(dict::task_status.find(s), nullptr) << s;
        EXPECT_FALSE(dict::task_status.find(s)->zh.empty());
    }
}
