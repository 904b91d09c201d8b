// Yearly reports on both engines: the aggregates stay inside the report's scope and the actor's,
// a locked report keeps its figures when records change, and the unlock workflow is audited.
#include "store/yearly_report_repository.hpp"

#include "expect_error.hpp"
#include "store/activity_repository.hpp"
#include "store/donation_repository.hpp"
#include "store/inspection_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/pairing_repository.hpp"
#include "store/plan_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using core::report::Scope;
using K = core::ErrorKind;

namespace {
// 通城县: 通城县实验小学 (tc_school2) supports 五里镇湾头小学 (tc_school). 霍城县: its own
// program and pairing between two of its schools, out of 通城县's reach.
struct Work {
    bangfu::testing::Seed s;
    std::int64_t program = 0, pairing = 0, hc_program = 0, hc_pairing = 0, hc_school2 = 0;
};

std::int64_t value(const core::report::Report& r, std::string_view key) {
    const auto* f = core::report::find_figure(r, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? f->value : -1;
}
}  // namespace

class YearlyReportTest : public StoreTest {
  protected:
    Work work() {
        Work w;
        w.s = seed();
        auto& c = conn();
        w.program = bangfu::testing::insert_program(c, "通城县城乡学校结对帮扶", "421222");
        w.pairing = bangfu::testing::insert_pairing(c, w.program, w.s.tc_school2, w.s.tc_school);
        w.hc_program = bangfu::testing::insert_program(c, "霍城县教育帮扶", "654023");
        core::Institution x;
        x.name = "霍城县惠远小学";
        x.kind = "primary";
        x.locality = "rural";
        x.region = "654023";
        x.student_count = 200;
        w.hc_school2 = store::institutions::create(c, w.s.system, x, {}).id;
        w.hc_pairing =
            bangfu::testing::insert_pairing(c, w.hc_program, w.hc_school2, w.s.hc_school);
        // 通城县: 2026 funds 5,000 + 3,100 yuan, materials 2,480 yuan (stationery); 2025 funds
        // 1,000 yuan. 霍城县: 2026 funds 20,000 yuan, materials 30,000 yuan (sports).
        donation(w.program, w.pairing, "funds", "2026-11-04", w.s.tc_school, 500000, "");
        donation(w.program, w.pairing, "funds", "2026-11-04", w.s.tc_school, 310000, "");
        donation(w.program, w.pairing, "materials", "2026-11-04", w.s.tc_school, 248000,
                 "stationery");
        donation(w.program, w.pairing, "funds", "2025-12-31", w.s.tc_school, 100000, "");
        donation(w.hc_program, w.hc_pairing, "funds", "2026-03-01", w.s.hc_school, 2000000, "");
        donation(w.hc_program, w.hc_pairing, "materials", "2026-05-20", w.s.hc_school, 3000000,
                 "sports");
        // Activities: 通城县 a leader visit (8 leaders) and a demonstration class by 李家红 in
        // 2026, a lecture in 2025; 霍城县 a demonstration class in 2026.
        activity(w.program, w.pairing, "leader_visit", "2026-10-18", w.s.tc_school, w.s.tc_school2,
                 8, 0, std::nullopt, "实地考察");
        activity(w.program, w.pairing, "demonstration_class", "2026-11-04", w.s.tc_school,
                 w.s.tc_school2, 0, 1, w.s.tc_teacher, "语文示范课");
        activity(w.program, w.pairing, "lecture", "2025-05-04", w.s.tc_school, w.s.tc_school2, 0, 3,
                 std::nullopt, "讲座");
        activity(w.hc_program, w.hc_pairing, "demonstration_class", "2026-09-01", w.s.hc_school,
                 w.hc_school2, 0, 1, w.s.hc_teacher, "霍城示范课");
        return w;
    }

