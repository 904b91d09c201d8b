#include "core/local_time.hpp"

#include <fmt/format.h>

#include "core/date.hpp"

namespace bangfu::core {

std::string china_time(std::string_view utc_iso) {
    // YYYY-MM-DDTHH:MM[:SS[.fff]]Z
    if (utc_iso.size() < 17 || utc_iso[10] != 'T' || utc_iso.back() != 'Z' || utc_iso[13] != ':')
        return std::string(utc_iso);
    auto day = parse_date(utc_iso.substr(0, 10));
    auto two = [&](std::size_t at) -> int {
        char a = utc_iso[at], b = utc_iso[at + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        return (a - '0') * 10 + (b - '0');
    };
    int hour = two(11), minute = two(14);
    if (!day || hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::string(utc_iso);
    auto minutes = (day_number(*day) * 24 + hour + 8) * 60 + minute;
    auto local = from_day_number(minutes / (24 * 60));
    auto in_day = minutes % (24 * 60);
    return fmt::format("{} {:02}:{:02}", format_date(local), in_day / 60, in_day % 60);
}

}  // namespace bangfu::core
