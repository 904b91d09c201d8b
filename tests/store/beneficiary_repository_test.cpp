#include "store/beneficiary_repository.hpp"

#include "expect_error.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/inbound_cohort_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/permission_repository.hpp"
#include "store/program_repository.hpp"
#include "store/user_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

namespace {
std::string fictional_id(std::string_view first17) {
    return std::string(first17) + core::id_number_check_digit(first17);
}
}  // namespace

class BeneficiaryRepositoryTest : public StoreTest {
  protected:
    bangfu::testing::Seed s;
    std::int64_t village = 0;
    std::int64_t tc_student = 0, hc_student = 0;
    const std::string tc_id = fictional_id("42122220120506001");

    void SetUp() override {
        StoreTest::SetUp();
        s = seed();
        core::Institution v;
        v.name = "五里镇湾头村";
        v.kind = "village";
        v.locality = "rural";
        v.region = "421222105";
        village = store::institutions::create(conn(), s.system, v, {}).id;
        core::Beneficiary x;
        x.name = "宁浩泽";
        x.gender = "male";
        x.institution = s.tc_school;
        x.id_number = tc_id;
        x.phone = "13812345678";
        x.address = "五里镇湾头村 3 组";
        x.family_situation = "父亲病故，随母亲生活";
        x.categories = {"registered_poor", "left_behind"};
        tc_student = store::beneficiaries::create(conn(), s.tc_school_admin, x, {}).id;
        x = {};
        x.name = "王石佳豪";
        x.gender = "male";
        x.institution = s.hc_school;
        x.categories = {"learning_difficulty"};
        hc_student = store::beneficiaries::create(conn(), s.hc_bureau, x, {}).id;
    }

    // An aid case of the seeded teacher for tc_student (the aid module's table).
    void give_teacher_a_case() {
        auto now = store::now_utc();
        conn().execute(
            "INSERT INTO aid_cases (beneficiary, helper_kind, helper_staff, helper_institution, "
            "start_date, status, created_at, updated_at) VALUES (?, 'staff', ?, ?, '2026-09-01', "
            "'active', ?, ?)",
            {tc_student, s.tc_teacher, s.tc_school, now, now});
    }
    std::int64_t personal_reads() {
        return conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'");
    }
};
BANGFU_STORE_TEST_SUITE(BeneficiaryRepositoryTest);

TEST_P(BeneficiaryRepositoryTest, ScopesReadsByRole) {
    store::ListQuery q;
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 2);
    EXPECT_EQ(store::beneficiaries::list(conn(), s.tc_bureau, q).total, 1);
    EXPECT_EQ(store::beneficiaries::list(conn(), s.tc_inspector, q).total, 1);
    EXPECT_EQ(store::beneficiaries::list(conn(), s.tc_school_admin, q).total, 1);
    EXPECT_EQ(error_kind([&] { store::beneficiaries::get(conn(), s.tc_bureau, hc_student); }),
              K::not_found);
    EXPECT_EQ(
        error_kind([&] { store::beneficiaries::check_readable(conn(), s.tc_bureau, hc_student); }),
        K::not_found);
    // A teacher sees nobody until they help someone in an aid case.
    EXPECT_EQ(store::beneficiaries::list(conn(), s.tc_teacher_user, q).total, 0);
    EXPECT_EQ(error_kind([&] { store::beneficiaries::get(conn(), s.tc_teacher_user, tc_student); }),
              K::not_found);
    give_teacher_a_case();
    auto mine = store::beneficiaries::list(conn(), s.tc_teacher_user, q);
    ASSERT_EQ(mine.total, 1);
    EXPECT_EQ(mine.items[0].id, tc_student);
    store::beneficiaries::check_readable(conn(), s.tc_teacher_user, tc_student);
}