    void donation(std::int64_t program, std::int64_t pairing, const std::string& kind,
                  const std::string& on, std::int64_t recipient, std::int64_t fen,
                  const std::string& category) {
        conn().execute(
            "INSERT INTO donations (program, pairing, kind, donated_on, donor_kind, "
            "recipient_institution, amount_fen, category, created_at, updated_at) VALUES (?, ?, "
            "?, ?, 'institution', ?, ?, ?, 'x', 'x')",
            {program, pairing, kind, on, recipient, fen,
             category.empty() ? store::Param{nullptr} : store::Param{category}});
    }

    void activity(std::int64_t program, std::int64_t pairing, const std::string& type,
                  const std::string& on, std::int64_t host, std::int64_t visiting,
                  std::int64_t leaders, std::int64_t teachers, std::optional<std::int64_t> teacher,
                  const std::string& topic) {
        conn().execute(
            "INSERT INTO activities (program, pairing, type, start_date, end_date, "
            "host_institution, visiting_institution, leaders_count, teachers_count, teacher, "
            "topic, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')",
            {program, pairing, type, on, on, host, visiting, leaders, teachers,
             store::nullable(teacher), topic});
    }

    std::int64_t audit_count(const std::string& entity, const std::string& action) {
        return conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = ? AND action = ?",
                                {entity, action});
    }
};
BANGFU_STORE_TEST_SUITE(YearlyReportTest);

TEST_P(YearlyReportTest, ARegionReportCountsItsSubtreeOnly) {
    auto w = work();
    auto tc = store::reports::summary(conn(), w.s.system, {"region", "421222"}, 2026);
    EXPECT_EQ(tc.scope_name.zh, "通城县");
    EXPECT_EQ(value(tc, "donations.funds_fen"), 810000);
    EXPECT_EQ(value(tc, "donations.materials_fen"), 248000);
    EXPECT_EQ(value(tc, "donations.count"), 3);
    EXPECT_EQ(value(tc, "donations.category.stationery"), 248000);
    EXPECT_EQ(core::report::find_figure(tc, "donations.category.sports"), nullptr);
    EXPECT_EQ(value(tc, "activities.count"), 2);
    EXPECT_EQ(value(tc, "activities.person_times"), 9);
    EXPECT_EQ(value(tc, "activities.demonstration_classes"), 1);
    EXPECT_EQ(value(tc, "pairings.active"), 1);
    EXPECT_EQ(value(tc, "organisation.programs"), 1);
    // No 霍城 record anywhere in the 通城 report.
    auto text = boost::json::serialize(core::report::to_json(tc, "zh"));
    EXPECT_EQ(text.find("霍城"), std::string::npos) << text;
    EXPECT_NE(text.find("李家红"), std::string::npos);

    auto hc = store::reports::summary(conn(), w.s.system, {"region", "654023"}, 2026);
    EXPECT_EQ(value(hc, "donations.funds_fen"), 2000000);
    EXPECT_EQ(value(hc, "donations.materials_fen"), 3000000);
    EXPECT_EQ(value(hc, "activities.count"), 1);
    EXPECT_EQ(boost::json::serialize(core::report::to_json(hc, "zh")).find("通城"),
              std::string::npos);
}

TEST_P(YearlyReportTest, RecordsCountInTheYearOfTheirDate) {
    auto w = work();
    auto r =
        store::reports::summary(conn(), w.s.system, {"program", std::to_string(w.program)}, 2025);
    EXPECT_EQ(value(r, "donations.funds_fen"), 100000);
    EXPECT_EQ(value(r, "donations.materials_fen"), 0);
    EXPECT_EQ(value(r, "activities.count"), 1);
    EXPECT_EQ(value(r, "activities.person_times"), 3);
    EXPECT_EQ(value(r, "pairings.new"), 0);  // paired in 2023
}

