// Deleting a person, an institution, a program or a region that later work names (a dispatch,
// an attachment study, a beneficiary, an aid case, an inbound cohort) must not fail on the
// foreign key: people and institutions are archived so the history stays whole, a region is
// refused with a clear conflict.
#include "expect_error.hpp"
#include "store/institution_repository.hpp"
#include "store/program_repository.hpp"
#include "store/region_repository.hpp"
#include "store/staff_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::StoreTest;

namespace {
constexpr const char* stamp = "2025-09-01T00:00:00Z";

std::int64_t insert_assignment(store::Connection& c, std::int64_t program, std::int64_t staff,
                               std::int64_t sender, std::int64_t recipient) {
    return c.query_int(
        "INSERT INTO dispatch_assignments (program, staff, sending_institution, "
        "recipient_institution, start_date, end_date, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, '2025-09-01', '2026-06-30', 'active', ?, ?) RETURNING id",
        {program, staff, sender, recipient, std::string(stamp), std::string(stamp)});
}

std::int64_t insert_student(store::Connection& c, std::int64_t institution) {
    return c.query_int(
        "INSERT INTO beneficiaries (kind, name, name_key, institution, created_at, updated_at) "
        "VALUES ('student', '小明', 'xiaoming', ?, ?, ?) RETURNING id",
        {institution, std::string(stamp), std::string(stamp)});
}

void insert_aid_case(store::Connection& c, std::int64_t beneficiary, std::int64_t staff,
                     std::int64_t institution) {
    c.execute(
        "INSERT INTO aid_cases (beneficiary, helper_kind, helper_staff, helper_institution, "
        "start_date, created_at, updated_at) VALUES (?, 'staff', ?, ?, '2025-09-01', ?, ?)",
        {beneficiary, staff, institution, std::string(stamp), std::string(stamp)});
}

bool archived(store::Connection& c, const std::string& table, std::int64_t id) {
    return c.query_int("SELECT archived FROM " + table + " WHERE id = ?", {id}) == 1;
}
}  // namespace

class ArchiveReferencesTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(ArchiveReferencesTest);

TEST_P(ArchiveReferencesTest, ADispatchedTeacherAndTheirSchoolsAreArchivedNotLost) {
    auto s = seed();
    auto program = bangfu::testing::insert_program(conn(), "通城县城乡学校结对帮扶", "421222");
    insert_assignment(conn(), program, s.tc_teacher, s.tc_school, s.tc_school2);

    EXPECT_EQ(store::staff::remove(conn(), s.tc_bureau, s.tc_teacher),
              store::staff::Removal::archived);
    EXPECT_TRUE(archived(conn(), "staff", s.tc_teacher));
    // The recipient school has no staff or accounts of its own here: the dispatch alone keeps it.
    EXPECT_EQ(store::institutions::remove(conn(), s.tc_bureau, s.tc_school2),
              store::institutions::Removal::archived);
    EXPECT_EQ(store::programs::remove(conn(), s.tc_bureau, program),
              store::programs::Removal::archived);
    EXPECT_TRUE(archived(conn(), "programs", program));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM dispatch_assignments"), 1);
}

TEST_P(ArchiveReferencesTest, AHelperAndABeneficiarysSchoolAreArchivedNotLost) {
    auto s = seed();
    auto student = insert_student(conn(), s.tc_school2);
    insert_aid_case(conn(), student, s.tc_teacher, s.tc_school);

    EXPECT_EQ(store::staff::remove(conn(), s.tc_bureau, s.tc_teacher),
              store::staff::Removal::archived);
    EXPECT_EQ(store::institutions::remove(conn(), s.tc_bureau, s.tc_school2),
              store::institutions::Removal::archived);
    EXPECT_TRUE(archived(conn(), "institutions", s.tc_school2));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM aid_cases"), 1);
}

TEST_P(ArchiveReferencesTest, ARegionThatRunsAProgramIsRefusedWithAConflict) {
    auto s = seed();
    // A township with no institutions or users, but the owner of a program.
    auto parent = conn().query_one("SELECT path FROM regions WHERE code = '421222'")->text(0);
    conn().execute(
        "INSERT INTO regions (code, name, name_key, level, parent, path, created_at, updated_at) "
        "VALUES ('421222199', '新建乡', 'xinjianxiang', 'township', '421222', ?, ?, ?)",
        {parent + "421222199/", std::string(stamp), std::string(stamp)});
    bangfu::testing::insert_program(conn(), "新建乡教育帮扶", "421222199");
    EXPECT_EQ(error_kind([&] { store::regions::remove(conn(), s.system, "421222199"); }),
              core::ErrorKind::conflict);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM regions WHERE code = '421222199'"), 1);
}
