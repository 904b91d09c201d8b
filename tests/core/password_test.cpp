#include "core/password.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(Password, HashesWithArgon2idAndVerifies) {
    auto h = hash_password("Bangfu@2026");
    EXPECT_TRUE(h.starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(h, "Bangfu@2026"));
    EXPECT_FALSE(verify_password(h, "bangfu@2026"));
    EXPECT_NE(h, hash_password("Bangfu@2026"));  // salted
}

TEST(Password, TokensAreRandomAndOnlyDigestsCompare) {
    auto a = random_token(), b = random_token();
    EXPECT_NE(a, b);
    EXPECT_GE(a.size(), 43u);
    EXPECT_EQ(token_digest(a), token_digest(a));
    EXPECT_NE(token_digest(a), token_digest(b));
    EXPECT_EQ(token_digest(a).size(), 64u);
}