TEST_P(YearlyReportTest, AnInstitutionReportHoldsItsOwnPairingsOnly) {
    auto w = work();
    auto r = store::reports::summary(conn(), w.s.tc_school_admin,
                                     {"institution", std::to_string(w.s.tc_school)}, 2026);
    EXPECT_EQ(value(r, "donations.total_fen"), 1058000);
    EXPECT_EQ(value(r, "pairings.active"), 1);
    auto hc = store::reports::summary(conn(), w.s.system,
                                      {"institution", std::to_string(w.hc_school2)}, 2026);
    EXPECT_EQ(value(hc, "donations.total_fen"), 5000000);
    EXPECT_EQ(value(hc, "activities.count"), 1);
}

TEST_P(YearlyReportTest, AScopeOutsideTheActorsIsNotFound) {
    auto w = work();
    auto& c = conn();
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.tc_bureau, {"region", "654023"}, 2026);
              }),
              K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.tc_bureau,
                                          {"program", std::to_string(w.hc_program)}, 2026);
              }),
              K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.tc_school_admin,
                                          {"institution", std::to_string(w.s.hc_school)}, 2026);
              }),
              K::not_found);
    // An institution's people see their institution, not the county's report.
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.tc_school_admin, {"region", "421222"}, 2026);
              }),
              K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.system, {"program", "999999"}, 2026);
              }),
              K::not_found);
    // A program's report is its bureau's: an institution party to one of its pairings reads the
    // program only in part, so it reports on itself instead.
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, w.s.tc_school_admin,
                                          {"program", std::to_string(w.program)}, 2026);
              }),
              K::forbidden);
    store::reports::summary(c, w.s.tc_inspector, {"program", std::to_string(w.program)}, 2026);
}

TEST_P(YearlyReportTest, ALockedReportKeepsItsFiguresWhenRecordsChange) {
    auto w = work();
    auto& c = conn();
    Scope scope{"region", "421222"};
    store::reports::save_written(c, w.s.tc_bureau, scope, 2026,
                                 {"体会：城乡共同成长", "台账不完整", "继续送教"});
    auto locked = store::reports::lock(c, w.s.tc_bureau, scope, 2026);
    EXPECT_TRUE(locked.locked);
    EXPECT_EQ(audit_count("yearly_report", "lock"), 1);

    // A new gift of 20,000 yuan and a changed amount after locking.
    core::Donation d;
    d.program = w.program;
    d.pairing = w.pairing;
    d.kind = "funds";
    d.donated_on = "2026-11-20";
    d.donor_kind = "institution";
    d.donor_institution = w.s.tc_school2;
    d.amount_fen = 2000000;
    d.purpose = "维修教学楼";
    store::donations::create(c, w.s.tc_bureau, d, {});
    c.execute("UPDATE donations SET amount_fen = 1 WHERE amount_fen = 248000");

    auto after = store::reports::summary(c, w.s.tc_bureau, scope, 2026);
    EXPECT_TRUE(after.locked);
    EXPECT_EQ(value(after, "donations.funds_fen"), 810000);
    EXPECT_EQ(value(after, "donations.materials_fen"), 248000);
    EXPECT_EQ(boost::json::serialize(core::report::to_json(after, "en")),
              boost::json::serialize(core::report::to_json(locked, "en")));
    EXPECT_EQ(after.written.feelings, "体会：城乡共同成长");
    // The written parts are frozen too; locking twice is refused.
    EXPECT_EQ(error_kind([&] {
                  store::reports::save_written(c, w.s.tc_bureau, scope, 2026, {"改", "", ""});
              }),
              K::conflict);
    EXPECT_EQ(error_kind([&] { store::reports::lock(c, w.s.tc_bureau, scope, 2026); }),
              K::conflict);
    // Another year is not locked and counts live.
    auto other = store::reports::summary(c, w.s.tc_bureau, scope, 2025);
    EXPECT_FALSE(other.locked);
}