TEST_P(BeneficiaryRepositoryTest, EnforcesWriteScope) {
    core::Beneficiary x;
    x.name = "越界";
    x.gender = "female";
    x.institution = s.hc_school;
    EXPECT_EQ(error_kind([&] { store::beneficiaries::create(conn(), s.tc_bureau, x, {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::beneficiaries::create(conn(), s.tc_school_admin, x, {}); }),
              K::forbidden);
    x.institution = s.tc_school;
    EXPECT_EQ(error_kind([&] { store::beneficiaries::create(conn(), s.tc_inspector, x, {}); }),
              K::forbidden);
    give_teacher_a_case();
    EXPECT_EQ(error_kind([&] {
                  store::beneficiaries::update(conn(), s.tc_teacher_user, tc_student,
                                               {{"grade", "六年级"}});
              }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] {
            store::beneficiaries::update(conn(), s.tc_bureau, hc_student, {{"grade", "高一"}});
        }),
        K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::beneficiaries::update(conn(), s.tc_school_admin, tc_student,
                                               {{"institution", s.hc_school}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::beneficiaries::remove(conn(), s.tc_bureau, hc_student); }),
              K::forbidden);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM beneficiaries"), 2);
}

TEST_P(BeneficiaryRepositoryTest, RefusesBadIdNumbersAndDuplicates) {
    core::Beneficiary x;
    x.name = "李某";
    x.gender = "female";
    x.institution = s.tc_school;
    x.id_number = tc_id.substr(0, 17) + (tc_id[17] == '1' ? "2" : "1");
    auto e = field_errors([&] { store::beneficiaries::create(conn(), s.system, x, {}); });
    ASSERT_TRUE(e.contains("id_number"));
    EXPECT_NE(e.at("id_number").zh.find("校验位"), std::string::npos);
    x.id_number = tc_id;
    e = field_errors([&] { store::beneficiaries::create(conn(), s.system, x, {}); });
    EXPECT_NE(e.at("id_number").zh.find("已登记"), std::string::npos);
    x.id_number = fictional_id("42122220130101002");
    x.birth_date = "2013-01-02";
    e = field_errors([&] { store::beneficiaries::create(conn(), s.system, x, {}); });
    EXPECT_NE(e.at("id_number").zh.find("不一致"), std::string::npos);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM beneficiaries"), 2);
    // Without a date of birth, the ID number's is taken.
    x.birth_date.reset();
    auto created = store::beneficiaries::create(conn(), s.system, x, {});
    EXPECT_EQ(created.birth_date, "2013-01-01");
}

TEST_P(BeneficiaryRepositoryTest, SearchesByAFullIdNumberOnly) {
    store::ListQuery q;
    q.q = tc_id;
    auto page = store::beneficiaries::list(conn(), s.tc_school_admin, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].id, tc_student);
    q.q = tc_id.substr(0, 14);  // a prefix holding the date of birth
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 0);
    q.q = tc_id.substr(6, 8);
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 0);
    q.q = tc_id.substr(14);
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 0);
    // Out of scope, the full number finds nothing either.
    q.q = tc_id;
    EXPECT_EQ(store::beneficiaries::list(conn(), s.hc_bureau, q).total, 0);
    q.q = "浩泽";
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 1);
}

TEST_P(BeneficiaryRepositoryTest, PersonalReadsNeedThePermissionAndAreAudited) {
    EXPECT_TRUE(store::beneficiaries::may_see_personal(s.system));
    EXPECT_FALSE(store::beneficiaries::may_see_personal(s.tc_bureau));
    EXPECT_FALSE(store::beneficiaries::may_see_personal(s.tc_school_admin));
    // A bureau admin grants it to a school admin in their county, not to themselves or beyond.
    store::permissions::grant(conn(), s.tc_bureau, s.tc_school_admin.user_id,
                              "beneficiary_personal");
    EXPECT_EQ(error_kind([&] {
                  store::permissions::grant(conn(), s.tc_bureau, s.tc_bureau.user_id,
                                            "beneficiary_personal");
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::permissions::grant(conn(), s.tc_bureau, s.hc_bureau.user_id,
                                            "beneficiary_personal");
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::permissions::grant(conn(), s.tc_school_admin, s.tc_teacher_user.user_id,
                                            "beneficiary_personal");
              }),
              K::forbidden);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'grant_permission'"),
              1);
    auto holder = *store::users::load_actor(conn(), s.tc_school_admin.user_id);
    EXPECT_TRUE(store::beneficiaries::may_see_personal(holder));
    EXPECT_EQ(store::permissions::holders(conn(), s.tc_bureau, "beneficiary_personal"),
              std::vector<std::int64_t>{s.tc_school_admin.user_id});
    EXPECT_TRUE(store::permissions::holders(conn(), s.hc_bureau, "beneficiary_personal").empty());
    auto before = personal_reads();
    auto x = store::beneficiaries::get(conn(), holder, tc_student);
    store::beneficiaries::audit_personal_read(conn(), holder, x, "detail");
    EXPECT_EQ(personal_reads(), before + 1);
    auto row = conn().query_one(
        "SELECT username, entity, entity_id, after_json FROM audit_log WHERE action = "
        "'read_personal' ORDER BY id DESC");
    EXPECT_EQ(row->text(0), "wantou");
    EXPECT_EQ(row->text(1), "beneficiary");
    EXPECT_EQ(row->text(2), std::to_string(tc_student));
    EXPECT_NE(row->text(3).find("id_number"), std::string::npos);
    // The institution admin reads the entry in their own audit log.
    store::ListQuery q;
    q.filters = {{"action", "read_personal"}};
    EXPECT_GE(store::audit::list(conn(), s.tc_school_admin, q).total, 1);
    store::permissions::revoke(conn(), s.tc_bureau, s.tc_school_admin.user_id,
                               "beneficiary_personal");
    holder = *store::users::load_actor(conn(), s.tc_school_admin.user_id);
    EXPECT_FALSE(store::beneficiaries::may_see_personal(holder));
}

