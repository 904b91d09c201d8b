#include "store/assignment_repository.hpp"

#include "expect_error.hpp"
#include "store/attachment_study_repository.hpp"
#include "store/batch_repository.hpp"
#include "store/dispatch_policy_repository.hpp"
#include "store/dispatch_report_repository.hpp"
#include "store/staff_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::refused_fields;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

namespace {
// 通城县's program: 李家红 (tc_teacher, staff of 五里镇湾头小学 = tc_school, whose admin is
// `wantou`) is sent to 通城县实验小学 (tc_school2); 霍城县's bureau is out of reach.
struct Work {
    bangfu::testing::Seed s;
    std::int64_t program = 0, hc_program = 0;
};

core::Assignment school_year(const Work& w) {
    core::Assignment x;
    x.program = w.program;
    x.staff = w.s.tc_teacher;
    x.recipient_institution = w.s.tc_school2;
    x.start_date = "2025-09-01";
    x.end_date = "2026-06-30";
    x.subjects = {"chinese"};
    x.weekly_hours_recipient = 12;
    x.weekly_hours_home = 2;
    x.volunteered = true;
    x.status = "active";
    return x;
}

std::vector<std::string> rules(const std::vector<core::Violation>& v) {
    std::vector<std::string> out;
    for (const auto& x : v) out.push_back(x.rule);
    return out;
}

boost::json::object json(std::string_view text) {
    return boost::json::parse(text).as_object();
}
}  // namespace

class AssignmentRepositoryTest : public StoreTest {
  protected:
    Work work() {
        Work w;
        w.s = seed();
        w.program = bangfu::testing::insert_program(conn(), "通城县城乡学校结对帮扶", "421222");
        // The schools' admins and teachers see the program through its pairing.
        bangfu::testing::insert_pairing(conn(), w.program, w.s.tc_school2, w.s.tc_school);
        w.hc_program = bangfu::testing::insert_program(conn(), "霍城县教育帮扶", "654023");
        return w;
    }
    std::int64_t novice(const Work& w) {
        core::Staff x;
        x.name = "方小燕";
        x.gender = "female";
        x.institution = w.s.tc_school;
        x.subjects = {"chinese"};
        x.years_teaching = 1;
        x.health = "fair";
        return store::staff::create(conn(), w.s.system, x, {}).id;
    }
    std::int64_t audit_count(std::string_view action) {
        return conn().query_int(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'dispatch_assignment' AND action = ?",
            {std::string(action)});
    }
};
BANGFU_STORE_TEST_SUITE(AssignmentRepositoryTest);

TEST_P(AssignmentRepositoryTest, CreatesReadsUpdatesWithdrawsAndDeletesWithAudit) {
    auto w = work();
    auto created = store::assignments::create(conn(), w.s.tc_school_admin, school_year(w), {});
    EXPECT_EQ(created.sending_institution, w.s.tc_school);  // the staff member's own
    EXPECT_EQ(created.sending_institution_name, "五里镇湾头小学");
    EXPECT_EQ(created.recipient_institution_name, "通城县实验小学");
    EXPECT_EQ(created.staff_name, "李家红");
    EXPECT_EQ(created.subjects, std::vector<std::string>{"chinese"});
    EXPECT_FALSE(created.override_by);

    auto got = store::assignments::get(conn(), w.s.tc_teacher_user, created.id);
    EXPECT_EQ(got.weekly_hours_recipient, 12);
    auto updated = store::assignments::update(
        conn(), w.s.tc_bureau, created.id,
        json(R"({"housing":"教师周转房","subjects":["chinese","music"]})"));
    EXPECT_EQ(updated.housing, "教师周转房");
    EXPECT_EQ(updated.subjects, (std::vector<std::string>{"chinese", "music"}));
    EXPECT_EQ(updated.start_date, "2025-09-01");

    auto e = field_errors(
        [&] { store::assignments::withdraw(conn(), w.s.tc_bureau, created.id, "2026-07-01", ""); });
    EXPECT_TRUE(e.contains("withdraw_reason"));
    EXPECT_TRUE(e.contains("withdrawn_on"));
    auto withdrawn =
        store::assignments::withdraw(conn(), w.s.tc_bureau, created.id, "2025-10-12", "家中有事");
    EXPECT_EQ(withdrawn.status, "withdrawn");
    EXPECT_EQ(withdrawn.withdrawn_on, "2025-10-12");
    e = field_errors([&] {
        store::assignments::update(conn(), w.s.tc_bureau, created.id,
                                   json(R"({"status":"active"})"));
    });
    EXPECT_TRUE(e.contains("status"));

    store::assignments::remove(conn(), w.s.system, created.id);
    EXPECT_EQ(error_kind([&] { store::assignments::get(conn(), w.s.system, created.id); }),
              K::not_found);
    EXPECT_EQ(audit_count("create"), 1);
    EXPECT_EQ(audit_count("update"), 1);
    EXPECT_EQ(audit_count("withdraw"), 1);
    EXPECT_EQ(audit_count("delete"), 1);
}

