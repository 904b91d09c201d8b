#include "store/audit_repository.hpp"

#include "expect_error.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::StoreTest;

class AuditRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(AuditRepositoryTest);

TEST_P(AuditRepositoryTest, EveryWriteIsLoggedAndReadingIsScoped) {
    auto s = seed();
    store::institutions::update(conn(), s.tc_bureau, s.tc_school, {{"staff_count", 20}});
    store::institutions::update(conn(), s.hc_bureau, s.hc_school, {{"staff_count", 40}});
    store::ListQuery q;
    q.filters = {{"action", "update"}};
    auto all = store::audit::list(conn(), s.system, q);
    EXPECT_EQ(all.total, 2);
    auto tc = store::audit::list(conn(), s.tc_bureau, q);
    ASSERT_EQ(tc.total, 1);
    EXPECT_EQ(tc.items[0].entity_id, std::to_string(s.tc_school));
    auto own = store::audit::list(conn(), s.tc_school_admin, q);
    EXPECT_EQ(own.total, 1);
    EXPECT_EQ(error_kind([&] { store::audit::list(conn(), s.tc_inspector, q); }),
              core::ErrorKind::forbidden);
    auto json = store::audit::to_json(tc.items[0]);
    EXPECT_EQ(json.at("before").at("staff_count").as_int64(), 0);
    EXPECT_EQ(json.at("after").at("staff_count").as_int64(), 20);
}
