#include "store/plan_repository.hpp"

#include "expect_error.hpp"
#include "store/clock.hpp"
#include "store/four_haves_repository.hpp"
#include "store/task_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::refused_fields;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

// Programs, pairings, leading groups, inspections and activities belong to other repositories:
// these tests insert them with SQL so plans, tasks and the four haves are tested on their own.
class PlanRepositoryTest : public StoreTest {
  protected:
    std::int64_t program(const char* name, const char* region, const char* office = "") {
        return conn().query_int(
            "INSERT INTO programs (name, name_key, kind, region, start_date, office, status, "
            "created_at, updated_at) VALUES (?, ?, 'urban_rural_school', ?, '2025-09-01', ?, "
            "'active', 'x', 'x') RETURNING id",
            {std::string(name), std::string(name), std::string(region), std::string(office)});
    }
    std::int64_t pairing(std::int64_t prog, std::int64_t supporter, std::int64_t recipient,
                         const char* status = "active") {
        return conn().query_int(
            "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
            "updated_at) VALUES (?, ?, ?, '2025-09-01', ?, 'x', 'x') RETURNING id",
            {prog, supporter, recipient, std::string(status)});
    }
    void member(std::int64_t prog, const char* role) {
        conn().execute(
            "INSERT INTO leading_group_members (program, role, name, created_at, updated_at) "
            "VALUES (?, ?, '某某', 'x', 'x')",
            {prog, std::string(role)});
    }
    void inspection(std::int64_t prog, std::optional<std::int64_t> pr, const std::string& on) {
        conn().execute(
            "INSERT INTO inspections (program, pairing, inspected_on, inspectors, created_at, "
            "updated_at) VALUES (?, ?, ?, '督导组', 'x', 'x')",
            {prog, store::nullable(pr), on});
    }
    void activity(std::int64_t prog, std::optional<std::int64_t> pr, std::int64_t host,
                  const char* type, const std::string& start, const std::string& end,
                  std::int64_t teachers = 0, std::int64_t students = 0) {
        conn().execute(
            "INSERT INTO activities (program, pairing, type, start_date, end_date, "
            "host_institution, teachers_count, students_count, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')",
            {prog, store::nullable(pr), std::string(type), start, end, host, teachers, students});
    }
    core::Plan draft(std::int64_t prog, std::optional<std::int64_t> pr, const char* kind,
                     std::string start = "2026-01-01", std::string end = "2026-12-31") {
        core::Plan x;
        x.program = prog;
        x.pairing = pr;
        x.kind = kind;
        x.title = std::string("计划-") + kind;
        x.content = "一、指导思想……";
        x.start_date = std::move(start);
        x.end_date = std::move(end);
        return x;
    }
    core::Plan approval(const core::Actor& a, std::int64_t id, const char* to,
                        const char* comment = "") {
        return store::plans::set_approval(
            conn(), a, id, boost::json::object{{"approval", to}, {"comment", comment}});
    }
    std::string today() { return core::format_date(store::today_china()); }
};
BANGFU_STORE_TEST_SUITE(PlanRepositoryTest);

