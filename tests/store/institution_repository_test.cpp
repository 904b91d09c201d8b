#include "store/institution_repository.hpp"

#include "expect_error.hpp"
#include "store/audit_repository.hpp"
#include "store/staff_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class InstitutionRepositoryTest : public StoreTest {
  protected:
    core::Institution draft(std::string name, std::string region) {
        core::Institution x;
        x.name = std::move(name);
        x.kind = "junior";
        x.locality = "town";
        x.region = std::move(region);
        return x;
    }
};
BANGFU_STORE_TEST_SUITE(InstitutionRepositoryTest);

TEST_P(InstitutionRepositoryTest, ListsWithinScopeOnly) {
    auto s = seed();
    store::ListQuery q;
    EXPECT_EQ(store::institutions::list(conn(), s.system, q).total, 3);
    auto tc = store::institutions::list(conn(), s.tc_bureau, q);
    EXPECT_EQ(tc.total, 2);
    for (const auto& x : tc.items) EXPECT_NE(x.name, "霍城县第一中学");
    EXPECT_EQ(store::institutions::list(conn(), s.tc_school_admin, q).total, 1);
    EXPECT_EQ(store::institutions::list(conn(), s.tc_inspector, q).total, 2);
    EXPECT_EQ(error_kind([&] { store::institutions::get(conn(), s.tc_bureau, s.hc_school); }),
              K::not_found);
    EXPECT_EQ(
        error_kind([&] { store::institutions::get(conn(), s.tc_school_admin, s.tc_school2); }),
        K::not_found);
}

TEST_P(InstitutionRepositoryTest, SearchesChineseSortsByPinyinAndFilters) {
    auto s = seed();
    store::institutions::create(conn(), s.system, draft("安乐中学", "421222"), {});
    store::institutions::create(conn(), s.system, draft("北港中学", "421222"), {});
    store::ListQuery q;
    q.q = "中学";
    auto page = store::institutions::list(conn(), s.system, q);
    ASSERT_EQ(page.total, 3);
    EXPECT_EQ(page.items[0].name, "安乐中学");  // an < bei < huo
    EXPECT_EQ(page.items[1].name, "北港中学");
    EXPECT_EQ(page.items[2].name, "霍城县第一中学");
    q.sort = "-name";
    EXPECT_EQ(store::institutions::list(conn(), s.system, q).items[0].name, "霍城县第一中学");
    store::ListQuery f;
    f.filters = {{"region", "421222"}, {"weak", "true"}};
    page = store::institutions::list(conn(), s.system, f);
    ASSERT_EQ(page.total, 1);  // the subtree of 通城县 includes 五里镇
    EXPECT_EQ(page.items[0].name, "五里镇湾头小学");
    f.filters = {{"weak", "maybe"}};
    EXPECT_EQ(error_kind([&] { store::institutions::list(conn(), s.system, f); }), K::malformed);
    f.filters = {{"colour", "red"}};
    EXPECT_EQ(error_kind([&] { store::institutions::list(conn(), s.system, f); }), K::malformed);
    store::ListQuery bad_sort;
    bad_sort.sort = "name; DROP TABLE institutions";
    EXPECT_EQ(error_kind([&] { store::institutions::list(conn(), s.system, bad_sort); }),
              K::malformed);
}

TEST_P(InstitutionRepositoryTest, LikeWildcardsInSearchMatchLiterally) {
    auto s = seed();
    store::institutions::create(conn(), s.system, draft("100%_学校", "421222"), {});
    store::ListQuery q;
    q.q = "%_";
    auto page = store::institutions::list(conn(), s.system, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].name, "100%_学校");
}

TEST_P(InstitutionRepositoryTest, PagesThroughResults) {
    auto s = seed();
    store::ListQuery q;
    q.page_size = 2;
    q.page = 2;
    auto page = store::institutions::list(conn(), s.system, q);
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.items.size(), 1u);
}

TEST_P(InstitutionRepositoryTest, ValidatesAndChangesNothingOnError) {
    auto s = seed();
    auto x = draft("", "999999");
    x.student_count = -3;
    auto e = field_errors([&] { store::institutions::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("name"));
    EXPECT_TRUE(e.contains("student_count"));
    EXPECT_TRUE(e.contains("region"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM institutions"), 3);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'institution'"), 3);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::create(conn(), s.system,
                                              draft("五里镇湾头小学", "421222105"), {});
              }),
              K::conflict);
}