TEST_P(AssignmentRepositoryTest, RefusesTheIneligibleWithEveryRuleAndAuditsTheOverride) {
    auto w = work();
    auto x = school_year(w);
    x.staff = novice(w);
    x.volunteered = false;
    try {
        store::assignments::create(conn(), w.s.tc_bureau, x, {});
        FAIL() << "an ineligible teacher was assigned";
    } catch (const store::assignments::EligibilityError& err) {
        EXPECT_EQ(rules(err.violations()),
                  (std::vector<std::string>{"years_teaching", "health", "volunteered"}));
        EXPECT_EQ(err.kind(), K::validation);
        EXPECT_TRUE(err.fields().contains("health"));
    }
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM dispatch_assignments"), 0);

    // Only a bureau (or system) admin overrides; the sending school's admin must ask them.
    x.override_reason = "语文教师紧缺，经局务会研究同意";
    auto e = field_errors([&] { store::assignments::create(conn(), w.s.tc_school_admin, x, {}); });
    EXPECT_TRUE(e.contains("override_reason"));
    auto created = store::assignments::create(conn(), w.s.tc_bureau, x, {});
    EXPECT_EQ(created.override_reason, "语文教师紧缺，经局务会研究同意");
    EXPECT_EQ(created.override_by, w.s.tc_bureau.user_id);
    EXPECT_EQ(audit_count("override_eligibility"), 1);
    auto row = conn().query_one(
        "SELECT before_json, after_json FROM audit_log WHERE action = 'override_eligibility'");
    ASSERT_TRUE(row);
    EXPECT_NE(row->text(0).find("教龄不足"), std::string::npos);
    EXPECT_NE(row->text(1).find("语文教师紧缺"), std::string::npos);

    // The override stands on later edits; clearing the reason brings the refusal back.
    store::assignments::update(conn(), w.s.tc_school_admin, created.id, json(R"({"note":"x"})"));
    EXPECT_EQ(audit_count("override_eligibility"), 1);
    EXPECT_THROW(store::assignments::update(conn(), w.s.tc_bureau, created.id,
                                            json(R"({"override_reason":""})")),
                 store::assignments::EligibilityError);
    // An eligible assignment keeps no override.
    auto ok = school_year(w);
    ok.override_reason = "不需要";
    EXPECT_EQ(store::assignments::create(conn(), w.s.tc_bureau, ok, {}).override_reason, "");
}

TEST_P(AssignmentRepositoryTest, TheProgramsPolicyDecides) {
    auto w = work();
    auto p = store::dispatch_policies::get(conn(), w.s.tc_inspector, w.program);
    EXPECT_TRUE(p.is_default);
    EXPECT_EQ(p.min_years_teaching, 3);
    EXPECT_EQ(error_kind([&] { store::dispatch_policies::get(conn(), w.s.hc_bureau, w.program); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::dispatch_policies::put(conn(), w.s.tc_school_admin, w.program,
                                                json(R"({"min_title":"senior"})"));
              }),
              K::forbidden);
    auto set = store::dispatch_policies::put(
        conn(), w.s.tc_bureau, w.program,
        json(R"({"min_years_teaching":null,"require_volunteer":false,"min_title":"senior"})"));
    EXPECT_FALSE(set.is_default);
    EXPECT_FALSE(set.min_years_teaching);
    EXPECT_TRUE(set.require_good_health);  // not sent: the default
    auto x = school_year(w);
    x.staff = novice(w);  // 1 year (no longer checked), fair health, no title
    x.volunteered = false;
    try {
        store::assignments::create(conn(), w.s.tc_bureau, x, {});
        FAIL() << "refusal expected";
    } catch (const store::assignments::EligibilityError& err) {
        EXPECT_EQ(rules(err.violations()), (std::vector<std::string>{"health", "title"}));
    }
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'dispatch_policy'"),
              1);
}

