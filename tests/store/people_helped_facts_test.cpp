// The people-helped section of yearly reports on both engines: beneficiaries, aid records,
// inbound students and overdue cadences stay inside the report's scope (region subtree,
// institution, program) and the actor's; a locked report keeps its figures when help is recorded.
#include "store/people_helped_facts.hpp"

#include "core/inbound_cohort.hpp"
#include "core/password.hpp"
#include "core/region.hpp"
#include "expect_error.hpp"
#include "store/aid_case_repository.hpp"
#include "store/aid_record_repository.hpp"
#include "store/auth_repository.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/clock.hpp"
#include "store/inbound_cohort_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/region_repository.hpp"
#include "store/user_repository.hpp"
#include "store/yearly_report_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::StoreTest;
using core::report::Scope;
using K = core::ErrorKind;

namespace {
std::int64_t value(const core::report::Report& r, std::string_view key) {
    const auto* f = core::report::find_figure(r, key);
    EXPECT_NE(f, nullptr) << key;
    return f ? f->value : -1;
}
}  // namespace

class PeopleHelpedTest : public StoreTest {
  protected:
    bangfu::testing::Seed s;
    std::int64_t village = 0, university = 0, program = 0;
    core::Actor dg_bureau;

    std::int64_t beneficiary(const std::string& name, std::int64_t inst, const char* kind,
                             const char* categories) {
        auto now = store::now_utc();
        return conn().query_int(
            "INSERT INTO beneficiaries (kind, name, name_key, institution, grade, class_name, "
            "categories, id_number, created_at, updated_at) VALUES (?, ?, ?, ?, '', '', ?, "
            "'441900197001011234', ?, ?) RETURNING id",
            {kind, name, name, inst, categories, now, now});
    }

    std::int64_t aid_case(std::int64_t who, std::int64_t helper_institution,
                          std::optional<std::int64_t> in_program = std::nullopt,
                          const char* start = "2026-03-01") {
        core::AidCase x;
        x.beneficiary = who;
        x.program = in_program;
        x.helper_kind = "institution";
        x.helper_name = "帮扶工作队";
        x.helper_institution = helper_institution;
        x.start_date = start;
        x.goals = "脱贫";
        x.cadences = {{"home_visit", 1, "month", "", "", "", false, 0}};
        return store::aid::create(conn(), s.system, x, {}).id;
    }

    void help(std::int64_t case_id, const char* date, const char* kind, std::int64_t fen = 0,
              std::optional<std::int64_t> wage = std::nullopt) {
        core::AidRecord r;
        r.record_date = date;
        r.kind = kind;
        r.duration_minutes = 60;
        r.amount_fen = fen;
        r.monthly_wage_fen = wage;
        store::aid::create_record(conn(), s.system, case_id, r, {});
    }

    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        s = seed();
        auto& c = conn();
        for (auto r : {core::Region{"440000", "广东省", "province", std::nullopt, ""},
                       core::Region{"441900", "东莞市", "city", "440000", ""},
                       core::Region{"441900105", "企石镇", "township", "441900", ""}})
            store::regions::create(c, s.system, r, {});
        auto institution = [&](const char* name, const char* kind, const char* region) {
            core::Institution x;
            x.name = name;
            x.kind = kind;
            x.locality = "rural";
            x.region = region;
            return store::institutions::create(c, s.system, x, {}).id;
        };
        village = institution("企石镇铁炉坑村", "village", "441900105");
        university = institution("东莞理工学院", "university", "441900");
        core::User u;
        u.username = "dongguan";
        u.role = "bureau_admin";
        u.region = "441900";
        static const store::auth::PasswordHash hash{core::hash_password("Bangfu@2026")};
        dg_bureau = *store::users::load_actor(c, store::auth::bootstrap_user(c, u, hash));
        program = bangfu::testing::insert_program(c, "通城县困难学生帮扶", "421222");

