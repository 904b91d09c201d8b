#include "http/login_limiter.hpp"

#include <cmath>

namespace bangfu::http {

double LoginLimiter::now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_).count();
}

std::optional<int> LoginLimiter::admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    double t = now();
    // Addresses whose bucket has refilled hold no information: forget them before the map
    // grows large, so that many addresses (a scan, a proxy's churn) cannot exhaust memory.
    if (buckets_.size() >= 10'000)
        std::erase_if(buckets_, [t](const auto& kv) { return kv.second.full(t); });
    auto [it, added] = buckets_.try_emplace(address, double(per_minute_), double(per_minute_), t);
    double wait = 0;
    if (it->second.take(t, wait)) return std::nullopt;
    return std::max(1, int(std::ceil(wait)));
}

}  // namespace bangfu::http
