#include "store/staff_repository.hpp"

#include "expect_error.hpp"
#include "store/audit_repository.hpp"
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
