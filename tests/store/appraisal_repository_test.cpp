#include "store/appraisal_repository.hpp"

#include "core/password.hpp"
#include "expect_error.hpp"
#include "store/audit_repository.hpp"
#include "store/auth_repository.hpp"
#include "store/rural_credit_repository.hpp"
#include "store/staff_repository.hpp"
#include "store/subsidy_repository.hpp"
#include "store/user_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::refused_fields;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;
using A = core::AppraisalAction;

// Assignments belong to the dispatch repository: these tests insert them with SQL so subsidies,
// appraisals and rural credit are tested on their own.
class AppraisalRepositoryTest : public StoreTest {
  protected:
    std::int64_t assignment(std::int64_t program, std::int64_t staff, std::int64_t sender,
                            std::int64_t recipient, const char* start, const char* end,
                            const char* status = "completed",
                            std::optional<std::string> withdrawn = std::nullopt) {
        return conn().query_int(
            "INSERT INTO dispatch_assignments (program, staff, sending_institution, "
            "recipient_institution, start_date, end_date, status, withdrawn_on, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x') RETURNING id",
            {program, staff, sender, recipient, std::string(start), std::string(end),
             std::string(status), store::nullable(withdrawn)});
    }
    core::Actor user(const char* name, const char* role, std::optional<std::int64_t> inst,
                     std::optional<std::int64_t> staff = {}) {
        core::User u;
        u.username = name;
        u.role = role;
        u.institution = inst;
        u.staff = staff;
        auto id = store::auth::bootstrap_user(conn(), u, "Bangfu@2026");
        return *store::users::load_actor(conn(), id);
    }
    std::int64_t person(const char* name, std::int64_t inst, core::Actor& system) {
        core::Staff x;
        x.name = name;
        x.gender = "male";
        x.institution = inst;
        x.subjects = {"math"};
        x.years_teaching = 8;
        return store::staff::create(conn(), system, x, {}).id;
    }
    void xiangcheng_items(std::int64_t program, const core::Actor& a) {
        std::vector<core::SubsidyItem> items{
            {0, 0, "被褥", "one_time", 100000, std::nullopt, "competent", 0, "", ""},
            {0, 0, "往返路费", "yearly", 200000, std::nullopt, "competent", 1, "", ""},
            {0, 0, "生活补助", "monthly", 300000, 10, "competent", 2, "", ""}};
        for (auto& x : items) store::subsidies::create_item(conn(), a, program, x, {});
    }
    core::Appraisal start(const core::Actor& a, std::int64_t asg, std::int64_t year) {
        return store::appraisals::create(conn(), a,
                                         boost::json::object{{"assignment", asg}, {"year", year}});
    }
    core::Appraisal act(const core::Actor& a, std::int64_t id, A step, boost::json::object body) {
        return store::appraisals::step(conn(), a, id, step, body);
    }
    boost::json::object self_body() { return {{"self_summary", "一年来担任七年级数学……"}}; }
    boost::json::object rate_body(const char* rating = "competent") {
        return {{"rating", rating}, {"recipient_comment", "工作认真"}};
    }
    boost::json::object sender_body() { return {{"sender_opinion", "同意"}}; }
};
BANGFU_STORE_TEST_SUITE(AppraisalRepositoryTest);

