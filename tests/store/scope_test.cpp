// The data scope's key ranges and the rollups it counts with (store/scope.hpp,
// store/list_total.hpp, migration 7): region paths on the rows and scope_counts must always
// equal a recomputation from the registry, whoever writes and however.
#include "store/scope.hpp"

#include "expect_error.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/list_total.hpp"
#include "store/staff_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

namespace {

class ScopeTest : public StoreTest {
  protected:
    // Every row's region_path against its region's (or its institution's) path.
    std::int64_t wrong_paths() {
        return conn().query_int(
                   "SELECT COUNT(*) FROM institutions i JOIN regions r ON r.code = i.region "
                   "WHERE i.region_path <> r.path") +
               conn().query_int(
                   "SELECT COUNT(*) FROM staff s JOIN institutions i ON i.id = s.institution "
                   "WHERE s.region_path <> i.region_path") +
               conn().query_int(
                   "SELECT COUNT(*) FROM beneficiaries b JOIN institutions i ON i.id = "
                   "b.institution WHERE b.region_path <> i.region_path") +
               conn().query_int(
                   "SELECT COUNT(*) FROM programs p JOIN regions r ON r.code = p.region "
                   "WHERE p.region_path <> r.path");
    }
    // The rollup against a recomputation: (entity, path, archived) groups that differ.
    std::int64_t wrong_counts() {
        std::int64_t wrong = 0;
        for (std::string table : {"institutions", "staff", "beneficiaries"}) {
            wrong += conn().query_int(
                "SELECT COUNT(*) FROM (SELECT region_path, archived, COUNT(*) AS n FROM " + table +
                    " GROUP BY region_path, archived) t WHERE t.n <> COALESCE((SELECT sc.n FROM "
                    "scope_counts sc WHERE sc.entity = ? AND sc.region_path = t.region_path AND "
                    "sc.archived = t.archived), 0)",
                {table});
            // … and no count left over for rows that are gone.
            wrong += conn().query_int(
                "SELECT COUNT(*) FROM scope_counts sc WHERE sc.entity = ? AND sc.n <> (SELECT "
                "COUNT(*) FROM " +
                    table + " t WHERE t.region_path = sc.region_path AND t.archived = sc.archived)",
                {table});
        }
        return wrong;
    }
};
BANGFU_STORE_TEST_SUITE(ScopeTest);

}  // namespace

TEST(ScopePath, TheSubtreeIsAKeyRangeThatStopsAtTheSibling) {
    EXPECT_EQ(store::path_end("/420000/421200/"), "/420000/4212000");
    core::Actor bureau;
    bureau.role = core::Role::bureau_admin;
    bureau.scope_path = "/420000/421200/";
    store::Scope scope(bureau);
    EXPECT_TRUE(scope.holds("/420000/421200/"));
    EXPECT_TRUE(scope.holds("/420000/421200/421222/421222105/"));
    // A code that merely starts with the same digits is a sibling, not a child.
    EXPECT_FALSE(scope.holds("/420000/4212001/"));
    EXPECT_FALSE(scope.holds("/420000/421300/"));
    EXPECT_LT(std::string("/420000/421200/421222/"), store::path_end("/420000/421200/"));
    EXPECT_GT(std::string("/420000/4212001/"), store::path_end("/420000/421200/"));
}

TEST(ScopePath, AScopedRoleWithoutARegionReadsNothing) {
    core::Actor lost;
    lost.role = core::Role::inspector;
    store::Scope scope(lost);
    EXPECT_FALSE(scope.holds("/420000/"));
    EXPECT_FALSE(scope.everything());
}