TEST_P(AssignmentRepositoryTest, ScopeOfReadsAndWrites) {
    auto w = work();
    auto created = store::assignments::create(conn(), w.s.system, school_year(w), {});
    // Other regions neither read nor write; read-only roles read but never write.
    EXPECT_EQ(error_kind([&] { store::assignments::get(conn(), w.s.hc_bureau, created.id); }),
              K::not_found);
    EXPECT_EQ(store::assignments::list(conn(), w.s.hc_bureau, {}).total, 0);
    EXPECT_EQ(error_kind([&] {
                  store::assignments::update(conn(), w.s.hc_bureau, created.id,
                                             json(R"({"note":"x"})"));
              }),
              K::forbidden);
    EXPECT_EQ(store::assignments::list(conn(), w.s.tc_inspector, {}).total, 1);
    EXPECT_EQ(error_kind([&] {
                  store::assignments::withdraw(conn(), w.s.tc_inspector, created.id, "2025-10-01",
                                               "x");
              }),
              K::forbidden);
    EXPECT_EQ(store::assignments::list(conn(), w.s.tc_teacher_user, {}).total, 1);
    EXPECT_EQ(error_kind([&] {
                  store::assignments::update(conn(), w.s.tc_teacher_user, created.id,
                                             json(R"({"note":"x"})"));
              }),
              K::forbidden);
    // The recipient's admin reads but does not write; here 湾头小学 receives.
    auto back = school_year(w);
    core::Staff x;
    x.name = "张峰";
    x.gender = "male";
    x.institution = w.s.tc_school2;
    x.subjects = {"pe"};
    x.years_teaching = 12;
    back.staff = store::staff::create(conn(), w.s.system, x, {}).id;
    back.recipient_institution = w.s.tc_school;
    back.subjects = {"pe"};
    // The school admin cannot send another school's teacher …
    EXPECT_TRUE(field_errors([&] {
                    store::assignments::create(conn(), w.s.tc_school_admin, back, {});
                }).contains("staff"));
    auto in = store::assignments::create(conn(), w.s.tc_bureau, back, {});
    EXPECT_EQ(store::assignments::get(conn(), w.s.tc_school_admin, in.id).staff_name, "张峰");
    EXPECT_EQ(error_kind([&] {
                  store::assignments::update(conn(), w.s.tc_school_admin, in.id,
                                             json(R"({"note":"x"})"));
              }),
              K::forbidden);
    // … nor move its own teacher's assignment into a program it cannot see.
    EXPECT_TRUE(refused_fields([&] {
                    store::assignments::update(
                        conn(), w.s.tc_school_admin, created.id,
                        json(R"({"program":)" + std::to_string(w.hc_program) + "}"));
                }).contains("program"));
}

TEST_P(AssignmentRepositoryTest, SenderGuardWarnsAboveTheShare) {
    auto w = work();
    // 李家红 is 湾头小学's only Chinese teacher: 1 of 1 away.
    auto created = store::assignments::create(conn(), w.s.system, school_year(w), {});
    auto warnings = store::assignments::sender_warnings(conn(), created);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].zh.find("语文教师 1 人（共 1 人）"), std::string::npos);
    store::dispatch_policies::put(conn(), w.s.tc_bureau, w.program,
                                  json(R"({"max_subject_share_percent":100})"));
    EXPECT_TRUE(store::assignments::sender_warnings(conn(), created).empty());
}

TEST_P(AssignmentRepositoryTest, BatchesBelongToTheProgramsBureau) {
    auto w = work();
    core::Batch b;
    b.program = w.program;
    b.name = "第一批";
    b.sendoff_date = "2025-11-12";
    b.sendoff_event = "欢送会";
    b.planned_count = 14;
    EXPECT_EQ(error_kind([&] { store::batches::create(conn(), w.s.tc_school_admin, b, {}); }),
              K::forbidden);
    EXPECT_TRUE(refused_fields([&] {
                    store::batches::create(conn(), w.s.hc_bureau, b, {});
                }).contains("program"));
    auto created = store::batches::create(conn(), w.s.tc_bureau, b, {});
    EXPECT_TRUE(field_errors([&] {
                    store::batches::create(conn(), w.s.tc_bureau, b, {});
                }).contains("name"));
    auto x = school_year(w);
    x.batch = created.id;
    store::assignments::create(conn(), w.s.tc_bureau, x, {});
    EXPECT_EQ(store::batches::get(conn(), w.s.tc_inspector, created.id).assigned_count, 1);
    EXPECT_EQ(error_kind([&] { store::batches::remove(conn(), w.s.tc_bureau, created.id); }),
              K::conflict);
    EXPECT_EQ(error_kind([&] { store::batches::get(conn(), w.s.hc_bureau, created.id); }),
              K::not_found);
    // A batch of another program is refused on the assignment.
    b.program = w.hc_program;
    auto hc = store::batches::create(conn(), w.s.hc_bureau, b, {});
    x.batch = hc.id;
    EXPECT_TRUE(field_errors([&] {
                    store::assignments::create(conn(), w.s.tc_bureau, x, {});
                }).contains("batch"));
}

