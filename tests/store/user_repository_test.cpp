#include "store/user_repository.hpp"

#include "expect_error.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class UserRepositoryTest : public StoreTest {
  protected:
    core::User draft(std::string name, std::string role, std::optional<std::string> region,
                     std::optional<std::int64_t> inst = {}) {
        core::User u;
        u.username = std::move(name);
        u.role = std::move(role);
        u.region = std::move(region);
        u.institution = inst;
        return u;
    }
};
BANGFU_STORE_TEST_SUITE(UserRepositoryTest);

TEST_P(UserRepositoryTest, ActorsCarryTheirScopePath) {
    auto s = seed();
    EXPECT_EQ(s.tc_bureau.scope_path, "/420000/421200/421222/");
    EXPECT_EQ(s.tc_school_admin.scope_path, "/420000/421200/421222/421222105/");
    EXPECT_EQ(s.tc_teacher_user.staff, s.tc_teacher);
}

TEST_P(UserRepositoryTest, BureauAdminsGrantOnlyWithinTheirSubtree) {
    auto s = seed();
    auto ok = store::users::create(conn(), s.tc_bureau,
                                   draft("wuli", "institution_admin", {}, s.tc_school),
                                   "Schoo1-Gate#26", {});
    EXPECT_EQ(ok.institution, s.tc_school);
    EXPECT_EQ(error_kind([&] {
                  store::users::create(conn(), s.tc_bureau, draft("hc2", "bureau_admin", "654023"),
                                       "Schoo1-Gate#26", {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::users::create(conn(), s.tc_bureau, draft("root2", "system_admin", {}),
                                       "Schoo1-Gate#26", {});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::users::create(conn(), s.tc_bureau,
                                       draft("upper", "bureau_admin", "421200"), "Schoo1-Gate#26",
                                       {});
              }),
              K::forbidden);
    // Editing someone out of scope, or moving one's own user out of scope, is refused.
    auto hc_user = conn().query_int("SELECT id FROM users WHERE username = 'huocheng'");
    EXPECT_EQ(error_kind([&] {
                  store::users::update(conn(), s.tc_bureau, hc_user, {{"display_name", "x"}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::users::update(conn(), s.tc_bureau, ok.id, {{"institution", s.hc_school}});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::users::update(conn(), s.tc_bureau, ok.id,
                                       {{"role", "system_admin"}, {"institution", nullptr}});
              }),
              K::forbidden);
}

TEST_P(UserRepositoryTest, ListsUsersInScopeAndRefusesNonAdmins) {
    auto s = seed();
    store::ListQuery q;
    auto tc = store::users::list(conn(), s.tc_bureau, q);
    for (const auto& u : tc.items) EXPECT_NE(u.username, "huocheng");
    EXPECT_EQ(tc.total, 4);  // tongcheng, wantou, teacher1, inspector
    EXPECT_EQ(error_kind([&] { store::users::list(conn(), s.tc_inspector, q); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { store::users::list(conn(), s.tc_teacher_user, q); }), K::forbidden);
}

TEST_P(UserRepositoryTest, ValidatesRolesScopesAndPasswords) {
    auto s = seed();
    auto e = field_errors([&] {
        store::users::create(conn(), s.system, draft("x", "bureau_admin", {}), "short", {});
    });
    EXPECT_TRUE(e.contains("username"));
    EXPECT_TRUE(e.contains("region"));
    EXPECT_TRUE(e.contains("password"));
    EXPECT_EQ(error_kind([&] {
                  store::users::create(conn(), s.system, draft("tongcheng", "inspector", "421222"),
                                       "Schoo1-Gate#26", {});
              }),
              K::conflict);
}

TEST_P(UserRepositoryTest, PasswordResetEndsSessionsAndCannotLockOutOneself) {
    auto s = seed();
    conn().execute(
        "INSERT INTO sessions (token_digest, user_id, csrf_token, created_at, expires_at) VALUES "
        "('d', ?, 'c', 'x', '9999')",
        {s.tc_school_admin.user_id});
    store::users::update(conn(), s.tc_bureau, s.tc_school_admin.user_id,
                         {{"password", "New-Schoo1#2026"}});
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM sessions"), 0);
    EXPECT_EQ(
        field_errors([&] {
            store::users::update(conn(), s.tc_bureau, s.tc_bureau.user_id, {{"disabled", true}});
        }).count("role"),
        1u);
}

TEST_P(UserRepositoryTest, RemovingAUserWithHistoryDisablesIt) {
    auto s = seed();
    auto fresh = store::users::create(conn(), s.system, draft("fresh", "inspector", "421222"),
                                      "Schoo1-Gate#26", {});
    EXPECT_EQ(store::users::remove(conn(), s.system, fresh.id), store::users::Removal::deleted);
    // tongcheng has written (the seed's users were created by the system; give them history).
    store::users::update(conn(), s.tc_bureau, s.tc_inspector.user_id, {{"display_name", "督导"}});
    EXPECT_EQ(store::users::remove(conn(), s.system, s.tc_bureau.user_id),
              store::users::Removal::disabled);
    EXPECT_FALSE(store::users::load_actor(conn(), s.tc_bureau.user_id));
}
