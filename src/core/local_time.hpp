#pragma once
// Times are stored in UTC; people read them in their zone. Bangfu's users are in China: China
// Standard Time is UTC+8 all year (no daylight saving), so the conversion needs no time-zone
// database.
#include <string>
#include <string_view>

namespace bangfu::core {

// A stored UTC timestamp ("2026-11-29T20:49:33Z") in Beijing time: "2026-11-30 04:49". Text that
// is not such a timestamp comes back unchanged, so nothing is ever hidden.
std::string china_time(std::string_view utc_iso);

}  // namespace bangfu::core
