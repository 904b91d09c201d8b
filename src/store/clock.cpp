#include "store/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace bangfu::store {

std::string to_iso_utc(std::chrono::system_clock::time_point t) {
    auto secs = std::chrono::floor<std::chrono::seconds>(t);
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", secs);
}

std::string now_utc() {
    return to_iso_utc(std::chrono::system_clock::now());
}

core::Date today_china() {
    auto t = std::chrono::system_clock::now() + std::chrono::hours(8);
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace bangfu::store