        // 铁炉坑村: three households helped by 东莞理工学院 in 2026 — a home visit each,
        // counselling for two, a job at 2,200 and one at 1,800 yuan a month, 2,000 yuan of
        // medical expenses; one work-study place and a tuition exemption.
        std::vector<std::int64_t> cases;
        const char* names[] = {"黄国强", "陈志明", "李伟雄"};
        const char* categories[] = {",registered_poor,", ",registered_poor,", ",subsistence,"};
        for (int i = 0; i < 3; ++i)
            cases.push_back(
                aid_case(beneficiary(names[i], village, "household", categories[i]), university));
        for (auto id : cases) help(id, "2026-03-15", "home_visit");
        help(cases[0], "2026-04-02", "counselling");
        help(cases[1], "2026-04-03", "counselling");
        help(cases[0], "2026-05-10", "job_placement", 0, 220000);
        help(cases[1], "2026-05-11", "job_placement", 0, 180000);
        help(cases[2], "2026-06-01", "medical_expenses", 200000);
        help(cases[2], "2026-09-01", "work_study");
        help(cases[2], "2026-09-01", "tuition_exemption", 150000);

        // 通城县: a pupil helped in the program (two tutoring sessions, 500 yuan of material
        // aid), a 2025 home visit. 霍城县: a pupil helped by its own school.
        auto tc = aid_case(beneficiary("涵涵", s.tc_school, "student", ",registered_poor,"),
                           s.tc_school2, program, "2025-09-01");
        help(tc, "2025-10-10", "home_visit");
        help(tc, "2026-03-10", "tutoring");
        help(tc, "2026-03-17", "tutoring");
        help(tc, "2026-04-01", "material_aid", 50000);
        auto hc =
            aid_case(beneficiary("努尔兰", s.hc_school, "student", ",subsistence,"), s.hc_school);
        help(hc, "2026-03-10", "counselling");
        help(hc, "2026-05-10", "job_placement", 0, 300000);
    }
};

TEST_P(PeopleHelpedTest, ARegionReportCountsItsSubtreeOnly) {
    auto& c = conn();
    for (const auto& scope : {Scope{"region", "441900105"}, Scope{"region", "441900"}}) {
        auto r = store::reports::summary(c, dg_bureau, scope, 2026);
        EXPECT_EQ(value(r, "people.households"), 3) << scope.id;
        EXPECT_EQ(value(r, "people.students"), 0) << scope.id;  // 通城县's and 霍城县's pupils
        EXPECT_EQ(value(r, "aid.cases"), 3);
        EXPECT_EQ(value(r, "aid.home_visits"), 3);
        EXPECT_EQ(value(r, "aid.counselled"), 2);  // not 霍城县's
        EXPECT_EQ(value(r, "aid.tuition_exemptions"), 1);
        EXPECT_EQ(value(r, "aid.work_study_places"), 1);
        EXPECT_EQ(value(r, "aid.people_employed"), 2);
        EXPECT_EQ(value(r, "aid.employed_at_2000"), 1);  // 2,200 yes, 1,800 no
        EXPECT_EQ(value(r, "aid.records"), 10);
        EXPECT_EQ(value(r, "aid.amount_fen"), 350000);  // not 通城县's 500 yuan
        EXPECT_EQ(value(r, "inbound.students"), 0);
    }
    // The township's report, for 东莞's bureau: the section holds counts, never the names.
    auto r = store::reports::summary(c, dg_bureau, {"region", "441900105"}, 2026);
    auto json = boost::json::serialize(core::report::to_json(r, "zh"));
    for (const char* personal : {"黄国强", "陈志明", "李伟雄", "441900197001011234", "涵涵"})
        EXPECT_EQ(json.find(personal), std::string::npos) << personal;
    // Other years count their own records.
    auto earlier = store::reports::summary(c, s.tc_bureau, {"region", "421222"}, 2025);
    EXPECT_EQ(value(earlier, "aid.records"), 1);
    EXPECT_EQ(value(earlier, "aid.home_visits"), 1);
    EXPECT_EQ(value(earlier, "people.students"), 1);  // the case ran in 2025
    // 通城县's bureau may not report on 东莞 (404), nor see its figures in its own report.
    EXPECT_EQ(error_kind([&] {
                  store::reports::summary(c, s.tc_bureau, {"region", "441900105"}, 2026);
              }),
              K::not_found);
    auto tc = store::reports::summary(c, s.tc_bureau, {"region", "421222"}, 2026);
    EXPECT_EQ(value(tc, "people.households"), 0);
    EXPECT_EQ(value(tc, "people.students"), 1);
    EXPECT_EQ(value(tc, "aid.records"), 3);
    EXPECT_EQ(value(tc, "aid.amount_fen"), 50000);
    EXPECT_EQ(value(tc, "aid.counselled"), 0);
}

