#include "store/region_repository.hpp"

#include "core/error.hpp"
#include "expect_error.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

class RegionRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(RegionRepositoryTest);

namespace {
auto kind_of(auto&& f) {
    return bangfu::testing::error_kind(f);
}
}  // namespace

TEST_P(RegionRepositoryTest, BuildsPathsAndScopesTheTree) {
    auto s = seed();
    EXPECT_EQ(store::regions::get(conn(), s.system, "421222105").path,
              "/420000/421200/421222/421222105/");
    auto tc = store::regions::all_in_scope(conn(), s.tc_bureau);
    ASSERT_EQ(tc.size(), 2u);  // 通城县 and 五里镇
    EXPECT_EQ(tc[0].code, "421222");
    EXPECT_EQ(kind_of([&] { store::regions::get(conn(), s.tc_bureau, "654023"); }),
              core::ErrorKind::not_found);
    // An institution's people see the chain above their institution.
    auto chain = store::regions::all_in_scope(conn(), s.tc_school_admin);
    EXPECT_EQ(chain.size(), 4u);
}

TEST_P(RegionRepositoryTest, RefusesDuplicatesBadParentsAndOutOfScopeWrites) {
    auto s = seed();
    EXPECT_EQ(kind_of([&] {
                  store::regions::create(conn(), s.system,
                                         {"421222", "重复", "county", "421200", ""}, {});
              }),
              core::ErrorKind::conflict);
    EXPECT_EQ(
        kind_of([&] {
            store::regions::create(conn(), s.system, {"421223", "X县", "county", "999900", ""}, {});
        }),
        core::ErrorKind::validation);
    // A bureau may add townships below itself, not in another county, nor rename itself.
    store::regions::create(conn(), s.tc_bureau, {"421222100", "隽水镇", "township", "421222", ""},
                           {});
    EXPECT_EQ(kind_of([&] {
                  store::regions::create(conn(), s.tc_bureau,
                                         {"654023100", "水定镇", "township", "654023", ""}, {});
              }),
              core::ErrorKind::forbidden);
    EXPECT_EQ(kind_of([&] {
                  store::regions::update(conn(), s.tc_bureau, "421222", {{"name", "改名"}});
              }),
              core::ErrorKind::forbidden);
    EXPECT_EQ(kind_of([&] {
                  store::regions::create(conn(), s.tc_inspector,
                                         {"421222101", "X镇", "township", "421222", ""}, {});
              }),
              core::ErrorKind::forbidden);
}

TEST_P(RegionRepositoryTest, DeletesOnlyEmptyRegions) {
    auto s = seed();
    EXPECT_EQ(kind_of([&] { store::regions::remove(conn(), s.system, "421222105"); }),
              core::ErrorKind::conflict);
    store::regions::create(conn(), s.system, {"421222100", "隽水镇", "township", "421222", ""}, {});
    store::regions::remove(conn(), s.system, "421222100");
    EXPECT_FALSE(store::regions::find(conn(), "421222100"));
}

TEST_P(RegionRepositoryTest, CodeAndLevelCannotChange) {
    auto s = seed();
    EXPECT_EQ(kind_of([&] {
                  store::regions::update(conn(), s.system, "421222", {{"level", "city"}});
              }),
              core::ErrorKind::validation);
    auto r = store::regions::update(conn(), s.system, "421222", {{"name", "通城县（测试）"}});
    EXPECT_EQ(r.name, "通城县（测试）");
}
