#include "store/staff_repository.hpp"

#include "expect_error.hpp"
#include "store/audit_repository.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class StaffRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(StaffRepositoryTest);

TEST_P(StaffRepositoryTest, ScopesReadsByRole) {
    auto s = seed();
    store::ListQuery q;
    EXPECT_EQ(store::staff::list(conn(), s.system, q).total, 2);
    EXPECT_EQ(store::staff::list(conn(), s.tc_bureau, q).total, 1);
    EXPECT_EQ(store::staff::list(conn(), s.tc_school_admin, q).total, 1);
    auto mine = store::staff::list(conn(), s.tc_teacher_user, q);
    ASSERT_EQ(mine.total, 1);
    EXPECT_EQ(mine.items[0].id, s.tc_teacher);
    EXPECT_EQ(error_kind([&] { store::staff::get(conn(), s.tc_bureau, s.hc_teacher); }),
              K::not_found);
}

TEST_P(StaffRepositoryTest, FiltersBySubjectAndStoresNamesVerbatim) {
    auto s = seed();
    core::Staff x;
    x.name = "努尔兰·哈力木拉提";
    x.gender = "male";
    x.institution = s.hc_school;
    x.subjects = {"math", "physics"};
    auto created = store::staff::create(conn(), s.hc_bureau, x, {});
    EXPECT_EQ(store::staff::get(conn(), s.system, created.id).name, "努尔兰·哈力木拉提");
    store::ListQuery q;
    q.filters = {{"subject", "physics"}};
    auto page = store::staff::list(conn(), s.system, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].subjects, (std::vector<std::string>{"math", "physics"}));
}

TEST_P(StaffRepositoryTest, ValidatesFieldsAndTheInstitution) {
    auto s = seed();
    core::Staff x;
    x.name = "王老师";
    x.gender = "male";
    x.institution = 99999;
    x.years_teaching = -2;
    x.subjects = {"alchemy"};
    auto e = field_errors([&] { store::staff::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("years_teaching"));
    EXPECT_TRUE(e.contains("subjects"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM staff"), 2);
    x.years_teaching = 3;
    x.subjects = {};
    e = field_errors([&] { store::staff::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("institution"));
}

TEST_P(StaffRepositoryTest, EnforcesWriteScope) {
    auto s = seed();
    core::Staff x;
    x.name = "越界";
    x.gender = "male";
    x.institution = s.hc_school;
    EXPECT_EQ(error_kind([&] { store::staff::create(conn(), s.tc_bureau, x, {}); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { store::staff::create(conn(), s.tc_school_admin, x, {}); }),
              K::forbidden);
    x.institution = s.tc_school;
    EXPECT_EQ(store::staff::create(conn(), s.tc_school_admin, x, {}).name, "越界");
    EXPECT_EQ(error_kind([&] {
                  store::staff::update(conn(), s.tc_school_admin, s.tc_teacher,
                                       {{"institution", s.hc_school}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::staff::update(conn(), s.tc_teacher_user, s.tc_teacher,
                                       {{"phone", "13900000000"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::staff::remove(conn(), s.tc_inspector, s.tc_teacher); }),
              K::forbidden);
}

TEST_P(StaffRepositoryTest, PersonalDataVisibilityAndAudit) {
    auto s = seed();
    auto person = store::staff::get(conn(), s.tc_bureau, s.tc_teacher);
    EXPECT_TRUE(store::staff::may_see_personal(s.tc_bureau, person));
    EXPECT_TRUE(store::staff::may_see_personal(s.tc_teacher_user, person));
    EXPECT_FALSE(store::staff::may_see_personal(s.tc_inspector, person));
    store::staff::audit_personal_read(conn(), s.tc_bureau, person);
    store::staff::audit_personal_read(conn(), s.tc_teacher_user,
                                      person);  // own record: not audited
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'"), 1);
}

TEST_P(StaffRepositoryTest, ArchivesStaffLinkedToAUser) {
    auto s = seed();
    EXPECT_EQ(store::staff::remove(conn(), s.system, s.tc_teacher),
              store::staff::Removal::archived);
    EXPECT_EQ(store::staff::remove(conn(), s.system, s.hc_teacher), store::staff::Removal::deleted);
}

// Someone who taught a class recorded in the pairing work stays in the records (archived), and so
// does a school that is part of a pairing though it has no staff left.
TEST_P(StaffRepositoryTest, ArchivesStaffAndInstitutionsThePairingWorkNames) {
    auto s = seed();
    auto now = std::string("2026-11-04T00:00:00Z");
    auto program = conn().query_int(
        "INSERT INTO programs (name, name_key, kind, region, start_date, status, created_at, "
        "updated_at) VALUES ('p', 'p', 'urban_rural_school', '421222', '2026-09-01', 'active', ?, "
        "?) RETURNING id",
        {now, now});
    conn().execute(
        "INSERT INTO activities (program, type, start_date, end_date, host_institution, teacher, "
        "created_at, updated_at) VALUES (?, 'demonstration_class', '2026-11-04', '2026-11-04', ?, "
        "?, ?, ?)",
        {program, s.tc_school, s.hc_teacher, now, now});
    EXPECT_EQ(store::staff::remove(conn(), s.system, s.hc_teacher),
              store::staff::Removal::archived);
    core::Institution fresh;
    fresh.name = "清水河镇新建小学";
    fresh.kind = "primary";
    fresh.locality = "rural";
    fresh.region = "654023";
    auto school = store::institutions::create(conn(), s.system, fresh, {}).id;
    conn().execute(
        "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
        "updated_at) VALUES (?, ?, ?, '2026-09-01', 'active', ?, ?)",
        {program, s.tc_school2, school, now, now});
    EXPECT_EQ(store::institutions::remove(conn(), s.system, school),
              store::institutions::Removal::archived);
    // Without any reference it is deleted.
    fresh.name = "无人引用的学校";
    auto unused = store::institutions::create(conn(), s.system, fresh, {}).id;
    EXPECT_EQ(store::institutions::remove(conn(), s.system, unused),
              store::institutions::Removal::deleted);
}