TEST_P(InstitutionRepositoryTest, EnforcesWriteScopeForEachRole) {
    auto s = seed();
    // Bureau of 通城: may create and edit at home, not in 霍城, nor move a school there.
    auto mine =
        store::institutions::create(conn(), s.tc_bureau, draft("通城县第二中学", "421222"), {});
    EXPECT_EQ(error_kind([&] {
                  store::institutions::create(conn(), s.tc_bureau, draft("越界中学", "654023"), {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_bureau, s.hc_school, {{"name", "x"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_bureau, mine.id, {{"region", "654023"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::institutions::remove(conn(), s.tc_bureau, s.hc_school); }),
              K::forbidden);
    // Institution admin: own record only, no move, no create.
    auto own = store::institutions::update(conn(), s.tc_school_admin, s.tc_school,
                                           {{"student_count", 321}});
    EXPECT_EQ(own.student_count, 321);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_school_admin, s.tc_school2,
                                              {{"student_count", 1}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_school_admin, s.tc_school,
                                              {{"region", "421222"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::create(conn(), s.tc_school_admin, draft("新学校", "421222"),
                                              {});
              }),
              K::forbidden);
    // Inspector and teacher only read.
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_inspector, s.tc_school,
                                              {{"student_count", 1}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_teacher_user, s.tc_school,
                                              {{"student_count", 1}});
              }),
              K::forbidden);
    // Missing records are 404 whoever asks.
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.system, 99999, {{"name", "x"}});
              }),
              K::not_found);
}

TEST_P(InstitutionRepositoryTest, PatchChangesOnlyGivenFieldsAndIsAudited) {
    auto s = seed();
    auto before = store::institutions::get(conn(), s.system, s.tc_school);
    auto after =
        store::institutions::update(conn(), s.tc_bureau, s.tc_school, {{"address", "湾头村 1 号"}});
    EXPECT_EQ(after.address, "湾头村 1 号");
    EXPECT_EQ(after.name, before.name);
    EXPECT_EQ(after.student_count, before.student_count);
    store::ListQuery q;
    q.filters = {{"entity", "institution"},
                 {"entity_id", std::to_string(s.tc_school)},
                 {"action", "update"}};
    auto log = store::audit::list(conn(), s.system, q);
    ASSERT_EQ(log.total, 1);
    EXPECT_EQ(log.items[0].username, "tongcheng");
    EXPECT_NE(log.items[0].before->find("\"address\":\"\""), std::string::npos);
    EXPECT_NE(log.items[0].after->find("湾头村 1 号"), std::string::npos);
}

TEST_P(InstitutionRepositoryTest, ArchivesWhenReferredToAndDeletesOtherwise) {
    auto s = seed();
    EXPECT_EQ(store::institutions::remove(conn(), s.system, s.tc_school),
              store::institutions::Removal::archived);
    store::ListQuery q;
    EXPECT_EQ(store::institutions::list(conn(), s.system, q).total, 2);
    q.filters = {{"archived", "true"}};
    EXPECT_EQ(store::institutions::list(conn(), s.system, q).total, 1);
    auto lonely = store::institutions::create(conn(), s.system, draft("无人学校", "421222"), {});
    EXPECT_EQ(store::institutions::remove(conn(), s.system, lonely.id),
              store::institutions::Removal::deleted);
    EXPECT_EQ(error_kind([&] { store::institutions::get(conn(), s.system, lonely.id); }),
              K::not_found);
}

TEST_P(InstitutionRepositoryTest, PatchRestoresAnArchivedRecord) {
    auto s = seed();
    store::institutions::remove(conn(), s.system, s.tc_school);
    EXPECT_EQ(
        bangfu::testing::field_errors([&] {
            store::institutions::update(conn(), s.tc_bureau, s.tc_school, {{"archived", "no"}});
        }).count("archived"),
        1u);
    EXPECT_EQ(error_kind([&] {
                  store::institutions::update(conn(), s.tc_school_admin, s.tc_school,
                                              {{"archived", false}});
              }),
              K::forbidden);
    auto restored =
        store::institutions::update(conn(), s.tc_bureau, s.tc_school, {{"archived", false}});
    EXPECT_FALSE(restored.archived);
    EXPECT_EQ(store::institutions::list(conn(), s.system, {}).total, 3);
}

TEST_P(InstitutionRepositoryTest, OutOfScopeWritesNameTheField) {
    auto s = seed();
    try {
        store::institutions::create(conn(), s.tc_bureau, draft("越界中学", "654023"), {});
        FAIL() << "created outside the scope";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), K::forbidden);
        EXPECT_TRUE(e.fields().contains("region"));
    }
    EXPECT_EQ(store::institutions::list(conn(), s.system, {}).total, 3);
}