TEST_P(AppraisalRepositoryTest, StepsGoInOrderByTheirOwnersAndApprovedRecordsAreLocked) {
    auto s = seed();
    auto tc = bangfu::testing::insert_program(conn(), "通城县城乡交流支教", "421222");
    auto shiyan_admin = user("shiyan", "institution_admin", s.tc_school2);
    // 李家红 of 湾头小学 (sender) teaches a school year at 实验小学 (recipient).
    auto asg = assignment(tc, s.tc_teacher, s.tc_school, s.tc_school2, "2024-09-01", "2025-06-30");
    // Only the office or the sender starts it; the year must be one served.
    EXPECT_EQ(error_kind([&] { start(s.tc_teacher_user, asg, 2025); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { start(shiyan_admin, asg, 2025); }), K::forbidden);
    EXPECT_TRUE(field_errors([&] { start(s.tc_bureau, asg, 2024); }).contains("year"));
    EXPECT_TRUE(refused_fields([&] { start(s.hc_bureau, asg, 2025); }).contains("assignment"));
    auto ap = start(s.tc_school_admin, asg, 2025);
    EXPECT_EQ(ap.stage, "self");
    EXPECT_EQ(ap.staff_name, "李家红");
    EXPECT_EQ(error_kind([&] { start(s.tc_bureau, asg, 2025); }), K::conflict);

    // Every step out of order, by its own owner, conflicts; by anyone else it is forbidden.
    EXPECT_EQ(error_kind([&] { act(shiyan_admin, ap.id, A::rate, rate_body()); }), K::conflict);
    EXPECT_EQ(error_kind([&] { act(s.tc_school_admin, ap.id, A::sender, sender_body()); }),
              K::conflict);
    EXPECT_EQ(error_kind([&] { act(s.tc_bureau, ap.id, A::approve, {}); }), K::conflict);
    EXPECT_EQ(error_kind([&] { act(s.tc_school_admin, ap.id, A::self, self_body()); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { act(s.tc_bureau, ap.id, A::self, self_body()); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { act(s.system, ap.id, A::self, self_body()); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { act(s.hc_bureau, ap.id, A::self, self_body()); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { act(s.hc_bureau, ap.id + 1000, A::self, self_body()); }),
              K::not_found);
    EXPECT_TRUE(
        field_errors([&] { act(s.tc_teacher_user, ap.id, A::self, {}); }).contains("self_summary"));
    ap = act(s.tc_teacher_user, ap.id, A::self, self_body());
    EXPECT_EQ(ap.stage, "rating");
    EXPECT_EQ(ap.self_by_name, "teacher1");
    EXPECT_EQ(error_kind([&] { act(s.tc_teacher_user, ap.id, A::self, self_body()); }),
              K::conflict);  // done once: the self-appraisal is not due any more
    EXPECT_EQ(error_kind([&] { act(s.tc_school_admin, ap.id, A::rate, rate_body()); }),
              K::forbidden);  // the sender does not rate
    EXPECT_EQ(error_kind([&] { act(shiyan_admin, ap.id, A::sender, sender_body()); }),
              K::forbidden);
    EXPECT_TRUE(field_errors([&] {
                    act(shiyan_admin, ap.id, A::rate, {{"rating", "superb"}});
                }).contains("rating"));
    ap = act(shiyan_admin, ap.id, A::rate, rate_body("excellent"));
    EXPECT_EQ(ap.stage, "sender");
    EXPECT_EQ(ap.rating, "excellent");
    EXPECT_EQ(error_kind([&] { act(s.tc_bureau, ap.id, A::approve, {}); }), K::conflict);
    EXPECT_EQ(error_kind([&] { act(s.tc_inspector, ap.id, A::sender, sender_body()); }),
              K::forbidden);
    ap = act(s.tc_school_admin, ap.id, A::sender, sender_body());
    EXPECT_EQ(ap.stage, "office");
    EXPECT_EQ(error_kind([&] { act(s.tc_school_admin, ap.id, A::approve, {}); }), K::forbidden);
    ap = act(s.tc_bureau, ap.id, A::approve, {{"office_comment", "同意"}});
    EXPECT_EQ(ap.stage, "approved");
    // Locked: no step applies any more.
    EXPECT_EQ(error_kind([&] { act(s.tc_bureau, ap.id, A::approve, {}); }), K::conflict);
    EXPECT_EQ(error_kind([&] { act(shiyan_admin, ap.id, A::rate, rate_body()); }), K::conflict);

    // Reopen: the office only, with a reason, back to a chosen step; audited.
    EXPECT_EQ(
        error_kind([&] {
            store::appraisals::reopen(conn(), s.tc_school_admin, ap.id, {{"reason", "评定有误"}});
        }),
        K::forbidden);
    EXPECT_TRUE(field_errors([&] {
                    store::appraisals::reopen(conn(), s.tc_bureau, ap.id, {});
                }).contains("reason"));
    EXPECT_TRUE(field_errors([&] {
                    store::appraisals::reopen(conn(), s.tc_bureau, ap.id,
                                              {{"reason", "x"}, {"stage", "approved"}});
                }).contains("stage"));
    ap = store::appraisals::reopen(conn(), s.tc_bureau, ap.id,
                                   {{"reason", "受援单位评定等次录入错误"}, {"stage", "rating"}});
    EXPECT_EQ(ap.stage, "rating");
    EXPECT_EQ(error_kind([&] {
                  store::appraisals::reopen(conn(), s.tc_bureau, ap.id, {{"reason", "again"}});
              }),
              K::conflict);
    ap = act(shiyan_admin, ap.id, A::rate, rate_body("competent"));
    EXPECT_EQ(ap.rating, "competent");

    auto ev = store::appraisals::events(conn(), s.tc_teacher_user, ap.id);
    ASSERT_EQ(ev.size(), 7u);
    EXPECT_EQ(ev[0].step, "create");
    EXPECT_EQ(ev[5].step, "reopen");
    EXPECT_EQ(ev[5].comment, "受援单位评定等次录入错误");
    EXPECT_EQ(
        conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'appraisal' AND action = "
                         "'appraisal_reopen' AND after_json LIKE ?",
                         {std::string("%受援单位评定等次录入错误%")}),
        1);
}

TEST_P(AppraisalRepositoryTest, ListsAndWaitingForMeFollowScopeAndRole) {
    auto s = seed();
    auto tc = bangfu::testing::insert_program(conn(), "通城县城乡交流支教", "421222");
    auto hc = bangfu::testing::insert_program(conn(), "霍城县支教", "654023");
    auto shiyan_admin = user("shiyan", "institution_admin", s.tc_school2);
    auto a1 = assignment(tc, s.tc_teacher, s.tc_school, s.tc_school2, "2024-09-01", "2025-06-30");
    auto wang = person("王老师", s.tc_school2, s.system);
    auto a2 = assignment(tc, wang, s.tc_school2, s.tc_school, "2024-09-01", "2025-06-30");
    auto a3 = assignment(hc, s.hc_teacher, s.hc_school, s.hc_school, "2024-09-01", "2025-06-30");
    auto p1 = start(s.tc_bureau, a1, 2025);
    auto p2 = start(s.tc_bureau, a2, 2025);
    auto p3 = start(s.system, a3, 2025);
    EXPECT_EQ(store::appraisals::launch(conn(), s.tc_bureau,
                                        boost::json::object{{"program", tc}, {"year", 2025}}),
              0);  // both started already
    EXPECT_EQ(error_kind([&] {
                  store::appraisals::launch(conn(), s.tc_inspector,
                                            boost::json::object{{"program", tc}, {"year", 2025}});
              }),
              K::forbidden);

    store::ListQuery q;
    EXPECT_EQ(store::appraisals::list(conn(), s.system, q).total, 3);
    EXPECT_EQ(store::appraisals::list(conn(), s.tc_bureau, q).total, 2);
    EXPECT_EQ(store::appraisals::list(conn(), s.tc_inspector, q).total, 2);
    EXPECT_EQ(store::appraisals::list(conn(), s.tc_school_admin, q).total, 2);  // sent + received
    EXPECT_EQ(store::appraisals::list(conn(), s.tc_teacher_user, q).total, 1);  // own only
    EXPECT_EQ(store::appraisals::list(conn(), s.hc_bureau, q).total, 1);
    EXPECT_EQ(error_kind([&] { store::appraisals::get(conn(), s.hc_bureau, p1.id); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { store::appraisals::get(conn(), s.tc_teacher_user, p2.id); }),
              K::not_found);
    store::ListQuery f;
    f.filters = {{std::string("stage"), std::string("self")},
                 {std::string("program"), std::to_string(tc)}};
    EXPECT_EQ(store::appraisals::list(conn(), s.system, f).total, 2);
    f.filters = {{"stage", "nowhere"}};
    EXPECT_EQ(error_kind([&] { store::appraisals::list(conn(), s.system, f); }), K::malformed);
    store::ListQuery search;
    search.q = "王";
    EXPECT_EQ(store::appraisals::list(conn(), s.system, search).items.at(0).id, p2.id);

    auto waiting = [&](const core::Actor& a) {
        std::vector<std::int64_t> ids;
        for (const auto& x : store::appraisals::waiting(conn(), a, {}).items) ids.push_back(x.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(waiting(s.tc_teacher_user), V({p1.id}));
    EXPECT_EQ(waiting(s.tc_school_admin), V{});
    act(s.tc_teacher_user, p1.id, A::self, self_body());
    EXPECT_EQ(waiting(s.tc_teacher_user), V{});
    EXPECT_EQ(waiting(shiyan_admin), V({p1.id}));  // 实验小学 rates the teacher it received
    EXPECT_EQ(waiting(s.tc_school_admin), V{});
    act(shiyan_admin, p1.id, A::rate, rate_body());
    EXPECT_EQ(waiting(s.tc_school_admin), V({p1.id}));  // 湾头小学 signs for the teacher it sent
    act(s.tc_school_admin, p1.id, A::sender, sender_body());
    EXPECT_EQ(waiting(s.tc_bureau), V({p1.id}));
    EXPECT_EQ(waiting(s.hc_bureau), V{});
    EXPECT_EQ(waiting(s.tc_inspector), V{});
    EXPECT_EQ(waiting(s.system), V({p1.id}));
    (void)p3;
}

TEST_P(AppraisalRepositoryTest, SubsidyItemsAndEntitlementsFromMonthsAndRatings) {
    auto s = seed();
    auto tc = bangfu::testing::insert_program(conn(), "通城县城乡交流支教", "421222");
    auto hc = bangfu::testing::insert_program(conn(), "霍城县支教", "654023");
    // Items: read by who reads the program, changed by its bureau only.
    EXPECT_EQ(error_kind([&] {
                  store::subsidies::create_item(
                      conn(), s.tc_inspector, tc,
                      {0, 0, "被褥", "one_time", 100000, std::nullopt, std::nullopt, 0, "", ""},
                      {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::subsidies::list_items(conn(), s.hc_bureau, tc); }),
              K::not_found);
    auto bad = field_errors([&] {
        store::subsidies::create_item(conn(), s.tc_bureau, tc,
                                      {0, 0, "", "weekly", -5, 3, "great", 0, "", ""}, {});
    });
    EXPECT_EQ(bad.size(), 5u);
    xiangcheng_items(tc, s.tc_bureau);
    auto items = store::subsidies::list_items(conn(), s.tc_inspector, tc);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[2].max_months, 10);
    auto updated = store::subsidies::update_item(conn(), s.tc_bureau, tc, items[1].id,
                                                 {{"amount_fen", 250000}});
    EXPECT_EQ(updated.amount_fen, 250000);
    store::subsidies::update_item(conn(), s.tc_bureau, tc, items[1].id, {{"amount_fen", 200000}});
    EXPECT_EQ(error_kind([&] {
                  store::subsidies::update_item(conn(), s.hc_bureau, tc, items[1].id,
                                                {{"amount_fen", 1}});
              }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] { store::subsidies::remove_item(conn(), s.tc_bureau, hc, items[0].id); }),
        K::forbidden);  // a program the bureau does not read: refused

    auto shiyan_admin = user("shiyan", "institution_admin", s.tc_school2);
    auto wang = person("王老师", s.tc_school2, s.system);
    auto zhao = person("赵老师", s.tc_school2, s.system);
    auto full = assignment(tc, s.tc_teacher, s.tc_school, s.tc_school2, "2012-09-01", "2013-06-30");
    auto left = assignment(tc, wang, s.tc_school2, s.tc_school, "2012-09-01", "2013-06-30",
                           "withdrawn", "2012-12-10");
    assignment(tc, zhao, s.tc_school2, s.tc_school, "2012-09-01", "2013-06-30", "cancelled");
    auto finish = [&](std::int64_t asg, const core::Actor& teacher, const core::Actor& recipient,
                      const core::Actor& sender, const char* rating) {
        auto ap = start(s.tc_bureau, asg, 2013);
        act(teacher, ap.id, A::self, self_body());
        act(recipient, ap.id, A::rate, rate_body(rating));
        act(sender, ap.id, A::sender, sender_body());
        return act(s.tc_bureau, ap.id, A::approve, {});
    };
    store::ListQuery q;
    q.filters = {{"year", "2013"}};
    auto before = store::subsidies::entitlements(conn(), s.tc_bureau, q);
    ASSERT_EQ(before.rows.size(), 2u);  // the cancelled assignment earns nothing
    EXPECT_EQ(before.payable_fen, 0);
    EXPECT_EQ(before.pending_fen, 3'300'000 + 1'200'000);

    finish(full, s.tc_teacher_user, shiyan_admin, s.tc_school_admin, "competent");
    auto wang_user = user("wang", "teacher", s.tc_school2, wang);
    finish(left, wang_user, s.tc_school_admin, shiyan_admin, "basically_competent");
    auto after = store::subsidies::entitlements(conn(), s.tc_bureau, q);
    EXPECT_EQ(after.payable_fen, 3'300'000);
    EXPECT_EQ(after.pending_fen, 0);
    for (const auto& row : after.rows) {
        if (row.assignment == full) {
            EXPECT_EQ(row.entitlement.months, 10);
            EXPECT_EQ(row.entitlement.rating, "competent");
            EXPECT_EQ(row.appraisal_stage, "approved");
        } else {
            EXPECT_EQ(row.entitlement.months, 3);  // withdrew on 10 December
            EXPECT_EQ(row.entitlement.payable_fen, 0);
            EXPECT_EQ(row.entitlement.lines.at(0).status, "withheld");
        }
    }
    // Scope: the teacher sees their own line only; the other county sees nothing.
    EXPECT_EQ(store::subsidies::entitlements(conn(), s.tc_teacher_user, q).rows.size(), 1u);
    EXPECT_EQ(store::subsidies::entitlements(conn(), s.hc_bureau, q).rows.size(), 0u);
    q.filters = {{"status", "withheld"}};
    EXPECT_EQ(store::subsidies::entitlements(conn(), s.system, q).rows.at(0).assignment, left);
    q.filters = {{"status", "paid"}};
    EXPECT_EQ(error_kind([&] { store::subsidies::entitlements(conn(), s.system, q); }),
              K::malformed);
    EXPECT_GE(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'subsidy_item'"), 5);
}

TEST_P(AppraisalRepositoryTest, RuralCreditAndTheTitleEvaluationReport) {
    auto s = seed();
    auto tc = bangfu::testing::insert_program(conn(), "通城县城乡交流支教", "421222");
    // 王老师 of the urban 实验小学 served 10 + 5 months at the rural, weak 湾头小学; 赵老师 served
    // 10 months there and is short of 12; 李家红's service at the urban school does not count.
    auto wang = person("王老师", s.tc_school2, s.system);
    auto zhao = person("赵老师", s.tc_school2, s.system);
    assignment(tc, wang, s.tc_school2, s.tc_school, "2022-09-01", "2023-06-30");
    assignment(tc, wang, s.tc_school2, s.tc_school, "2023-09-01", "2024-06-30", "withdrawn",
               "2024-01-31");
    assignment(tc, zhao, s.tc_school2, s.tc_school, "2022-09-01", "2023-06-30");
    assignment(tc, zhao, s.tc_school2, s.tc_school, "2025-09-01", "2026-06-30", "active");
    assignment(tc, s.tc_teacher, s.tc_school, s.tc_school2, "2022-09-01", "2023-06-30");

    auto credit = store::rural_credit::credit(conn(), s.tc_bureau, wang);
    EXPECT_EQ(credit.months, 15);
    ASSERT_EQ(credit.service.size(), 2u);
    EXPECT_EQ(credit.service[1].last_date, "2024-01-31");
    auto li = store::rural_credit::credit(conn(), s.tc_teacher_user, s.tc_teacher);
    EXPECT_EQ(li.months, 0);
    EXPECT_FALSE(li.service.at(0).counts);
    EXPECT_EQ(error_kind([&] { store::rural_credit::credit(conn(), s.tc_teacher_user, wang); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { store::rural_credit::credit(conn(), s.hc_bureau, wang); }),
              K::not_found);

    auto names = [](const std::vector<store::rural_credit::Credit>& v) {
        std::vector<std::string> out;
        for (const auto& c : v) out.push_back(c.staff_name);
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    auto report = store::rural_credit::title_evaluation(conn(), s.tc_bureau, "421222", 2025);
    EXPECT_EQ(report.threshold_months, 12);
    EXPECT_EQ(names(report.meeting), V{"王老师"});
    EXPECT_EQ(names(report.lacking), (V{"李家红", "赵老师"}));
    // By the end of 2022 王老师 had served only September to December 2022.
    report = store::rural_credit::title_evaluation(conn(), s.tc_bureau, "421222", 2022);
    EXPECT_TRUE(report.meeting.empty());
    // The threshold is the program's policy.
    conn().execute(
        "INSERT INTO dispatch_policies (program, rural_service_months, created_at, updated_at) "
        "VALUES (?, 10, 'x', 'x')",
        {tc});
    report = store::rural_credit::title_evaluation(conn(), s.tc_bureau, "421222", 2025);
    EXPECT_EQ(report.threshold_months, 10);
    EXPECT_EQ(names(report.meeting), (V{"王老师", "赵老师"}));
    // Scope: another county's region is not found; a school sees its own staff only.
    EXPECT_EQ(error_kind([&] {
                  store::rural_credit::title_evaluation(conn(), s.hc_bureau, "421222", 2025);
              }),
              K::not_found);
    report = store::rural_credit::title_evaluation(conn(), s.tc_school_admin, "421222", 2025);
    EXPECT_EQ(names(report.lacking), V{"李家红"});
    EXPECT_TRUE(report.meeting.empty());
    EXPECT_EQ(error_kind([&] {
                  store::rural_credit::title_evaluation(conn(), s.tc_bureau, "421222", 20);
              }),
              K::malformed);
}

TEST_P(AppraisalRepositoryTest, TheOfficeLaunchesTheYearForEveryTeacherWhoServed) {
    auto s = seed();
    auto tc = bangfu::testing::insert_program(conn(), "通城县城乡交流支教", "421222");
    auto wang = person("王老师", s.tc_school2, s.system);
    auto zhao = person("赵老师", s.tc_school2, s.system);
    auto served =
        assignment(tc, s.tc_teacher, s.tc_school, s.tc_school2, "2024-09-01", "2025-06-30");
    // Withdrawn before a month counted, and not yet sent: nothing to appraise.
    assignment(tc, wang, s.tc_school2, s.tc_school, "2024-09-01", "2025-06-30", "withdrawn",
               "2024-09-10");
    auto planned =
        assignment(tc, zhao, s.tc_school2, s.tc_school, "2024-09-01", "2025-06-30", "planned");
    EXPECT_NE(
        field_errors([&] { start(s.tc_bureau, planned, 2025); }).at("assignment").zh.find("拟派"),
        std::string::npos);
    auto launch = [&](const core::Actor& a, std::int64_t year) {
        return store::appraisals::launch(conn(), a,
                                         boost::json::object{{"program", tc}, {"year", year}});
    };
    EXPECT_EQ(launch(s.tc_bureau, 2025), 1);
    EXPECT_EQ(launch(s.tc_bureau, 2025), 0);  // once per assignment and year
    EXPECT_EQ(launch(s.tc_bureau, 2026), 0);
    auto list = store::appraisals::list(conn(), s.system, {});
    ASSERT_EQ(list.total, 1);
    EXPECT_EQ(list.items[0].assignment, served);
    EXPECT_EQ(list.items[0].stage, "self");
    EXPECT_TRUE(refused_fields([&] { launch(s.hc_bureau, 2025); }).contains("program"));
    EXPECT_TRUE(field_errors([&] { launch(s.tc_bureau, 20); }).contains("year"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'appraisal'"), 1);
}