TEST_P(PeopleHelpedTest, InstitutionAndProgramReports) {
    auto& c = conn();
    // The village: its beneficiaries; the university: the cases it helps in (as helper).
    auto v = store::reports::summary(c, dg_bureau, {"institution", std::to_string(village)}, 2026);
    EXPECT_EQ(value(v, "people.households"), 3);
    EXPECT_EQ(value(v, "aid.records"), 10);
    auto u =
        store::reports::summary(c, dg_bureau, {"institution", std::to_string(university)}, 2026);
    EXPECT_EQ(value(u, "people.households"), 0);  // beneficiaries follow their own institution
    EXPECT_EQ(value(u, "aid.cases"), 3);
    EXPECT_EQ(value(u, "aid.counselled"), 2);
    // The program: its cases only (aid_cases.program), none of 东莞's or 霍城县's.
    auto p = store::reports::summary(c, s.tc_bureau, {"program", std::to_string(program)}, 2026);
    EXPECT_EQ(value(p, "people.students"), 1);
    EXPECT_EQ(value(p, "people.households"), 0);
    EXPECT_EQ(value(p, "aid.records"), 3);
    EXPECT_EQ(value(p, "aid.kind.tutoring"), 2);
    EXPECT_EQ(value(p, "aid.people_employed"), 0);
    // Intersected with the actor's data scope: 湾头小学's admin counts the pupil's help; its
    // teacher, who helps no one, counts nothing in the same institution's report.
    Scope wantou{"institution", std::to_string(s.tc_school)};
    auto admin = store::reports::summary(c, s.tc_school_admin, wantou, 2026);
    EXPECT_EQ(value(admin, "people.students"), 1);
    EXPECT_EQ(value(admin, "aid.records"), 3);
    auto teacher = store::reports::summary(c, s.tc_teacher_user, wantou, 2026);
    EXPECT_EQ(value(teacher, "people.students"), 0);
    EXPECT_EQ(value(teacher, "aid.records"), 0);
}

TEST_P(PeopleHelpedTest, InboundStudentsOfTheSchoolYear) {
    auto& c = conn();
    auto cohort = [&](const char* grade, std::int64_t n, std::int64_t year) {
        core::InboundCohort k;
        k.program = program;
        k.host_institution = s.tc_school2;
        k.origin_region = "654023";
        k.school_year = year;
        k.stage = "vocational";
        k.grade = grade;
        k.major = "汽修";
        k.student_count = n;
        k.fee_exemption_fen = 200000;
        store::inbound_cohorts::create(c, s.tc_bureau, k, {});
    };
    cohort("高一", 63, 2025);
    cohort("高二", 74, 2025);
    cohort("高三", 61, 2025);
    cohort("高一", 50, 2026);
    auto p = store::reports::summary(c, s.tc_bureau, {"program", std::to_string(program)}, 2025);
    EXPECT_EQ(value(p, "inbound.students"), 198);
    EXPECT_EQ(value(p, "inbound.fee_exemption_fen"), 198 * 200000);
    const auto& section = p.sections.back();
    ASSERT_EQ(section.key, "people_helped");
    EXPECT_NE(section.summary.zh.find("高一 63 名、高二 74 名、高三 61 名"), std::string::npos)
        << section.summary.zh;
    auto host = store::reports::summary(c, s.tc_bureau,
                                        {"institution", std::to_string(s.tc_school2)}, 2025);
    EXPECT_EQ(value(host, "inbound.students"), 198);
    // 东莞 hosts none and is not their origin.
    auto dg = store::reports::summary(c, dg_bureau, {"region", "441900"}, 2025);
    EXPECT_EQ(value(dg, "inbound.students"), 0);
    // The cohorts behind a region's figure: hosted in the region (通城县) or from it (霍城县).
    auto stats = [&](const core::Actor& a, const char* region) {
        store::ListQuery q;
        q.filters = {{"region", region}, {"school_year", "2025"}};
        return store::inbound_cohorts::stats(c, a, q).students;
    };
    auto tc = store::reports::summary(c, s.tc_bureau, {"region", "421222"}, 2025);
    EXPECT_EQ(stats(s.system, "421222"), value(tc, "inbound.students"));
    EXPECT_EQ(stats(s.system, "421222"), 198);
    EXPECT_EQ(stats(s.system, "654023"), 198);
    EXPECT_EQ(stats(s.system, "441900"), 0);
    EXPECT_EQ(stats(dg_bureau, "421222"), 0);  // outside 东莞's scope
}