TEST_P(PlanRepositoryTest, CreatesReadsListsAndFiltersWithinScope) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto hc = program("霍城县教育帮扶", "654023");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto p1 = store::plans::create(conn(), s.tc_bureau, draft(tc, std::nullopt, "annual"), {});
    EXPECT_EQ(p1.approval, "draft");
    EXPECT_EQ(p1.program_name, "通城县城乡学校结对帮扶");
    auto p2 = store::plans::create(conn(), s.tc_school_admin,
                                   draft(tc, pr, "implementation", "2025-09-01", "2028-08-31"), {});
    EXPECT_EQ(p2.pairing_label, "通城县实验小学 → 五里镇湾头小学");
    store::plans::create(conn(), s.hc_bureau, draft(hc, std::nullopt, "semester"), {});

    store::ListQuery q;
    EXPECT_EQ(store::plans::list(conn(), s.system, q).total, 3);
    EXPECT_EQ(store::plans::list(conn(), s.tc_bureau, q).total, 2);
    EXPECT_EQ(store::plans::list(conn(), s.tc_inspector, q).total, 2);
    // The school sees its pairing's plan and the program-level plan of the program it is in.
    EXPECT_EQ(store::plans::list(conn(), s.tc_school_admin, q).total, 2);
    EXPECT_EQ(store::plans::list(conn(), s.hc_bureau, q).total, 1);
    EXPECT_EQ(error_kind([&] { store::plans::get(conn(), s.hc_bureau, p1.id); }), K::not_found);
    EXPECT_EQ(store::plans::get(conn(), s.tc_teacher_user, p2.id).title, "计划-implementation");

    store::ListQuery f;
    f.filters = {{"pairing", "none"}};
    EXPECT_EQ(store::plans::list(conn(), s.tc_bureau, f).total, 1);
    f.filters = {{"pairing", std::to_string(pr)}};
    EXPECT_EQ(store::plans::list(conn(), s.tc_bureau, f).items.at(0).id, p2.id);
    f.filters = {{"year", "2027"}};  // the implementation plan runs to 2028
    EXPECT_EQ(store::plans::list(conn(), s.system, f).total, 1);
    f.filters = {{"kind", "annual"}, {"program", std::to_string(tc)}};
    EXPECT_EQ(store::plans::list(conn(), s.system, f).total, 1);
    f.filters = {{"approval", "approved"}};
    EXPECT_EQ(store::plans::list(conn(), s.system, f).total, 0);
    f.filters = {{"approval", "maybe"}};
    EXPECT_EQ(error_kind([&] { store::plans::list(conn(), s.system, f); }), K::malformed);
    f.filters = {{"year", "twenty"}};
    EXPECT_EQ(error_kind([&] { store::plans::list(conn(), s.system, f); }), K::malformed);
    f.filters = {{"colour", "red"}};
    EXPECT_EQ(error_kind([&] { store::plans::list(conn(), s.system, f); }), K::malformed);
    store::ListQuery search;
    search.q = "implementation";
    EXPECT_EQ(store::plans::list(conn(), s.system, search).total, 1);
}

