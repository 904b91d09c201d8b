// The dispatch and appraisal section of yearly reports on both engines: it counts the school
// year ending in the report year, stays inside the report's scope (a region, an institution),
// takes its subsidies from the entitlement rules, and a locked report keeps its figures when an
// assignment changes afterwards.
#include "store/yearly_report_repository.hpp"

#include "core/dispatch_summary.hpp"
#include "store/appraisal_repository.hpp"
#include "store/assignment_repository.hpp"
#include "store/attachment_study_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/subsidy_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

namespace {
std::int64_t value(const core::report::Report& r, std::string_view key) {
    const auto* f = core::report::find_figure(r, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? f->value : -1;
}
const core::report::Section& dispatch_of(const core::report::Report& r) {
    for (const auto& s : r.sections)
        if (s.key == "dispatch") return s;
    throw std::runtime_error("no dispatch section");
}
}  // namespace

class ReportDispatchTest : public StoreTest {
  protected:
    struct Work {
        bangfu::testing::Seed s;
        std::int64_t program = 0, hc_program = 0, hc_school2 = 0, tc_assignment = 0,
                     hc_assignment = 0;
        std::string tc_name, hc_name;
    };

    // 通城县: 五里镇湾头小学's teacher sent to 通城县实验小学 for the school year 2025—2026,
    // rated excellent, under a policy of 500 yuan once and 1,000 yuan a month (competent or
    // better, at most 10 months). 霍城县: its teacher sent inside 霍城县 the same year, also
    // rated excellent, under no policy.
    Work work() {
        Work w;
        w.s = seed();
        auto& c = conn();
        w.program = bangfu::testing::insert_program(c, "通城县城乡学校结对帮扶", "421222");
        w.hc_program = bangfu::testing::insert_program(c, "霍城县教育帮扶", "654023");
        core::Institution x;
        x.name = "霍城县惠远小学";
        x.kind = "primary";
        x.locality = "rural";
        x.region = "654023";
        x.student_count = 200;
        w.hc_school2 = store::institutions::create(c, w.s.system, x, {}).id;
        w.tc_assignment = assignment(w.program, w.s.tc_teacher, w.s.tc_school, w.s.tc_school2,
                                     "2025-09-01", "2026-06-30");
        w.hc_assignment = assignment(w.hc_program, w.s.hc_teacher, w.s.hc_school, w.hc_school2,
                                     "2025-09-01", "2026-06-30");
        appraisal(w.tc_assignment, 2026, "excellent");
        appraisal(w.hc_assignment, 2026, "excellent");
        c.execute(
            "INSERT INTO subsidy_items (program, name, frequency, amount_fen, max_months, "
            "min_rating, sort_order, created_at, updated_at) VALUES (?, '被褥', 'one_time', "
            "50000, NULL, NULL, 1, 'x', 'x'), (?, '生活补助', 'monthly', 100000, 10, "
            "'competent', 2, 'x', 'x')",
            {w.program, w.program});
        w.tc_name = c.query_one("SELECT name FROM staff WHERE id = ?", {w.s.tc_teacher})->text(0);
        w.hc_name = c.query_one("SELECT name FROM staff WHERE id = ?", {w.s.hc_teacher})->text(0);
        return w;
    }

    std::int64_t assignment(std::int64_t program, std::int64_t staff, std::int64_t sender,
                            std::int64_t recipient, const std::string& from,
                            const std::string& to) {
        conn().execute(
            "INSERT INTO dispatch_assignments (program, staff, sending_institution, "
            "recipient_institution, start_date, end_date, subjects, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ',chinese,', 'completed', 'x', 'x')",
            {program, staff, sender, recipient, from, to});
        return conn().query_int("SELECT MAX(id) FROM dispatch_assignments");
    }