TEST_P(BeneficiaryRepositoryTest, TheAuditLogKeepsPersonalDataMasked) {
    store::beneficiaries::update(conn(), s.tc_school_admin, tc_student, {{"grade", "五年级"}});
    for (const auto& row : conn().query(
             "SELECT COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log WHERE "
             "entity = 'beneficiary'")) {
        EXPECT_EQ(row.text(0).find(tc_id), std::string::npos);
        EXPECT_EQ(row.text(1).find(tc_id), std::string::npos);
        EXPECT_EQ(row.text(1).find("13812345678"), std::string::npos);
    }
}

TEST_P(BeneficiaryRepositoryTest, HouseholdsBelongToVillagesWithMembers) {
    core::Beneficiary h;
    h.kind = "household";
    h.name = "张某某";
    h.institution = s.tc_school;
    h.poverty_causes = {"illness", "education"};
    h.annual_income_fen = 1'250'050;
    h.members = {{0, "张某某", "户主", "male", "1970-05-01", "weak", "chronic", "务农", ""},
                 {0, "张小某", "子女", "female", "2009-09-09", "none", "healthy", "在校生", ""}};
    auto e = field_errors([&] { store::beneficiaries::create(conn(), s.tc_bureau, h, {}); });
    EXPECT_TRUE(e.contains("institution"));
    h.institution = village;
    auto created = store::beneficiaries::create(conn(), s.tc_bureau, h, {});
    auto got = store::beneficiaries::get(conn(), s.tc_bureau, created.id);
    ASSERT_EQ(got.members.size(), 2U);
    EXPECT_EQ(got.members[1].name, "张小某");
    EXPECT_EQ(got.annual_income_fen, 1'250'050);
    EXPECT_EQ(got.poverty_causes, (std::vector<std::string>{"illness", "education"}));
    store::beneficiaries::update(conn(), s.tc_bureau, created.id,
                                 {{"members", boost::json::array{{{"name", "张某某"}}}}});
    EXPECT_EQ(store::beneficiaries::get(conn(), s.tc_bureau, created.id).members.size(), 1U);
    store::ListQuery q;
    q.filters = {{"poverty_cause", "illness"}};
    EXPECT_EQ(store::beneficiaries::list(conn(), s.tc_bureau, q).total, 1);
    EXPECT_EQ(store::beneficiaries::remove(conn(), s.tc_bureau, created.id),
              store::beneficiaries::Removal::deleted);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM household_members"), 0);
}