TEST_P(ScopeTest, RegionPathsAndCountsFollowEveryWrite) {
    auto s = seed();
    EXPECT_EQ(wrong_paths(), 0);
    EXPECT_EQ(wrong_counts(), 0);
    // A member of staff moves to a school in another county, is archived, then deleted.
    store::staff::update(conn(), s.system, s.tc_teacher, {{"institution", s.hc_school}});
    EXPECT_EQ(wrong_paths(), 0);
    EXPECT_EQ(wrong_counts(), 0);
    store::staff::update(conn(), s.system, s.tc_teacher, {{"archived", true}});
    EXPECT_EQ(wrong_counts(), 0);
    store::staff::remove(conn(), s.system, s.hc_teacher);
    EXPECT_EQ(wrong_counts(), 0);
    // A school moves to another region: its staff's paths follow it.
    store::institutions::update(conn(), s.system, s.tc_school2, {{"region", "654023"}});
    EXPECT_EQ(wrong_paths(), 0);
    EXPECT_EQ(wrong_counts(), 0);
    // Rows written without a path (bulk loaders, the benchmark's generator) get theirs.
    conn().execute(
        "INSERT INTO staff (name, name_key, gender, institution, role, title, backbone, health, "
        "created_at, updated_at) VALUES ('直写', 'x', 'male', ?, 'teacher', 'none', 'none', "
        "'good', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        {s.tc_school});
    EXPECT_EQ(wrong_paths(), 0);
    EXPECT_EQ(wrong_counts(), 0);
    conn().execute("DELETE FROM staff WHERE name = '直写'");
    EXPECT_EQ(wrong_counts(), 0);
}

TEST_P(ScopeTest, ListTotalsEqualACountOfTheRowsInScope) {
    auto s = seed();
    for (int i = 0; i < 3; ++i) {
        core::Staff x;
        x.name = "王老师" + std::to_string(i);
        x.gender = "female";
        x.institution = i == 2 ? s.hc_school : s.tc_school;
        store::staff::create(conn(), s.system, x, {});
    }
    store::staff::update(conn(), s.system, s.tc_teacher, {{"archived", true}});
    for (const auto* a : {&s.system, &s.tc_bureau, &s.hc_bureau, &s.tc_inspector,
                          &s.tc_school_admin, &s.tc_teacher_user}) {
        for (bool archived : {false, true}) {
            store::ListQuery q;
            if (archived) q.filters = {{"archived", "true"}};
            auto page = store::staff::list(conn(), *a, q);
            store::Where w;
            store::Scope(*a).staff(w);
            w.add("s.archived = ?", {std::int64_t{archived}});
            EXPECT_EQ(page.total,
                      conn().query_int("SELECT COUNT(*) FROM staff s" + w.sql(), w.params()))
                << a->username << " archived=" << archived;
            EXPECT_TRUE(page.total_exact);
            auto institutions = store::institutions::list(conn(), *a, q);
            store::Where iw;
            store::Scope(*a).institutions(iw);
            iw.add("i.archived = ?", {std::int64_t{archived}});
            EXPECT_EQ(
                institutions.total,
                conn().query_int("SELECT COUNT(*) FROM institutions i" + iw.sql(), iw.params()))
                << a->username;
        }
    }
}

TEST_P(ScopeTest, AFilteredTotalIsCountedUpToACapAndSaysWhenItIsALowerBound) {
    auto s = seed();
    store::Where w;
    EXPECT_EQ(store::count_up_to(conn(), "staff s", w, 1), 1);
    EXPECT_EQ(store::count_up_to(conn(), "staff s", w, 10), 2);
    store::Page<int> page;
    page.page = 1;
    page.page_size = 20;
    store::count_capped(conn(), page, "staff s", w);
    EXPECT_EQ(page.total, 2);
    EXPECT_TRUE(page.total_exact);
    (void)s;
}

TEST_P(ScopeTest, AWalkedListingReadsTheSameRowsAsTheRange) {
    auto s = seed();
    for (const auto* a : {&s.tc_bureau, &s.hc_bureau, &s.tc_inspector}) {
        for (bool walk : {false, true}) {
            store::Scope scope(*a);
            store::Where w;
            (walk ? scope.walking_listing() : scope).staff(w);
            store::Where plain;
            scope.staff(plain);
            EXPECT_EQ(
                conn().query_int("SELECT COUNT(*) FROM staff s" + w.sql(), w.params()),
                conn().query_int("SELECT COUNT(*) FROM staff s" + plain.sql(), plain.params()))
                << a->username;
        }
        // The list itself, whichever way it is read, shows the rows of the scope.
        auto page = store::staff::list(conn(), *a, {});
        store::Where w;
        store::Scope(*a).staff(w);
        w.add("s.archived = 0");
        EXPECT_EQ(static_cast<std::int64_t>(page.items.size()),
                  conn().query_int("SELECT COUNT(*) FROM staff s" + w.sql(), w.params()));
    }
}
