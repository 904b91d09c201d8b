#include "core/login_throttle.hpp"

#include <algorithm>

namespace bangfu::core {

std::chrono::seconds login_delay(int failures, const LoginThrottlePolicy& policy) {
    int over = failures - policy.free_failures;
    if (over <= 0) return std::chrono::seconds(0);
    // Doubling from first_delay; the shift is bounded so that it cannot overflow long before
    // max_delay is reached.
    auto delay = policy.first_delay.count() << std::min(over - 1, 30);
    return std::chrono::seconds(std::min<std::int64_t>(delay, policy.max_delay.count()));
}

void TokenBucket::refill(double now) {
    if (now > last_) tokens_ = std::min(capacity_, tokens_ + (now - last_) * rate_);
    last_ = std::max(last_, now);
}

bool TokenBucket::take(double now, double& wait_seconds) {
    refill(now);
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        wait_seconds = 0;
        return true;
    }
    wait_seconds = rate_ > 0 ? (1.0 - tokens_) / rate_ : 60.0;
    return false;
}

bool TokenBucket::full(double now) const {
    double t = now > last_ ? tokens_ + (now - last_) * rate_ : tokens_;
    return t >= capacity_;
}

}  // namespace bangfu::core