TEST_P(BeneficiaryRepositoryTest, ArchivesWhenAidCasesExistAndCountsStatistics) {
    give_teacher_a_case();
    EXPECT_EQ(store::beneficiaries::remove(conn(), s.tc_school_admin, tc_student),
              store::beneficiaries::Removal::archived);
    store::ListQuery q;
    EXPECT_EQ(store::beneficiaries::list(conn(), s.system, q).total, 1);
    store::beneficiaries::update(conn(), s.system, tc_student, {{"archived", false}});
    auto st = store::beneficiaries::stats(conn(), s.system, q);
    EXPECT_EQ(st.students, 2);
    EXPECT_EQ(st.households, 0);
    ASSERT_EQ(st.by_category.size(), core::dict::beneficiary_category.options().size());
    EXPECT_EQ(st.by_category[0].value, "registered_poor");
    EXPECT_EQ(st.by_category[0].students, 1);
    EXPECT_EQ(st.by_category[2].value, "learning_difficulty");
    EXPECT_EQ(st.by_category[2].students, 1);
    EXPECT_EQ(st.by_institution.size(), 2U);
    auto scoped = store::beneficiaries::stats(conn(), s.tc_bureau, q);
    EXPECT_EQ(scoped.students, 1);
    ASSERT_EQ(scoped.by_institution.size(), 1U);
    EXPECT_EQ(scoped.by_institution[0].name, "五里镇湾头小学");
}

TEST_P(BeneficiaryRepositoryTest, InboundCohortsAreCountedByProgramGradeAndMajorInScope) {
    core::Program p;
    p.name = "霍城县学生到通城就读";
    p.kind = "counterpart_support";
    p.region = "421222";
    p.start_date = "2024-09-01";
    auto program = store::programs::create(conn(), s.tc_bureau, p, {}).id;
    auto cohort = [&](const char* grade, const char* major, std::int64_t n) {
        core::InboundCohort k;
        k.program = program;
        k.host_institution = s.tc_school2;
        k.origin_region = "654023";
        k.school_year = 2025;
        k.stage = "vocational";
        k.grade = grade;
        k.major = major;
        k.student_count = n;
        k.fee_exemption_fen = 250000;
        return k;
    };
    store::inbound_cohorts::create(conn(), s.tc_bureau, cohort("高一", "汽修", 30), {});
    store::inbound_cohorts::create(conn(), s.tc_bureau, cohort("高一", "电子", 33), {});
    auto k = store::inbound_cohorts::create(conn(), s.tc_bureau, cohort("高二", "汽修", 74), {});
    // The host's county writes; the origin county reads but does not write; others see nothing.
    EXPECT_EQ(error_kind([&] {
                  store::inbound_cohorts::create(conn(), s.hc_bureau, cohort("高三", "汽修", 61),
                                                 {});
              }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] {
            store::inbound_cohorts::update(conn(), s.hc_bureau, k.id, {{"student_count", 75}});
        }),
        K::forbidden);
    store::ListQuery q;
    EXPECT_EQ(store::inbound_cohorts::list(conn(), s.hc_bureau, q).total, 3);
    EXPECT_EQ(store::inbound_cohorts::list(conn(), s.tc_school_admin, q).total, 0);
    EXPECT_EQ(error_kind([&] { store::inbound_cohorts::get(conn(), s.tc_school_admin, k.id); }),
              K::not_found);
    auto e = field_errors([&] {
        auto bad = cohort("", "汽修", 0);
        bad.origin_region = "999999";
        store::inbound_cohorts::create(conn(), s.tc_bureau, bad, {});
    });
    EXPECT_TRUE(e.contains("grade"));
    EXPECT_TRUE(e.contains("student_count"));
    EXPECT_TRUE(e.contains("origin_region"));
    auto st = store::inbound_cohorts::stats(conn(), s.tc_bureau, q);
    EXPECT_EQ(st.students, 137);
    EXPECT_EQ(st.fee_exemption_fen, 137 * 250000);
    ASSERT_EQ(st.by_grade.size(), 2U);
    EXPECT_EQ(st.by_grade[0].label, "高一");
    EXPECT_EQ(st.by_grade[0].students, 63);
    ASSERT_EQ(st.by_major.size(), 2U);
    EXPECT_EQ(st.by_major[0].label, "汽修");
    EXPECT_EQ(st.by_major[0].students, 104);
    store::inbound_cohorts::remove(conn(), s.tc_bureau, k.id);
    EXPECT_EQ(store::inbound_cohorts::stats(conn(), s.system, q).students, 63);
}
