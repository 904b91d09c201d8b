#include "store/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace bangfu::store {

std::string to_iso_utc(std::chrono::system_clock::time_point t) {
    auto secs = std::chrono::floor<std::chrono::seconds>(t);
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", secs);
}

std::optional<std::chrono::system_clock::time_point> parse_iso_utc(std::string_view text) {
    // Exactly what to_iso_utc writes; anything else is not a time this store wrote.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    int y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2),
        mi = number(14, 2), se = number(17, 2);
    if (y < 0 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(mo)),
                                    std::chrono::day(unsigned(d))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(se);
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