TEST_P(PeopleHelpedTest, OverdueCadencesAsOfTheYearsEnd) {
    auto& c = conn();
    // Monthly home visits: 铁炉坑村's three cases were last visited in March 2026 (or later
    // helped otherwise), so on 2026-12-31 — or today, if earlier — all three are overdue.
    auto r = store::reports::summary(c, dg_bureau, {"region", "441900105"}, 2026);
    auto today = core::format_date(store::today_china());
    if (today > "2026-04-15") {
        EXPECT_EQ(value(r, "aid.overdue_cases"), 3);
        EXPECT_EQ(value(r, "aid.overdue_cadences"), 3);
    }
    const auto* f = core::report::find_figure(r, "aid.overdue_cases");
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->link.find("as_of=" + std::min(today, std::string("2026-12-31"))),
              std::string::npos)
        << f->link;
}

TEST_P(PeopleHelpedTest, APastYearCountsWhatWasOverdueOnItsLastDay) {
    auto& c = conn();
    // 涵涵's case (the program's) has a monthly home visit; the last one of 2025 was on
    // 10 October, so on 31 December 2025 the cadence was overdue.
    Scope scope{"program", std::to_string(program)};
    auto before = store::reports::summary(c, s.tc_bureau, scope, 2025);
    EXPECT_EQ(value(before, "aid.overdue_cases"), 1);
    EXPECT_EQ(value(before, "aid.overdue_cadences"), 1);
    // A visit in January 2026 brings the case up to date now, not in the 2025 report.
    auto id = c.query_int("SELECT id FROM aid_cases WHERE program = ?", {program});
    help(id, "2026-01-05", "home_visit");
    auto after = store::reports::summary(c, s.tc_bureau, scope, 2025);
    EXPECT_EQ(value(after, "aid.overdue_cases"), 1);
    EXPECT_EQ(value(after, "aid.overdue_cadences"), 1);
    // 通城县's region holds the same case; 东莞's nothing of it.
    EXPECT_EQ(value(store::reports::summary(c, s.tc_bureau, {"region", "421222"}, 2025),
                    "aid.overdue_cases"),
              1);
    EXPECT_EQ(value(store::reports::summary(c, dg_bureau, {"region", "441900"}, 2025),
                    "aid.overdue_cases"),
              0);
}

TEST_P(PeopleHelpedTest, ALockedReportKeepsItsFiguresWhenHelpIsRecorded) {
    auto& c = conn();
    Scope scope{"region", "441900105"};
    auto locked = store::reports::lock(c, dg_bureau, scope, 2026);
    // The person placed at 1,800 yuan in May finds a job at 2,500 in October.
    auto id = c.query_int("SELECT aid_case FROM aid_records WHERE monthly_wage_fen = 180000");
    help(id, "2026-10-01", "counselling");
    help(id, "2026-10-02", "job_placement", 0, 250000);
    auto after = store::reports::summary(c, dg_bureau, scope, 2026);
    EXPECT_TRUE(after.locked);
    EXPECT_EQ(value(after, "aid.records"), 10);
    EXPECT_EQ(value(after, "aid.employed_at_2000"), 1);
    EXPECT_EQ(boost::json::serialize(core::report::to_json(after, "en")),
              boost::json::serialize(core::report::to_json(locked, "en")));
    // Unlocked scopes count the new help live.
    auto live = store::reports::summary(c, dg_bureau, {"region", "441900"}, 2026);
    EXPECT_EQ(value(live, "aid.records"), 12);
    EXPECT_EQ(value(live, "aid.employed_at_2000"), 2);
    EXPECT_EQ(value(live, "aid.people_employed"), 2);  // the same two people: two jobs, one person
}

