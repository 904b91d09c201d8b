#include "core/login_throttle.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;
using std::chrono::seconds;

TEST(LoginThrottle, DelaysGrowAfterTheFreeFailuresUpToTheCap) {
    LoginThrottlePolicy p;  // 3 free, 1 s doubling, at most 15 min
    EXPECT_EQ(login_delay(0, p), seconds(0));
    EXPECT_EQ(login_delay(3, p), seconds(0));
    EXPECT_EQ(login_delay(4, p), seconds(1));
    EXPECT_EQ(login_delay(5, p), seconds(2));
    EXPECT_EQ(login_delay(6, p), seconds(4));
    EXPECT_EQ(login_delay(13, p), seconds(512));
    EXPECT_EQ(login_delay(14, p), seconds(900));
    EXPECT_EQ(login_delay(1000, p), seconds(900));  // no overflow, still the cap
    p.free_failures = 0;
    p.first_delay = seconds(5);
    EXPECT_EQ(login_delay(1, p), seconds(5));
    EXPECT_EQ(login_delay(2, p), seconds(10));
}

TEST(LoginThrottle, BucketAllowsABurstThenTheRate) {
    TokenBucket b(3, 60, 0.0);  // 3 at once, then one a second
    double wait = -1;
    EXPECT_TRUE(b.take(0, wait));
    EXPECT_TRUE(b.take(0, wait));
    EXPECT_TRUE(b.take(0, wait));
    EXPECT_FALSE(b.take(0, wait));
    EXPECT_NEAR(wait, 1.0, 1e-9);
    EXPECT_FALSE(b.take(0.5, wait));
    EXPECT_NEAR(wait, 0.5, 1e-9);
    EXPECT_TRUE(b.take(1.0, wait));
    EXPECT_FALSE(b.full(1.0));
    EXPECT_TRUE(b.full(10.0));
    // A clock that steps back (it should not, but) neither refills nor breaks the bucket.
    EXPECT_FALSE(b.take(0.2, wait));
    EXPECT_GT(wait, 0);
}
