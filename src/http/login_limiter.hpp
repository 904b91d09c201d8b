#pragma once
// Per-address admission of logins (issue 17): each client address may start `per_minute` logins
// a minute, and as many at once. Checked on the I/O thread before a login is queued, so an
// address flooding logins is answered 429 at once and never reaches the hashing threads.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/login_throttle.hpp"

namespace bangfu::http {

class LoginLimiter {
  public:
    explicit LoginLimiter(int per_minute) : per_minute_(per_minute) {}
    // nullopt: admitted; otherwise the whole seconds to wait (at least 1).
    std::optional<int> admit(const std::string& address);

  private:
    double now() const;
    int per_minute_;
    std::mutex mutex_;  // several I/O threads may admit at once
    std::unordered_map<std::string, core::TokenBucket> buckets_;
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
};

}  // namespace bangfu::http