TEST_P(YearlyReportTest, OnlyTheBureauOverTheScopeLocks) {
    auto w = work();
    auto& c = conn();
    Scope inst{"institution", std::to_string(w.s.tc_school)};
    EXPECT_EQ(error_kind([&] { store::reports::lock(c, w.s.tc_school_admin, inst, 2026); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::reports::lock(c, w.s.tc_inspector, inst, 2026); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::reports::lock(c, w.s.hc_bureau, {"region", "421222"}, 2026);
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::reports::save_written(c, w.s.tc_inspector, inst, 2026, {"x", "", ""});
              }),
              K::forbidden);
    // An institution writes its own report's parts, not the county's.
    store::reports::save_written(c, w.s.tc_school_admin, inst, 2026, {"我们的体会", "", ""});
    EXPECT_EQ(store::reports::summary(c, w.s.tc_bureau, inst, 2026).written.feelings, "我们的体会");
    EXPECT_EQ(error_kind([&] {
                  store::reports::save_written(c, w.s.tc_school_admin,
                                               {"program", std::to_string(w.program)}, 2026,
                                               {"x", "", ""});
              }),
              K::forbidden);
    EXPECT_EQ(audit_count("yearly_report", "update"), 1);
    EXPECT_EQ(audit_count("yearly_report", "lock"), 0);
}

TEST_P(YearlyReportTest, TooLongWrittenPartsAreRefusedNotCut) {
    auto w = work();
    auto fields = field_errors([&] {
        store::reports::save_written(conn(), w.s.tc_bureau, {"region", "421222"}, 2026,
                                     {"", std::string(60001, 'x'), ""});
    });
    EXPECT_TRUE(fields.contains("shortcomings"));
    EXPECT_EQ(store::reports::summary(conn(), w.s.tc_bureau, {"region", "421222"}, 2026)
                  .written.shortcomings,
              "");
}

TEST_P(YearlyReportTest, AnInstitutionRequestsAnUnlockAndTheBureauDecides) {
    auto w = work();
    auto& c = conn();
    Scope inst{"institution", std::to_string(w.s.tc_school)};
    // Nothing to unlock yet.
    EXPECT_EQ(error_kind([&] {
                  store::reports::request_unlock(c, w.s.tc_school_admin, inst, 2026, "补录");
              }),
              K::conflict);
    store::reports::lock(c, w.s.tc_bureau, inst, 2026);
    auto fields = field_errors(
        [&] { store::reports::request_unlock(c, w.s.tc_school_admin, inst, 2026, "  "); });
    EXPECT_TRUE(fields.contains("reason"));
    EXPECT_EQ(
        error_kind([&] { store::reports::request_unlock(c, w.s.tc_bureau, inst, 2026, "补录"); }),
        K::forbidden);
    auto req = store::reports::request_unlock(c, w.s.tc_school_admin, inst, 2026,
                                              "11月20日的捐赠漏录，需补录");
    EXPECT_EQ(req.status, "pending");
    EXPECT_EQ(error_kind([&] {
                  store::reports::request_unlock(c, w.s.tc_school_admin, inst, 2026, "再次");
              }),
              K::conflict);
    // Only the bureau over the institution decides.
    EXPECT_EQ(error_kind(
                  [&] { store::reports::decide_unlock(c, w.s.tc_school_admin, req.id, true, ""); }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] { store::reports::decide_unlock(c, w.s.hc_bureau, req.id, true, ""); }),
        K::forbidden);
    auto refused = store::reports::decide_unlock(c, w.s.tc_bureau, req.id, false, "请附证明");
    EXPECT_EQ(refused.status, "refused");
    EXPECT_EQ(refused.decision_note, "请附证明");
    EXPECT_TRUE(store::reports::summary(c, w.s.tc_bureau, inst, 2026).locked);
    EXPECT_EQ(
        error_kind([&] { store::reports::decide_unlock(c, w.s.tc_bureau, req.id, true, ""); }),
        K::conflict);

    auto again = store::reports::request_unlock(c, w.s.tc_school_admin, inst, 2026, "附捐赠证明");
    c.execute("UPDATE donations SET amount_fen = amount_fen + 100 WHERE amount_fen = 500000");
    auto granted = store::reports::decide_unlock(c, w.s.tc_bureau, again.id, true, "同意");
    EXPECT_EQ(granted.status, "granted");
    auto live = store::reports::summary(c, w.s.tc_school_admin, inst, 2026);
    EXPECT_FALSE(live.locked);
    EXPECT_EQ(value(live, "donations.funds_fen"), 810100);  // live again

    auto list = store::reports::unlock_requests(c, w.s.tc_school_admin, inst, 2026);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].status, "granted");
    EXPECT_EQ(list[1].status, "refused");
    EXPECT_EQ(audit_count("report_unlock_request", "create"), 2);
    EXPECT_EQ(audit_count("report_unlock_request", "refuse"), 1);
    EXPECT_EQ(audit_count("report_unlock_request", "grant"), 1);
    EXPECT_EQ(audit_count("yearly_report", "unlock"), 1);
    // The audit entries are scoped to the institution, so its admin sees them.
    EXPECT_EQ(c.query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'report_unlock_request' "
                          "AND institution = ?",
                          {w.s.tc_school}),
              4);
}