TEST_P(PlanRepositoryTest, ValidationNamesEachFieldAndChangesNothing) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto hc = program("霍城县教育帮扶", "654023");
    auto hc_pr = pairing(hc, s.hc_school, s.hc_school);
    auto bad = draft(tc, std::nullopt, "weekly", "2026-05-01", "2026-04-30");
    bad.title = "";
    auto e = field_errors([&] { store::plans::create(conn(), s.tc_bureau, bad, {}); });
    EXPECT_TRUE(e.contains("kind"));
    EXPECT_TRUE(e.contains("title"));
    EXPECT_EQ(e.at("end_date").zh, "结束日期不能早于开始日期");
    // A program out of scope is refused (403), under the program field; one that does not exist
    // is a validation error.
    e = refused_fields(
        [&] { store::plans::create(conn(), s.tc_bureau, draft(hc, std::nullopt, "annual"), {}); });
    EXPECT_TRUE(e.contains("program"));
    e = field_errors([&] {
        store::plans::create(conn(), s.tc_bureau, draft(hc + 1000, std::nullopt, "annual"), {});
    });
    EXPECT_NE(e.at("program").zh.find("不存在"), std::string::npos);
    // A pairing of another program is refused under the pairing field.
    e = field_errors(
        [&] { store::plans::create(conn(), s.system, draft(tc, hc_pr, "annual"), {}); });
    EXPECT_NE(e.at("pairing").zh.find("不属于"), std::string::npos);
    auto approved = draft(tc, std::nullopt, "annual");
    approved.approval = "approved";
    e = field_errors([&] { store::plans::create(conn(), s.tc_bureau, approved, {}); });
    EXPECT_TRUE(e.contains("approval"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM plans"), 0);
}

TEST_P(PlanRepositoryTest, WritesFollowRoles) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    // The pairing's school may write its pairing's plans, not the program's own.
    EXPECT_EQ(error_kind([&] {
                  store::plans::create(conn(), s.tc_school_admin, draft(tc, std::nullopt, "annual"),
                                       {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::plans::create(conn(), s.tc_inspector, draft(tc, pr, "annual"), {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::plans::create(conn(), s.tc_teacher_user, draft(tc, pr, "annual"), {});
              }),
              K::forbidden);
    auto p = store::plans::create(conn(), s.tc_bureau, draft(tc, std::nullopt, "annual"), {});
    // Out of scope: 403 on writes (the read would be 404).
    EXPECT_EQ(error_kind([&] {
                  store::plans::update(conn(), s.hc_bureau, p.id, {{"title", "改"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::plans::remove(conn(), s.hc_bureau, p.id); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { approval(s.hc_bureau, p.id, "submitted"); }), K::forbidden);
    auto up = store::plans::update(conn(), s.tc_bureau, p.id,
                                   {{"title", "2026年度计划（修订）"}, {"content", "新内容"}});
    EXPECT_EQ(up.title, "2026年度计划（修订）");
    EXPECT_EQ(conn().query_int(
                  "SELECT COUNT(*) FROM audit_log WHERE entity = 'plan' AND action = 'update'"),
              1);
    auto e = field_errors([&] {
        store::plans::update(conn(), s.tc_bureau, p.id, {{"approval", "approved"}});
    });
    EXPECT_TRUE(e.contains("approval"));
    e = field_errors([&] {
        store::plans::update(conn(), s.tc_bureau, p.id, {{"start_date", "2027-01-01"}});
    });
    EXPECT_TRUE(e.contains("end_date"));
    store::plans::remove(conn(), s.tc_bureau, p.id);
    EXPECT_EQ(error_kind([&] { store::plans::get(conn(), s.system, p.id); }), K::not_found);
}

TEST_P(PlanRepositoryTest, ApprovalStepsByRoleAndFrozenContent) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto p = store::plans::create(conn(), s.tc_school_admin, draft(tc, pr, "semester"), {});
    EXPECT_EQ(approval(s.tc_school_admin, p.id, "submitted").approval, "submitted");
    // Submitted: content frozen, the school cannot approve, the bureau can.
    EXPECT_EQ(error_kind([&] {
                  store::plans::update(conn(), s.tc_school_admin, p.id, {{"content", "改"}});
              }),
              K::conflict);
    EXPECT_EQ(error_kind([&] { store::plans::remove(conn(), s.tc_school_admin, p.id); }),
              K::conflict);
    EXPECT_EQ(error_kind([&] { approval(s.tc_school_admin, p.id, "approved"); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { approval(s.tc_inspector, p.id, "approved"); }), K::forbidden);
    // Rejecting needs the reason.
    auto e = field_errors([&] { approval(s.tc_bureau, p.id, "rejected"); });
    EXPECT_TRUE(e.contains("comment"));
    auto r = approval(s.tc_bureau, p.id, "rejected", "请补充教师交流安排");
    EXPECT_EQ(r.approval, "rejected");
    EXPECT_EQ(r.approval_comment, "请补充教师交流安排");
    EXPECT_EQ(error_kind([&] { approval(s.tc_school_admin, p.id, "submitted"); }), K::conflict);
    approval(s.tc_school_admin, p.id, "draft");
    store::plans::update(conn(), s.tc_school_admin, p.id, {{"content", "补充了教师交流安排"}});
    approval(s.tc_school_admin, p.id, "submitted");
    EXPECT_EQ(approval(s.tc_bureau, p.id, "approved").approval, "approved");
    EXPECT_EQ(error_kind([&] {
                  store::plans::update(conn(), s.tc_bureau, p.id, {{"title", "改"}});
              }),
              K::conflict);
    // Sending back what was read changes nothing and is not an error.
    auto same = store::plans::get(conn(), s.system, p.id);
    store::plans::update(conn(), s.tc_school_admin, p.id, core::to_json(same));
    // Reopening an approved plan is the bureau's, with a reason.
    EXPECT_EQ(error_kind([&] { approval(s.tc_school_admin, p.id, "draft", "要改"); }),
              K::forbidden);
    EXPECT_TRUE(field_errors([&] { approval(s.tc_bureau, p.id, "draft"); }).contains("comment"));
    EXPECT_EQ(approval(s.tc_bureau, p.id, "draft", "根据督导意见修订").approval, "draft");
    EXPECT_EQ(field_errors([&] { approval(s.tc_bureau, p.id, "finished"); }).count("approval"), 1u);
    EXPECT_EQ(conn().query_int(
                  "SELECT COUNT(*) FROM audit_log WHERE entity = 'plan' AND action = 'approval'"),
              6);
}

TEST_P(PlanRepositoryTest, TaskProgressComesFromRecordedActivities) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto other = pairing(tc, s.tc_school2, s.hc_school);
    auto p = store::plans::create(conn(), s.tc_school_admin,
                                  draft(tc, pr, "semester", "2026-09-01", "2027-01-31"), {});
    core::Task t;
    t.description = "本学期开展 3 节示范课";
    t.owner_institution = s.tc_school2;
    t.period_start = "2026-09-01";
    t.due_date = "2027-01-31";
    t.metric = "activity_count";
    t.activity_type = "demonstration_class";
    t.target = 3;
    auto task = store::tasks::create(conn(), s.tc_school_admin, p.id, t, {});
    EXPECT_EQ(task.progress.done, 0);
    activity(tc, pr, s.tc_school, "demonstration_class", "2026-11-04", "2026-11-04");
    activity(tc, pr, s.tc_school, "demonstration_class", "2026-08-31", "2026-08-31");  // before
    activity(tc, pr, s.tc_school, "lecture", "2026-11-05", "2026-11-05");              // other type
    activity(tc, other, s.hc_school, "demonstration_class", "2026-11-04", "2026-11-04");
    auto got = store::tasks::get(conn(), s.tc_school_admin, task.id);
    EXPECT_EQ(got.progress.done, 1);
    EXPECT_EQ(got.progress.percent, 33);
    EXPECT_EQ(got.owner_institution_name, "通城县实验小学");

    // A program-level plan counts the activities of the whole program.
    auto pp = store::plans::create(
        conn(), s.tc_bureau, draft(tc, std::nullopt, "annual", "2026-01-01", "2026-12-31"), {});
    core::Task days;
    days.description = "骨干教师到结对学校跟岗学习 1-2 周";
    days.owner_staff = s.tc_teacher;
    days.period_start = "2026-01-01";
    days.due_date = "2026-12-31";
    days.metric = "activity_days";
    days.activity_type = "training";
    days.target = 7;
    auto dt = store::tasks::create(conn(), s.tc_bureau, pp.id, days, {});
    activity(tc, pr, s.tc_school2, "training", "2026-10-29", "2026-11-02");
    activity(tc, other, s.tc_school2, "training", "2026-12-30", "2027-01-01");
    got = store::tasks::get(conn(), s.system, dt.id);
    EXPECT_EQ(got.progress.done, 8);
    EXPECT_EQ(got.progress.status, "achieved");
    EXPECT_EQ(got.owner_staff_name, "李家红");

    core::Task people;
    people.description = "手拉手交流 100 人次";
    people.owner_institution = s.tc_school;
    people.period_start = "2026-01-01";
    people.due_date = "2026-12-31";
    people.metric = "participant_count";
    people.target = 100;
    auto pt = store::tasks::create(conn(), s.tc_bureau, pp.id, people, {});
    activity(tc, std::nullopt, s.tc_school, "student_exchange", "2026-06-01", "2026-06-01", 4, 40);
    got = store::tasks::get(conn(), s.system, pt.id);
    // Every activity of the program in 2026 of any type: 1 + 1 + 1 + 1 + 1 + 1 + 44 people.
    EXPECT_EQ(got.progress.done, 44);
    EXPECT_EQ(got.progress.status, "in_progress");

    auto page = store::tasks::list_for_plan(conn(), s.tc_school_admin, p.id, {});
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(page.items.at(0).progress.done, 1);
}

TEST_P(PlanRepositoryTest, TaskValidationScopeAndOverdueList) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto p = store::plans::create(conn(), s.tc_bureau,
                                  draft(tc, pr, "annual", "2025-01-01", "2025-12-31"), {});
    core::Task t;
    t.description = "";
    t.owner_institution = s.hc_school;  // not a side of the pairing
    t.period_start = "2025-09-01";
    t.due_date = "2025-08-01";
    t.metric = "activity_count";
    t.activity_type = "tea_party";
    t.target = 0;
    auto e = field_errors([&] { store::tasks::create(conn(), s.tc_bureau, p.id, t, {}); });
    for (auto f : {"description", "owner_institution", "due_date", "activity_type", "target"})
        EXPECT_TRUE(e.contains(f)) << f;
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM tasks"), 0);

    t.description = "每学期至少开展一次教师交流";
    t.owner_institution = s.tc_school;
    t.due_date = "2025-12-31";
    t.activity_type = "teacher_visit";
    t.target = 1;
    auto overdue = store::tasks::create(conn(), s.tc_school_admin, p.id, t, {});
    EXPECT_EQ(overdue.progress.status, "overdue");  // 2025 is over and nothing was recorded
    t.due_date = "2099-12-31";
    auto open = store::tasks::create(conn(), s.tc_bureau, p.id, t, {});
    EXPECT_EQ(open.progress.status, "not_started");

    EXPECT_EQ(error_kind([&] { store::tasks::create(conn(), s.hc_bureau, p.id, t, {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::tasks::create(conn(), s.tc_inspector, p.id, t, {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::tasks::get(conn(), s.hc_bureau, open.id); }), K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::tasks::update(conn(), s.hc_bureau, open.id, {{"target", 2}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::tasks::remove(conn(), s.tc_teacher_user, open.id); }),
              K::forbidden);
    auto up = store::tasks::update(conn(), s.tc_school_admin, open.id, {{"target", 2}});
    EXPECT_EQ(up.target, 2);
    EXPECT_EQ(up.progress.target, 2);
    EXPECT_TRUE(field_errors([&] {
                    store::tasks::update(conn(), s.tc_school_admin, open.id, {{"metric", "x"}});
                }).contains("metric"));
    EXPECT_TRUE(field_errors([&] {
                    store::tasks::update(conn(), s.tc_school_admin, open.id, {{"plan", p.id + 1}});
                }).contains("plan"));
    // What was read may be sent back unchanged.
    store::tasks::update(conn(), s.tc_school_admin, open.id, core::to_json(up));

    store::ListQuery q;
    q.filters = {{"overdue", "true"}};
    auto page = store::tasks::list(conn(), s.tc_bureau, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].id, overdue.id);
    EXPECT_EQ(store::tasks::list(conn(), s.hc_bureau, q).total, 0);
    q.filters = {{"overdue", "false"}};
    EXPECT_EQ(store::tasks::list(conn(), s.tc_bureau, q).total, 1);
    q.filters = {{"pairing", std::to_string(pr)}};
    EXPECT_EQ(store::tasks::list(conn(), s.tc_school_admin, q).total, 2);
    q.filters = {{"status", "not_started"}};
    EXPECT_EQ(store::tasks::list(conn(), s.system, q).total, 1);
    q.filters = {{"overdue", "perhaps"}};
    EXPECT_EQ(error_kind([&] { store::tasks::list(conn(), s.system, q); }), K::malformed);

    // An achieved task is not overdue even after its due date.
    activity(tc, pr, s.tc_school, "teacher_visit", "2025-10-10", "2025-10-10", 5);
    q.filters = {{"overdue", "true"}};
    EXPECT_EQ(store::tasks::list(conn(), s.tc_bureau, q).total, 0);

    store::tasks::remove(conn(), s.tc_school_admin, open.id);
    store::plans::remove(conn(), s.tc_bureau, p.id);  // takes its tasks along
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM tasks"), 0);
}

TEST_P(PlanRepositoryTest, FourHavesOfProgramAndPairing) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto missing = [](const core::FourHaves& r) {
        std::vector<std::string> keys;
        for (const auto& i : r.items)
            if (!i.ok) keys.push_back(i.key);
        return keys;
    };
    using V = std::vector<std::string>;
    V all{"organisation", "phased_plan", "implementation_plan", "inspection"};
    EXPECT_EQ(missing(store::four_haves::for_program(conn(), s.tc_bureau, tc)), all);
    EXPECT_EQ(missing(store::four_haves::for_pairing(conn(), s.tc_school_admin, pr)), all);
    EXPECT_EQ(error_kind([&] { store::four_haves::for_program(conn(), s.hc_bureau, tc); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { store::four_haves::for_pairing(conn(), s.hc_bureau, pr); }),
              K::not_found);

    member(tc, "leader");
    member(tc, "office");
    auto year = today().substr(0, 4);
    auto annual = store::plans::create(
        conn(), s.tc_bureau, draft(tc, std::nullopt, "annual", year + "-01-01", year + "-12-31"),
        {});
    approval(s.tc_bureau, annual.id, "submitted");
    auto r = store::four_haves::for_program(conn(), s.tc_bureau, tc);
    EXPECT_EQ(missing(r), (V{"phased_plan", "implementation_plan", "inspection"}));
    approval(s.tc_bureau, annual.id, "approved");
    auto impl =
        store::plans::create(conn(), s.tc_bureau, draft(tc, std::nullopt, "implementation"), {});
    approval(s.tc_bureau, impl.id, "submitted");
    approval(s.tc_bureau, impl.id, "approved");
    inspection(tc, pr, today());  // of the pairing: counts for the program too
    EXPECT_TRUE(store::four_haves::for_program(conn(), s.tc_bureau, tc).complete);
    // The pairing shares the organisation and the inspection, not the program's plans.
    EXPECT_EQ(missing(store::four_haves::for_pairing(conn(), s.tc_bureau, pr)),
              (V{"phased_plan", "implementation_plan"}));

    store::ListQuery q;
    auto nc = store::four_haves::non_compliant(conn(), s.tc_bureau, q);
    ASSERT_EQ(nc.total, 1);
    EXPECT_EQ(nc.items[0].recipient_name, "五里镇湾头小学");
    EXPECT_EQ(store::four_haves::non_compliant(conn(), s.hc_bureau, q).total, 0);

    for (auto kind : {"semester", "implementation"}) {
        auto pp = store::plans::create(conn(), s.tc_school_admin,
                                       draft(tc, pr, kind, year + "-01-01", year + "-12-31"), {});
        approval(s.tc_school_admin, pp.id, "submitted");
        approval(s.tc_bureau, pp.id, "approved");
    }
    EXPECT_TRUE(store::four_haves::for_pairing(conn(), s.tc_teacher_user, pr).complete);
    EXPECT_EQ(store::four_haves::non_compliant(conn(), s.tc_bureau, q).total, 0);

    // A program-level inspection counts for the pairing; an old one does not.
    conn().execute("DELETE FROM inspections");
    inspection(tc, std::nullopt, "2000-01-01");
    EXPECT_EQ(missing(store::four_haves::for_pairing(conn(), s.tc_bureau, pr)), V{"inspection"});
    inspection(tc, std::nullopt, today());
    EXPECT_TRUE(store::four_haves::for_pairing(conn(), s.tc_bureau, pr).complete);

    // Ended pairings are not listed; filters narrow the list.
    auto ended = pairing(tc, s.tc_school2, s.hc_school, "ended");
    (void)ended;
    auto open = pairing(tc, s.tc_school, s.hc_school);
    q.filters = {{"program", std::to_string(tc)}};
    nc = store::four_haves::non_compliant(conn(), s.system, q);
    ASSERT_EQ(nc.total, 1);
    EXPECT_EQ(nc.items[0].pairing, open);
    q.filters = {{"region", "654023"}};  // the recipient is in 霍城县
    EXPECT_EQ(store::four_haves::non_compliant(conn(), s.system, q).total, 1);
    q.filters = {{"region", "999999"}};
    EXPECT_EQ(error_kind([&] { store::four_haves::non_compliant(conn(), s.system, q); }),
              K::malformed);
}

TEST_P(PlanRepositoryTest, PlanFileIsReplacedReadInScopeAndFrozenWithTheContent) {
    auto s = seed();
    auto tc = program("通城县城乡学校结对帮扶", "421222");
    auto pr = pairing(tc, s.tc_school2, s.tc_school);
    auto p = store::plans::create(conn(), s.tc_school_admin, draft(tc, pr, "implementation"), {});
    std::string pdf = "%PDF-1.4\n%%EOF\n";
    auto f1 = store::plans::attach_file(conn(), s.tc_school_admin, p.id, "实施方案.pdf", pdf);
    EXPECT_EQ(store::plans::get(conn(), s.system, p.id).file_name, "实施方案.pdf");
    auto f2 = store::plans::attach_file(conn(), s.tc_bureau, p.id, "v2.pdf", pdf + "%v2\n");
    EXPECT_NE(f1.id, f2.id);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'plan'"), 1);
    auto [info, content] = store::plans::file(conn(), s.tc_teacher_user, p.id);
    EXPECT_EQ(info.name, "v2.pdf");
    EXPECT_EQ(content, pdf + "%v2\n");
    EXPECT_EQ(error_kind([&] { store::plans::file(conn(), s.hc_bureau, p.id); }), K::not_found);
    EXPECT_EQ(
        error_kind([&] { store::plans::attach_file(conn(), s.hc_bureau, p.id, "x.pdf", pdf); }),
        K::forbidden);
    EXPECT_TRUE(field_errors([&] {
                    store::plans::attach_file(conn(), s.tc_school_admin, p.id, "x.exe", pdf);
                }).contains("file"));
    approval(s.tc_school_admin, p.id, "submitted");
    EXPECT_EQ(error_kind([&] { store::plans::remove_file(conn(), s.tc_school_admin, p.id); }),
              K::conflict);
    approval(s.tc_school_admin, p.id, "draft");
    store::plans::remove_file(conn(), s.tc_school_admin, p.id);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'plan'"), 0);
    EXPECT_EQ(error_kind([&] { store::plans::file(conn(), s.system, p.id); }), K::not_found);
    store::plans::attach_file(conn(), s.tc_school_admin, p.id, "v3.pdf", pdf);
    store::plans::remove(conn(), s.tc_school_admin, p.id);  // takes its file along
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files"), 0);
}
