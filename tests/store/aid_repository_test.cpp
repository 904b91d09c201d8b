// Aid cases, their cadence, records, outcomes, alerts and statistics on both engines, with the
// data scope of every role (store/aid_case_repository.hpp, store/aid_record_repository.hpp).
#include "core/aid_cadence.hpp"
#include "expect_error.hpp"
#include "store/aid_case_repository.hpp"
#include "store/aid_record_repository.hpp"
#include "store/clock.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class AidRepositoryTest : public StoreTest {
  protected:
    bangfu::testing::Seed s;
    std::int64_t tc_pupil = 0, tc_pupil2 = 0, hc_pupil = 0;

    // Beneficiaries belong to the beneficiaries slice: inserted directly here.
    std::int64_t beneficiary(const char* name, std::int64_t inst, const char* kind = "student") {
        auto now = store::now_utc();
        return conn().query_int(
            "INSERT INTO beneficiaries (kind, name, name_key, institution, grade, class_name, "
            "id_number, phone, created_at, updated_at) VALUES (?, ?, ?, ?, '五年级', '2班', "
            "'421222201301011234', '13800009999', ?, ?) RETURNING id",
            {kind, name, name, inst, now, now});
    }

    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        s = seed();
        tc_pupil = beneficiary("王施佳豪", s.tc_school);
        tc_pupil2 = beneficiary("涵涵", s.tc_school);
        hc_pupil = beneficiary("努尔兰", s.hc_school);
    }

    // 李家红 helps 王施佳豪: tutoring weekly, interest help every two weeks, a motivational
    // talk monthly, a home visit each term (the seed's cadence).
    core::AidCase wang() {
        core::AidCase x;
        x.beneficiary = tc_pupil;
        x.helper_kind = "staff";
        x.helper_staff = s.tc_teacher;
        x.start_date = "2026-09-01";
        x.goals = "数学成绩及格，树立走出大山的信心";
        x.cadences = {{"tutoring", 1, "week", "", "", "", false, 0},
                      {"interest_activity", 2, "week", "", "", "", false, 0},
                      {"motivational_talk", 1, "month", "", "", "", false, 0},
                      {"home_visit", 1, "term", "", "", "", false, 0}};
        return x;
    }

    core::AidRecord rec(const char* date, const char* kind) {
        core::AidRecord r;
        r.record_date = date;
        r.kind = kind;
        r.duration_minutes = 45;
        return r;
    }

    store::ListQuery query(std::map<std::string, std::string> filters) {
        store::ListQuery q;
        q.filters = std::move(filters);
        return q;
    }
    std::int64_t count(const core::Actor& a, std::map<std::string, std::string> filters) {
        return store::aid::list(conn(), a, query(std::move(filters))).total;
    }
};

TEST_P(AidRepositoryTest, CreatesACaseWithItsCadenceAndDerivesWhatIsDue) {
    auto x = store::aid::create(conn(), s.tc_school_admin, wang(), {});
    EXPECT_EQ(x.helper_institution, s.tc_school);  // a staff helper's institution is theirs
    EXPECT_EQ(x.helper_name, "李家红");
    EXPECT_EQ(x.beneficiary_name, "王施佳豪");
    EXPECT_EQ(x.grade, "五年级");
    ASSERT_EQ(x.cadences.size(), 4u);
    EXPECT_EQ(x.cadences[0].due_date, "2026-09-08");  // never recorded: start + 1 week
    EXPECT_EQ(x.cadences[3].due_date, "2027-07-31");  // the end of the next term
    // The personal fields never reach an aid screen.
    auto json = boost::json::serialize(core::to_json(x, "zh"));
    EXPECT_EQ(json.find("421222201301011234"), std::string::npos);
    EXPECT_EQ(json.find("13800009999"), std::string::npos);

    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-09-08"}}), 0);
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-09-09"}}), 1);
    auto got = store::aid::get(conn(), s.system, x.id, *core::parse_date("2026-09-09"));
    EXPECT_TRUE(got.overdue);
    EXPECT_TRUE(got.cadences[0].overdue);
    EXPECT_EQ(got.cadences[0].days_overdue, 1);
    EXPECT_FALSE(got.cadences[1].overdue);

    // The teacher records a tutoring session: weekly tutoring is due a week later.
    store::aid::create_record(conn(), s.tc_teacher_user, x.id, rec("2026-09-08", "tutoring"), {});
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-09-10"}}), 0);
    EXPECT_EQ(count(s.system, {{"overdue", "false"}, {"as_of", "2026-09-10"}}), 1);
    got = store::aid::get(conn(), s.system, x.id, *core::parse_date("2026-09-10"));
    EXPECT_EQ(got.cadences[0].last_date, "2026-09-08");
    EXPECT_EQ(got.next_due_date, "2026-09-15");
    EXPECT_EQ(got.record_count, 1);
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-09-16"}}), 1);
    EXPECT_EQ(count(s.system, {{"status", "active"}, {"as_of", "2026-09-16"}}), 1);
    EXPECT_EQ(count(s.system, {{"status", "not_started"}, {"as_of", "2026-08-16"}}), 1);

    // Ending the case: never overdue after its end.
    auto ended =
        store::aid::update(conn(), s.tc_school_admin, x.id,
                           boost::json::parse(R"({"end_date": "2026-10-31"})").as_object());
    EXPECT_EQ(*ended.end_date, "2026-10-31");
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-11-05"}}), 0);
    EXPECT_EQ(count(s.system, {{"status", "ended"}, {"as_of", "2026-11-05"}}), 1);
    EXPECT_EQ(store::aid::get(conn(), s.system, x.id, *core::parse_date("2026-11-05")).status,
              "ended");
}

