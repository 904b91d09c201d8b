#include "store/auth_repository.hpp"

#include "expect_error.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class AuthRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(AuthRepositoryTest);

TEST_P(AuthRepositoryTest, LoginOpensASessionThatResolvesToTheActor) {
    auto s = seed();
    store::auth::LoginPolicy policy;
    auto session = store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "127.0.0.1");
    auto resolved = store::auth::resolve_session(conn(), session.token);
    ASSERT_TRUE(resolved);
    EXPECT_EQ(resolved->actor.username, "tongcheng");
    EXPECT_EQ(resolved->csrf_token, session.csrf_token);
    // Only a digest is stored.
    EXPECT_EQ(
        conn().query_int("SELECT COUNT(*) FROM sessions WHERE token_digest = ?", {session.token}),
        0);
    store::auth::logout(conn(), session.token);
    EXPECT_FALSE(store::auth::resolve_session(conn(), session.token));
}

TEST_P(AuthRepositoryTest, FailuresDelayTheNameFromThatAddressOnly) {
    auto s = seed();
    store::auth::LoginPolicy policy;
    policy.throttle.free_failures = 2;
    policy.throttle.first_delay = std::chrono::seconds(30);
    auto fail = [&](const std::string& name, const std::string& password,
                    const std::string& client) {
        return error_kind([&] { store::auth::login(conn(), name, password, policy, client); });
    };
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(fail("tongcheng", "wrong", "10.0.0.9"), K::unauthenticated);
    // The third failure set a 30 s delay: the right password from there waits too, and the
    // refusal says how long.
    try {
        store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "10.0.0.9");
        ADD_FAILURE() << "a throttled login succeeded";
    } catch (const store::auth::Throttled& t) {
        EXPECT_GT(t.retry_after, 25);
        EXPECT_LE(t.retry_after, 31);  // rounded up to whole seconds
        EXPECT_NE(t.message().zh.find("秒后再试"), std::string::npos);
    }
    // The owner, from her own address, is not locked out by the guessing.
    EXPECT_NO_THROW(store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "10.0.0.1"));
    // An unknown name is counted and throttled exactly like a known one.
    for (int i = 0; i < 3; ++i) EXPECT_EQ(fail("nobody", "wrong", "10.0.0.9"), K::unauthenticated);
    EXPECT_EQ(fail("nobody", "wrong", "10.0.0.9"), K::throttled);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"), 6);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND "
                               "user_id IS NULL"),
              3);

    // A system admin sees both and clears one address of a name; others may not.
    const auto& admin = s.system;
    auto throttles = store::auth::list_throttles(conn(), admin, policy.throttle);
    ASSERT_EQ(throttles.size(), 2u);
    EXPECT_EQ(
        error_kind([&] { store::auth::list_throttles(conn(), s.tc_bureau, policy.throttle); }),
        K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::auth::clear_throttles(conn(), s.tc_bureau, "tongcheng", std::nullopt);
              }),
              K::forbidden);
    EXPECT_EQ(store::auth::clear_throttles(conn(), admin, "tongcheng", std::string("10.0.0.9")), 1);
    EXPECT_EQ(
        error_kind([&] { store::auth::clear_throttles(conn(), admin, "tongcheng", std::nullopt); }),
        K::not_found);
    EXPECT_NO_THROW(store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "10.0.0.9"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'clear_throttle'"),
              1);
}

TEST_P(AuthRepositoryTest, ASuccessForgivesThatAddressAndOldFailuresAreForgotten) {
    seed();
    store::auth::LoginPolicy policy;
    policy.throttle.free_failures = 2;
    for (int i = 0; i < 2; ++i)
        EXPECT_THROW(store::auth::login(conn(), "tongcheng", "wrong", policy, "10.0.0.9"),
                     core::Error);
    EXPECT_NO_THROW(store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "10.0.0.9"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM login_throttles"), 0);
    // Two failures more are free again; a row from yesterday counts as none.
    for (int i = 0; i < 2; ++i)
        EXPECT_THROW(store::auth::login(conn(), "tongcheng", "wrong", policy, "10.0.0.9"),
                     core::Error);
    conn().execute(
        "UPDATE login_throttles SET failures = 50, last_failure_at = '2020-01-01T00:00:00Z', "
        "blocked_until = '2020-01-01T00:15:00Z'");
    EXPECT_EQ(
        error_kind([&] { store::auth::login(conn(), "tongcheng", "wrong", policy, "10.0.0.9"); }),
        K::unauthenticated);
    EXPECT_EQ(conn().query_int("SELECT failures FROM login_throttles"), 1);
}

TEST_P(AuthRepositoryTest, ExpiredSessionsDoNotResolve) {
    seed();
    store::auth::LoginPolicy policy;
    policy.session_ttl = std::chrono::seconds(-1);
    auto session = store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, "");
    EXPECT_FALSE(store::auth::resolve_session(conn(), session.token));
}

TEST_P(AuthRepositoryTest, ApiTokensAreCreatedListedAndRevoked) {
    auto s = seed();
    auto [t, token] = store::auth::create_token(conn(), s.tc_bureau, "导出脚本");
    EXPECT_TRUE(token.starts_with("bf_"));
    auto actor = store::auth::resolve_token(conn(), token);
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->username, "tongcheng");
    auto list = store::auth::list_tokens(conn(), s.tc_bureau);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].name, "导出脚本");
    EXPECT_TRUE(list[0].last_used_at);
    // Someone else's token is refused; a token that does not exist is not found.
    EXPECT_EQ(error_kind([&] { store::auth::revoke_token(conn(), s.hc_bureau, t.id); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::auth::revoke_token(conn(), s.hc_bureau, t.id + 1000); }),
              K::not_found);
    store::auth::revoke_token(conn(), s.tc_bureau, t.id);
    EXPECT_FALSE(store::auth::resolve_token(conn(), token));
    EXPECT_EQ(error_kind([&] { store::auth::create_token(conn(), s.tc_bureau, "  "); }),
              K::validation);
}

TEST_P(AuthRepositoryTest, DisabledUsersCannotLogIn) {
    auto s = seed();
    conn().execute("UPDATE users SET disabled = 1 WHERE id = ?", {s.tc_bureau.user_id});
    EXPECT_EQ(error_kind([&] { store::auth::login(conn(), "tongcheng", "Bangfu@2026", {}, ""); }),
              K::unauthenticated);
}
