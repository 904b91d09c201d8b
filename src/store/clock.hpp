#pragma once
// The store's clock: times are kept in UTC as ISO 8601 text ("2026-11-25T06:32:15Z"), which sorts
// correctly as text on both engines. The UI shows them in the user's zone.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace bangfu::store {

std::string to_iso_utc(std::chrono::system_clock::time_point t);
std::string now_utc();
// The inverse of to_iso_utc; nullopt for any other text.
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(std::string_view text);
// Today's date in China Standard Time (UTC+8), the zone of every user of this system.
core::Date today_china();

}  // namespace bangfu::store