TEST_P(AidRepositoryTest, RecordsAreValidatedAndKeepTheCaseDates) {
    auto x = store::aid::create(conn(), s.system, wang(), {});
    auto future =
        core::format_date(core::from_day_number(core::day_number(store::today_china()) + 1));
    auto e = field_errors([&] {
        store::aid::create_record(conn(), s.tc_teacher_user, x.id,
                                  rec(future.c_str(), "home_visit"), {});
    });
    EXPECT_TRUE(e.contains("record_date"));
    e = field_errors([&] {
        store::aid::create_record(conn(), s.system, x.id, rec("2026-08-31", "home_visit"), {});
    });
    EXPECT_TRUE(e.contains("record_date"));
    auto job = rec("2026-09-10", "job_placement");
    EXPECT_TRUE(field_errors([&] {
                    store::aid::create_record(conn(), s.system, x.id, job, {});
                }).contains("monthly_wage_fen"));
    EXPECT_EQ(store::aid::records(conn(), s.system, x.id).size(), 0u);
    store::aid::create_record(conn(), s.system, x.id, rec("2026-10-10", "home_visit"), {});
    // Moving the end before a record is refused; deleting a case with records too.
    e = field_errors([&] {
        store::aid::update(conn(), s.system, x.id,
                           boost::json::parse(R"({"end_date": "2026-09-30"})").as_object());
    });
    EXPECT_TRUE(e.contains("end_date"));
    EXPECT_EQ(error_kind([&] { store::aid::remove(conn(), s.system, x.id); }), K::conflict);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'aid_record'"), 1);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'aid_case'"), 1);
}

