#pragma once
// Login throttling (issue 17). Two rules, both pure arithmetic here:
// - per account name *and* client address, growing delays after a few failures: whoever guesses
//   one account from one address slows down exponentially, while the owner, from her own
//   address, is not locked out by someone else's guessing (a lock the attacker controls would be
//   a denial of service against any known username);
// - per client address, a token bucket over all logins, so one address cannot monopolise the
//   password-hashing threads.
#include <chrono>

namespace bangfu::core {

struct LoginThrottlePolicy {
    int free_failures = 3;  // failures from one address on one name before any delay
    std::chrono::seconds first_delay{1};
    std::chrono::seconds max_delay{std::chrono::minutes(15)};
    // Failures older than this are forgotten: the next one counts as the first.
    std::chrono::seconds forget_after{std::chrono::hours(24)};
};

// How long logins for this name from this address wait after the `failures`-th consecutive
// failure: none for the free ones, then first_delay doubling each time, at most max_delay.
std::chrono::seconds login_delay(int failures, const LoginThrottlePolicy& policy);

// A token bucket: `capacity` logins at once, refilled at `per_minute` a minute. Times are
// seconds on a monotonic clock, passed in so that the rule is testable.
class TokenBucket {
  public:
    TokenBucket(double capacity, double per_minute, double now)
        : capacity_(capacity), rate_(per_minute / 60.0), tokens_(capacity), last_(now) {}
    // Takes a token if there is one; otherwise says how many seconds until there will be.
    bool take(double now, double& wait_seconds);
    // Full again: nothing to remember about this address.
    bool full(double now) const;

  private:
    void refill(double now);
    double capacity_, rate_, tokens_, last_;
};

}  // namespace bangfu::core
