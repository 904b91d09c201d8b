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

TEST_P(AuthRepositoryTest, WrongPasswordsAreRefusedThenThrottled) {
    seed();
    store::auth::LoginPolicy policy;
    policy.max_failures = 3;
    EXPECT_EQ(error_kind([&] { store::auth::login(conn(), "nobody", "x", policy, ""); }),
              K::unauthenticated);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(error_kind([&] { store::auth::login(conn(), "tongcheng", "wrong", policy, ""); }),
                  K::unauthenticated);
    EXPECT_EQ(
        error_kind([&] { store::auth::login(conn(), "tongcheng", "Bangfu@2026", policy, ""); }),
        K::throttled);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"), 3);
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