// The lists the pairing-work figures link to take the region (the rows its bureau reads) and
// the year, and hold what the figures count; a region outside the reader's scope lists nothing.
TEST_P(YearlyReportTest, TheWorkListsBehindTheFiguresTakeTheRegion) {
    auto w = work();
    auto& c = conn();
    auto query = [](std::map<std::string, std::string> filters) {
        store::ListQuery q;
        q.filters = std::move(filters);
        return q;
    };
    auto r = store::reports::summary(c, w.s.system, {"region", "421222"}, 2026);
    auto donations = [&](const core::Actor& a, std::map<std::string, std::string> f) {
        return store::donations::list(c, a, query(std::move(f))).total;
    };
    EXPECT_EQ(donations(w.s.system, {{"region", "421222"}, {"year", "2026"}}),
              value(r, "donations.count"));
    EXPECT_EQ(donations(w.s.system, {{"region", "421222"}, {"year", "2026"}}), 3);
    EXPECT_EQ(donations(w.s.system, {{"region", "654023"}, {"year", "2026"}}), 2);
    EXPECT_EQ(donations(w.s.system, {{"region", "999999"}}), 0);
    EXPECT_EQ(donations(w.s.tc_bureau, {{"region", "654023"}}), 0);
    auto activities = store::activities::list(
        c, w.s.system,
        query({{"region", "421222"}, {"date_from", "2026-01-01"}, {"date_to", "2026-12-31"}}));
    EXPECT_EQ(activities.total, value(r, "activities.count"));
    EXPECT_EQ(activities.total, 2);
    auto pairings = [&](const core::Actor& a, std::map<std::string, std::string> f) {
        return store::pairings::list(c, a, query(std::move(f))).total;
    };
    EXPECT_EQ(pairings(w.s.system, {{"region", "421222"}, {"year", "2026"}}),
              value(r, "pairings.active"));
    EXPECT_EQ(pairings(w.s.system, {{"region", "421222"}, {"start_year", "2026"}}),
              value(r, "pairings.new"));
    EXPECT_EQ(pairings(w.s.system, {{"region", "421222"}, {"start_year", "2023"}}), 1);
    EXPECT_EQ(pairings(w.s.system, {{"region", "421222"}, {"year", "2022"}}), 0);
    EXPECT_EQ(pairings(w.s.hc_bureau, {{"region", "421222"}}), 0);
    EXPECT_EQ(
        store::plans::list(c, w.s.system, query({{"region", "421222"}, {"year", "2026"}})).total,
        value(r, "plans.count"));
    EXPECT_EQ(
        store::plans::list(c, w.s.system, query({{"institution", std::to_string(w.s.tc_school)}}))
            .total,
        0);
    EXPECT_EQ(store::inspections::list(c, w.s.system, query({{"region", "421222"}})).total,
              value(r, "inspections.count"));
}