BANGFU_STORE_TEST_SUITE(PeopleHelpedTest);

// The lists the figures link to take the region (helper's or beneficiary's institution in the
// subtree) and hold what the figures count; a region outside the reader's scope lists nothing.
TEST_P(PeopleHelpedTest, TheAidListsBehindTheFiguresTakeTheRegion) {
    auto& c = conn();
    auto query = [](std::map<std::string, std::string> filters) {
        store::ListQuery q;
        q.filters = std::move(filters);
        return q;
    };
    auto r = store::reports::summary(c, dg_bureau, {"region", "441900105"}, 2026);
    auto stats = store::aid::statistics(
        c, s.system,
        query({{"region", "441900105"}, {"date_from", "2026-01-01"}, {"date_to", "2026-12-31"}}));
    EXPECT_EQ(stats.records, value(r, "aid.records"));
    EXPECT_EQ(stats.records, 10);
    EXPECT_EQ(stats.amount_fen, value(r, "aid.amount_fen"));
    EXPECT_EQ(stats.counselled, value(r, "aid.counselled"));
    // The whole county of 通城县: its pupil's case (helper and beneficiary both there).
    auto tc = store::aid::statistics(c, s.system, query({{"region", "421222"}}));
    EXPECT_EQ(tc.records, 4);
    EXPECT_EQ(store::aid::list(c, s.system, query({{"region", "441900"}, {"year", "2026"}})).total,
              value(r, "aid.cases"));
    EXPECT_EQ(store::aid::list(c, s.system, query({{"region", "421222"}, {"year", "2024"}})).total,
              0);  // the case began in September 2025
    EXPECT_EQ(store::aid::list(c, s.system, query({{"region", "421222"}, {"year", "2025"}})).total,
              1);
    // 通城县's bureau asking for 东莞: nothing.
    EXPECT_EQ(store::aid::list(c, s.tc_bureau, query({{"region", "441900"}})).total, 0);
    EXPECT_EQ(store::aid::statistics(c, s.tc_bureau, query({{"region", "441900"}})).records, 0);
    EXPECT_TRUE(
        store::aid::alerts(c, s.tc_bureau, query({{"region", "441900"}, {"as_of", "2027-06-30"}}))
            .cases.empty());
    EXPECT_EQ(
        store::aid::alerts(c, dg_bureau, query({{"region", "441900105"}, {"as_of", "2027-06-30"}}))
            .cases.size(),
        3u);  // monthly home visits, none since 2026
    // The beneficiaries helped in the year: aided_year (and aid_program for a program).
    auto helped = store::beneficiaries::list(
        c, dg_bureau,
        query({{"region", "441900105"}, {"aided_year", "2026"}, {"kind", "household"}}));
    EXPECT_EQ(helped.total, value(r, "people.households"));
    EXPECT_EQ(store::beneficiaries::list(c, dg_bureau,
                                         query({{"region", "441900105"}, {"aided_year", "2025"}}))
                  .total,
              0);
    auto p = store::reports::summary(c, s.tc_bureau, {"program", std::to_string(program)}, 2026);
    auto in_program = store::beneficiaries::stats(
        c, s.tc_bureau, query({{"aid_program", std::to_string(program)}, {"aided_year", "2026"}}));
    EXPECT_EQ(in_program.students + in_program.households, value(p, "people.beneficiaries"));
    EXPECT_EQ(in_program.students, 1);
}