TEST_P(AssignmentRepositoryTest, WorkloadAndStatistics) {
    auto w = work();
    auto created = store::assignments::create(conn(), w.s.system, school_year(w), {});
    store::ListQuery q;
    auto rows = store::dispatch_reports::workload(conn(), w.s.tc_bureau, q);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].term.code(), "2025-autumn");
    EXPECT_EQ(rows[0].recipient_hours, 262);  // 12 h × 153 days / 7
    EXPECT_EQ(rows[0].home_hours, 44);
    EXPECT_TRUE(store::dispatch_reports::workload(conn(), w.s.hc_bureau, q).empty());
    store::assignments::withdraw(conn(), w.s.system, created.id, "2025-10-12", "病假");
    rows = store::dispatch_reports::workload(conn(), w.s.tc_bureau, q);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].days, 42);

    auto again = school_year(w);
    again.start_date = "2026-09-01";
    again.end_date = "2027-06-30";
    store::assignments::create(conn(), w.s.system, again, {});
    auto st = store::dispatch_reports::statistics(conn(), w.s.tc_inspector, q);
    EXPECT_EQ(st.person_times, 1);
    EXPECT_EQ(st.withdrawn, 1);
    EXPECT_EQ(st.teachers, 1);
    EXPECT_EQ(st.school_years, 1);
    EXPECT_EQ(st.first_school_year, "2026-2027");
    EXPECT_EQ(st.by_year.size(), 1u);
    EXPECT_EQ(store::dispatch_reports::statistics(conn(), w.s.hc_bureau, q).person_times, 0);
}

TEST_P(AssignmentRepositoryTest, AttachmentStudyIsWrittenByEitherSchoolAndReadInScope) {
    auto w = work();
    core::AttachmentStudy x;
    x.program = w.program;
    x.kind = "shadowing";
    x.staff = w.s.tc_teacher;
    x.home_institution = w.s.tc_school;
    x.host_institution = w.s.tc_school2;
    x.start_date = "2025-10-13";
    x.end_date = "2025-10-17";
    x.days = 5;
    x.schedule = "每月一周";
    auto created = store::attachment_studies::create(conn(), w.s.tc_school_admin, x, {});
    EXPECT_EQ(created.staff_name, "李家红");
    EXPECT_EQ(created.host_institution_name, "通城县实验小学");
    EXPECT_EQ(
        error_kind([&] { store::attachment_studies::get(conn(), w.s.hc_bureau, created.id); }),
        K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::attachment_studies::update(conn(), w.s.tc_teacher_user, created.id,
                                                    json(R"({"outcome":"x"})"));
              }),
              K::forbidden);
    x.staff = w.s.hc_teacher;  // not of the home institution
    EXPECT_TRUE(field_errors([&] {
                    store::attachment_studies::create(conn(), w.s.tc_bureau, x, {});
                }).contains("staff"));
    store::attachment_studies::remove(conn(), w.s.tc_bureau, created.id);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'attachment_study'"),
              2);
}

TEST_P(AssignmentRepositoryTest, OnePlaceAtATime) {
    auto w = work();
    auto first = store::assignments::create(conn(), w.s.system, school_year(w), {});
    auto again = school_year(w);
    again.start_date = "2026-06-01";  // overlaps the last month
    again.end_date = "2026-12-31";
    auto e = field_errors([&] { store::assignments::create(conn(), w.s.system, again, {}); });
    ASSERT_TRUE(e.contains("staff"));
    EXPECT_NE(e.at("staff").zh.find("2025-09-01 ~ 2026-06-30"), std::string::npos);
    // Once the first is withdrawn, or when the periods follow each other, it is accepted.
    again.start_date = "2026-07-01";
    auto next = store::assignments::create(conn(), w.s.system, again, {});
    // Editing an assignment does not collide with itself; moving it onto the other does.
    store::assignments::update(conn(), w.s.system, first.id, json(R"({"note":"x"})"));
    EXPECT_TRUE(field_errors([&] {
                    store::assignments::update(conn(), w.s.system, next.id,
                                               json(R"({"start_date":"2026-01-01"})"));
                }).contains("staff"));
    store::assignments::withdraw(conn(), w.s.system, first.id, "2025-12-31", "调回");
    store::assignments::update(conn(), w.s.system, next.id, json(R"({"start_date":"2026-01-01"})"));
}