TEST_P(AidRepositoryTest, ScopeOnReadsAndWrites) {
    auto tc = store::aid::create(conn(), s.tc_school_admin, wang(), {});
    core::AidCase h;
    h.beneficiary = hc_pupil;
    h.helper_kind = "staff";
    h.helper_staff = s.hc_teacher;
    h.start_date = "2026-09-01";
    auto hc = store::aid::create(conn(), s.hc_bureau, h, {});

    // Reads: teacher their own, school admin its side, bureau its region, inspector its region.
    EXPECT_EQ(count(s.tc_teacher_user, {}), 1);
    EXPECT_EQ(count(s.tc_school_admin, {}), 1);
    EXPECT_EQ(count(s.tc_bureau, {}), 1);
    EXPECT_EQ(count(s.tc_inspector, {}), 1);
    EXPECT_EQ(count(s.hc_bureau, {}), 1);
    EXPECT_EQ(count(s.system, {}), 2);
    EXPECT_EQ(error_kind([&] {
                  store::aid::get(conn(), s.tc_teacher_user, hc.id, {2026, 9, 9});
              }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { store::aid::records(conn(), s.hc_bureau, tc.id); }), K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::aid::create_record(conn(), s.tc_teacher_user, hc.id,
                                            rec("2026-09-10", "tutoring"), {});
              }),
              K::forbidden);  // a write to a case out of scope is refused

    // Writes: inspectors read only; teachers record on their cases but set none up.
    EXPECT_EQ(error_kind([&] {
                  store::aid::create_record(conn(), s.tc_inspector, tc.id,
                                            rec("2026-09-10", "tutoring"), {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::aid::create(conn(), s.tc_inspector, wang(), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::aid::create(conn(), s.tc_teacher_user, wang(), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::aid::update(conn(), s.tc_teacher_user, tc.id,
                                     boost::json::parse(R"({"goals": "x"})").as_object());
              }),
              K::forbidden);
    // An admin cannot set up a case for a beneficiary outside their scope, nor move one there.
    auto other = wang();
    other.beneficiary = hc_pupil;
    EXPECT_EQ(error_kind([&] { store::aid::create(conn(), s.tc_school_admin, other, {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::aid::update(conn(), s.tc_bureau, tc.id,
                                     boost::json::object{{"beneficiary", hc_pupil}});
              }),
              K::forbidden);
    other.beneficiary = 999999;
    EXPECT_TRUE(field_errors([&] {
                    store::aid::create(conn(), s.system, other, {});
                }).contains("beneficiary"));
    EXPECT_EQ(count(s.system, {}), 2);

    store::aid::create_record(conn(), s.tc_teacher_user, tc.id, rec("2026-09-10", "tutoring"), {});
    core::AidOutcome o;
    o.recorded_on = "2026-10-30";
    o.note = "期中数学 78 分";
    o.grade_score = "数学 52→78";
    store::aid::create_outcome(conn(), s.tc_teacher_user, tc.id, o, {});
    EXPECT_EQ(store::aid::outcomes(conn(), s.tc_bureau, tc.id).size(), 1u);
    EXPECT_EQ(error_kind([&] { store::aid::outcomes(conn(), s.hc_bureau, tc.id); }), K::not_found);

    // My beneficiaries: the teacher's running cases.
    auto mine = store::aid::mine(conn(), s.tc_teacher_user, {2026, 9, 20});
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].beneficiary_name, "王施佳豪");
    EXPECT_TRUE(store::aid::mine(conn(), s.tc_bureau, {2026, 9, 20}).empty());
}

TEST_P(AidRepositoryTest, AlertsGroupOverdueCasesByHelperAndInstitution) {
    store::aid::create(conn(), s.system, wang(), {});
    auto second = wang();
    second.beneficiary = tc_pupil2;
    second.cadences = {{"phone_online", 1, "month", "", "", "", false, 0}};
    auto c2 = store::aid::create(conn(), s.system, second, {});
    core::AidCase unit;
    unit.beneficiary = hc_pupil;
    unit.helper_kind = "institution";
    unit.helper_institution = s.hc_school;
    unit.start_date = "2026-09-01";
    unit.cadences = {{"home_visit", 1, "term", "", "", "", false, 0}};
    store::aid::create(conn(), s.system, unit, {});

    auto all = store::aid::alerts(conn(), s.system, query({{"as_of", "2026-10-05"}}));
    ASSERT_EQ(all.cases.size(), 2u);  // both of 李家红's; the unit's visit is due next July
    ASSERT_EQ(all.by_helper.size(), 1u);
    EXPECT_EQ(all.by_helper[0].helper_name, "李家红");
    EXPECT_EQ(all.by_helper[0].overdue_cases, 2);
    EXPECT_EQ(all.by_helper[0].oldest_due_date, "2026-09-08");
    ASSERT_EQ(all.by_institution.size(), 1u);
    EXPECT_EQ(all.by_institution[0].institution, s.tc_school);
    EXPECT_EQ(all.by_institution[0].helpers, 1);
    store::aid::create_record(conn(), s.tc_teacher_user, c2.id, rec("2026-10-01", "phone_online"),
                              {});
    EXPECT_EQ(store::aid::alerts(conn(), s.system, query({{"as_of", "2026-10-05"}})).cases.size(),
              1u);
    EXPECT_TRUE(
        store::aid::alerts(conn(), s.hc_bureau, query({{"as_of", "2026-10-05"}})).cases.empty());
    EXPECT_EQ(
        store::aid::alerts(conn(), s.system, query({{"as_of", "2027-08-02"}})).by_helper.size(),
        2u);
    EXPECT_EQ(error_kind([&] {
                  store::aid::alerts(conn(), s.system, query({{"as_of", "soon"}}));
              }),
              K::malformed);
}

// What was overdue on a past day counts the records made by that day only: a call made since
// does not clear the day's overdue cadence (the stored next due date already counts it).
TEST_P(AidRepositoryTest, APastDayIsOverdueFromTheRecordsMadeByThen) {
    auto monthly = wang();
    monthly.cadences = {{"phone_online", 1, "month", "", "", "", false, 0}};
    auto x = store::aid::create(conn(), s.system, monthly, {});
    store::aid::create_record(conn(), s.system, x.id, rec("2026-09-20", "phone_online"), {});
    store::aid::create_record(conn(), s.system, x.id, rec("2026-11-10", "phone_online"), {});

    auto on = store::aid::alerts(conn(), s.system, query({{"as_of", "2026-11-05"}}));
    ASSERT_EQ(on.cases.size(), 1u);
    EXPECT_EQ(on.cases[0].next_due_date, "2026-10-20");  // a month after 20 September
    EXPECT_EQ(on.by_helper.at(0).oldest_due_date, "2026-10-20");
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-11-05"}}), 1);
    EXPECT_EQ(count(s.system, {{"overdue", "false"}, {"as_of", "2026-11-05"}}), 0);
    auto got = store::aid::get(conn(), s.system, x.id, *core::parse_date("2026-11-05"));
    EXPECT_TRUE(got.overdue);
    EXPECT_EQ(got.cadences.at(0).last_date, "2026-09-20");
    // After the November call it is due in December.
    EXPECT_TRUE(
        store::aid::alerts(conn(), s.system, query({{"as_of", "2026-11-12"}})).cases.empty());
    EXPECT_EQ(count(s.system, {{"overdue", "true"}, {"as_of", "2026-11-12"}}), 0);
    EXPECT_EQ(count(s.system, {{"overdue", "false"}, {"as_of", "2026-11-12"}}), 1);
}

TEST_P(AidRepositoryTest, StatisticsCountRecordsByKindAndMonthInScope) {
    auto x = store::aid::create(conn(), s.system, wang(), {});
    store::aid::create_record(conn(), s.system, x.id, rec("2026-09-08", "tutoring"), {});
    store::aid::create_record(conn(), s.system, x.id, rec("2026-10-08", "tutoring"), {});
    auto money = rec("2026-10-09", "material_aid");
    money.amount_fen = 8000;  // a schoolbag, 80 yuan
    store::aid::create_record(conn(), s.system, x.id, money, {});
    auto job = rec("2026-10-20", "job_placement");
    job.monthly_wage_fen = 210000;
    store::aid::create_record(conn(), s.system, x.id, job, {});
    job.record_date = "2026-10-21";
    job.monthly_wage_fen = 180000;  // a second placement, below the 2,000-yuan threshold
    store::aid::create_record(conn(), s.system, x.id, job, {});
    core::AidCase h;
    h.beneficiary = hc_pupil;
    h.helper_kind = "institution";
    h.helper_institution = s.hc_school;
    h.start_date = "2026-09-01";
    auto hc = store::aid::create(conn(), s.system, h, {});
    store::aid::create_record(conn(), s.system, hc.id, rec("2026-09-20", "counselling"), {});

    auto st = store::aid::statistics(conn(), s.system, {});
    EXPECT_EQ(st.cases, 2);
    EXPECT_EQ(st.records, 6);
    EXPECT_EQ(st.amount_fen, 8000);
    EXPECT_EQ(st.people_employed, 1);        // two placements, one person
    EXPECT_EQ(st.employed_at_threshold, 1);  // one of them pays 2,100 yuan
    EXPECT_EQ(st.counselled, 1);
    EXPECT_EQ(*st.lowest_monthly_wage_fen, 180000);
    ASSERT_EQ(st.by_kind.size(), 4u);
    EXPECT_EQ(st.by_kind[0].key, "tutoring");  // dictionary order
    EXPECT_EQ(st.by_kind[0].records, 2);
    EXPECT_EQ(st.by_kind[0].beneficiaries, 1);
    ASSERT_EQ(st.by_month.size(), 2u);
    EXPECT_EQ(st.by_month[1].key, "2026-10");
    EXPECT_EQ(st.by_month[1].records, 4);
    EXPECT_EQ(st.by_month[1].label.zh, "2026年10月");

    auto tc = store::aid::statistics(conn(), s.tc_bureau, {});
    EXPECT_EQ(tc.cases, 1);
    EXPECT_EQ(tc.records, 5);
    EXPECT_EQ(tc.employed_at_threshold, 1);
    EXPECT_EQ(tc.counselled, 0);
    auto sept = store::aid::statistics(
        conn(), s.system, query({{"date_from", "2026-09-01"}, {"date_to", "2026-09-30"}}));
    EXPECT_EQ(sept.records, 2);
    EXPECT_EQ(error_kind([&] {
                  store::aid::statistics(conn(), s.system, query({{"date_from", "2026-13-01"}}));
              }),
              K::malformed);
}

BANGFU_STORE_TEST_SUITE(AidRepositoryTest);