    void appraisal(std::int64_t assignment, std::int64_t year, const std::string& rating) {
        conn().execute(
            "INSERT INTO appraisals (assignment, year, stage, rating, created_at, updated_at) "
            "VALUES (?, ?, 'approved', ?, 'x', 'x')",
            {assignment, year, rating});
    }
};
BANGFU_STORE_TEST_SUITE(ReportDispatchTest);

TEST_P(ReportDispatchTest, ARegionReportCountsItsOwnDispatchesOnly) {
    auto w = work();
    auto tc = store::reports::summary(conn(), w.s.system, {"region", "421222"}, 2026);
    EXPECT_EQ(value(tc, "dispatch.person_times"), 1);
    EXPECT_EQ(value(tc, "dispatch.teachers"), 1);
    EXPECT_EQ(value(tc, "dispatch.rating.excellent"), 1);
    // 500 yuan once and 10 months of 1,000 yuan, the rating meeting the policy.
    EXPECT_EQ(value(tc, "dispatch.subsidy_payable_fen"), 50000 + 10 * 100000);
    const auto& s = dispatch_of(tc);
    EXPECT_NE(s.summary.zh.find(w.tc_name), std::string::npos) << s.summary.zh;
    auto text = boost::json::serialize(core::report::to_json(tc, "zh"));
    EXPECT_EQ(text.find("霍城"), std::string::npos) << text;
    EXPECT_EQ(text.find(w.hc_name), std::string::npos);

    auto hc = store::reports::summary(conn(), w.s.hc_bureau, {"region", "654023"}, 2026);
    EXPECT_EQ(value(hc, "dispatch.person_times"), 1);
    EXPECT_EQ(value(hc, "dispatch.subsidy_payable_fen"), 0);  // no policy, nothing earned
    for (const auto& t : dispatch_of(hc).tables)
        if (t.key == "subsidies") {
            EXPECT_EQ(t.rows.size(), 1u);  // the total row only
        }
    for (const auto& t : dispatch_of(tc).tables)
        if (t.key == "subsidies") {
            EXPECT_EQ(t.rows.size(), 2u);  // the teacher and the total
        }
    EXPECT_NE(dispatch_of(hc).summary.zh.find(w.hc_name), std::string::npos);
    EXPECT_EQ(boost::json::serialize(core::report::to_json(hc, "zh")).find(w.tc_name),
              std::string::npos);
}

TEST_P(ReportDispatchTest, TheYearIsTheSchoolYearEndingInIt) {
    auto w = work();
    // 2025-09-01..2026-06-30 is school year 2026; the report of 2025 (September 2024 to
    // August 2025) has none of it, nor the appraisal of 2026.
    auto r =
        store::reports::summary(conn(), w.s.system, {"program", std::to_string(w.program)}, 2025);
    EXPECT_EQ(value(r, "dispatch.person_times"), 0);
    EXPECT_EQ(value(r, "dispatch.rating.excellent"), 0);
    EXPECT_EQ(value(r, "dispatch.subsidy_entitled_fen"), 0);
}

TEST_P(ReportDispatchTest, AnInstitutionReportHasItsSentAndReceivedTeachers) {
    auto w = work();
    auto sender = store::reports::summary(conn(), w.s.system,
                                          {"institution", std::to_string(w.s.tc_school)}, 2026);
    EXPECT_EQ(value(sender, "dispatch.person_times"), 1);
    auto recipient = store::reports::summary(conn(), w.s.system,
                                             {"institution", std::to_string(w.s.tc_school2)}, 2026);
    EXPECT_EQ(value(recipient, "dispatch.person_times"), 1);
    EXPECT_EQ(value(recipient, "dispatch.subsidy_payable_fen"), 1050000);
    auto other = store::reports::summary(conn(), w.s.system,
                                         {"institution", std::to_string(w.hc_school2)}, 2026);
    EXPECT_EQ(value(other, "dispatch.person_times"), 1);
    EXPECT_EQ(value(other, "dispatch.rating.excellent"), 1);
    EXPECT_EQ(boost::json::serialize(core::report::to_json(other, "zh")).find(w.tc_name),
              std::string::npos);
}

TEST_P(ReportDispatchTest, ALockedReportKeepsItsDispatchFigures) {
    auto w = work();
    core::report::Scope scope{"region", "421222"};
    auto locked = store::reports::lock(conn(), w.s.tc_bureau, scope, 2026);
    ASSERT_TRUE(locked.locked);
    EXPECT_EQ(value(locked, "dispatch.person_times"), 1);
    // Afterwards the teacher is recorded as withdrawn in December and a second one is sent.
    conn().execute(
        "UPDATE dispatch_assignments SET status = 'withdrawn', withdrawn_on = '2025-12-10' "
        "WHERE id = ?",
        {w.tc_assignment});
    assignment(w.program, w.s.tc_teacher, w.s.tc_school, w.s.tc_school2, "2026-02-01",
               "2026-06-30");
    auto after = store::reports::summary(conn(), w.s.tc_bureau, scope, 2026);
    EXPECT_TRUE(after.locked);
    EXPECT_EQ(value(after, "dispatch.person_times"), 1);
    EXPECT_EQ(value(after, "dispatch.withdrawn"), 0);
    EXPECT_EQ(value(after, "dispatch.subsidy_payable_fen"), 1050000);
    // The live figures did change: the report of a program (not locked) shows them.
    auto live =
        store::reports::summary(conn(), w.s.system, {"program", std::to_string(w.program)}, 2026);
    EXPECT_EQ(value(live, "dispatch.person_times"), 1);
    EXPECT_EQ(value(live, "dispatch.withdrawn"), 1);
    // Three months served (September–November) earn the one-time item and three months; the
    // new assignment's one-time item is payable, its months wait for its appraisal.
    EXPECT_EQ(value(live, "dispatch.subsidy_payable_fen"), 50000 + 3 * 100000 + 50000);
    EXPECT_EQ(value(live, "dispatch.subsidy_pending_fen"), 5 * 100000);
}

// The lists the figures link to (store/region_filter.hpp): with the link's filters they hold
// the records the figure counts, and a region outside the reader's scope lists nothing.
TEST_P(ReportDispatchTest, TheListsBehindTheFiguresHoldWhatTheyCount) {
    auto w = work();
    auto& c = conn();
    auto query = [](std::map<std::string, std::string> filters) {
        store::ListQuery q;
        q.filters = std::move(filters);
        return q;
    };
    auto assignments = [&](const core::Actor& a, std::map<std::string, std::string> f) {
        return store::assignments::list(c, a, query(std::move(f))).total;
    };
    // A second 通城县 teacher withdraws: the person-times leave them out, the list too.
    auto gone = assignment(w.program, w.s.tc_teacher, w.s.tc_school, w.s.tc_school2, "2025-09-01",
                           "2026-06-30");
    c.execute("UPDATE dispatch_assignments SET status = 'withdrawn' WHERE id = ?", {gone});
    auto tc = store::reports::summary(c, w.s.system, {"region", "421222"}, 2026);
    EXPECT_EQ(value(tc, "dispatch.person_times"), 1);
    EXPECT_EQ(assignments(w.s.system,
                          {{"region", "421222"}, {"school_year", "2026"}, {"withdrawn", "false"}}),
              1);
    EXPECT_EQ(assignments(w.s.system,
                          {{"region", "421222"}, {"school_year", "2026"}, {"withdrawn", "true"}}),
              1);
    // The school year 2026 runs from September 2025: none of it in 2025's; the calendar year
    // 2025 would have listed it.
    EXPECT_EQ(assignments(w.s.system, {{"region", "421222"}, {"school_year", "2025"}}), 0);
    EXPECT_EQ(assignments(w.s.system, {{"region", "421222"}, {"year", "2025"}}), 2);
    // A township is part of its county's subtree; 霍城县 has its own.
    EXPECT_EQ(assignments(w.s.system, {{"region", "421222105"}}), 2);
    EXPECT_EQ(assignments(w.s.system, {{"region", "654023"}}), 1);
    EXPECT_EQ(assignments(w.s.system, {{"region", "999999"}}), 0);
    // 通城县's bureau asking for 霍城县 gets nothing; its own region, its rows.
    EXPECT_EQ(assignments(w.s.tc_bureau, {{"region", "654023"}}), 0);
    EXPECT_EQ(assignments(w.s.tc_bureau, {{"region", "421222"}}), 2);

    auto appraisals = [&](const core::Actor& a, std::map<std::string, std::string> f) {
        return store::appraisals::list(c, a, query(std::move(f))).total;
    };
    EXPECT_EQ(appraisals(w.s.system, {{"region", "421222"},
                                      {"year", "2026"},
                                      {"stage", "approved"},
                                      {"rating", "excellent"}}),
              value(tc, "dispatch.rating.excellent"));
    EXPECT_EQ(appraisals(w.s.system, {{"region", "421222"}, {"year", "2026"}, {"open", "true"}}),
              0);
    EXPECT_EQ(appraisals(w.s.hc_bureau, {{"region", "421222"}}), 0);
    EXPECT_EQ(appraisals(w.s.hc_bureau, {{"region", "654023"}}), 1);

    auto pay = store::subsidies::entitlements(
        c, w.s.system, query({{"region", "421222"}, {"year", "2026"}}), 1000);
    EXPECT_EQ(pay.payable_fen, value(tc, "dispatch.subsidy_payable_fen"));
    EXPECT_EQ(pay.entitled_fen, value(tc, "dispatch.subsidy_entitled_fen"));
    EXPECT_TRUE(store::subsidies::entitlements(
                    c, w.s.hc_bureau, query({{"region", "421222"}, {"year", "2026"}}), 1000)
                    .rows.empty());

    // Attachment study: the people of the school year's rows.
    c.execute(
        "INSERT INTO attachment_studies (program, kind, home_institution, host_institution, "
        "start_date, end_date, headcount, purpose, created_at, updated_at) VALUES (?, "
        "'shadowing', ?, ?, '2026-03-01', '2026-03-31', 4, '跟岗', 'x', 'x')",
        {w.program, w.s.tc_school, w.s.tc_school2});
    auto tc2 = store::reports::summary(c, w.s.system, {"region", "421222"}, 2026);
    auto q = query({{"region", "421222"}, {"school_year", "2026"}});
    EXPECT_EQ(store::attachment_studies::headcount(c, w.s.system, q),
              value(tc2, "dispatch.attachment_person_times"));
    EXPECT_EQ(store::attachment_studies::headcount(c, w.s.system, q), 4);
    EXPECT_EQ(store::attachment_studies::list(c, w.s.hc_bureau, q).total, 0);
}
