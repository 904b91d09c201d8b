#include "match/geo.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

namespace bangfu::match {

namespace {
constexpr double same_township_km = 5;
constexpr double same_county_km = 30;
constexpr double elsewhere_km = 100;
}  // namespace

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double earth_km = 6371.0;
    constexpr double rad = std::numbers::pi / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * earth_km * std::asin(std::min(1.0, std::sqrt(h)));
}

Distance distance(const Location& a, const Location& b) {
    if (a.has_point() && b.has_point())
        return {haversine_km(*a.latitude, *a.longitude, *b.latitude, *b.longitude),
                DistanceKind::measured};
    if (!a.township.empty() && a.township == b.township)
        return {same_township_km, DistanceKind::same_township};
    if (!a.county.empty() && a.county == b.county)
        return {same_county_km, DistanceKind::same_county};
    return {elsewhere_km, DistanceKind::elsewhere};
}

std::int64_t Distance::cost() const {
    return std::llround(km);
}

core::Text Distance::text() const {
    switch (kind) {
        case DistanceKind::measured:
            if (km < 10)
                return {fmt::format("距离 {:.1f} km", km), fmt::format("{:.1f} km away", km)};
            return {fmt::format("距离 {:.0f} km", km), fmt::format("{:.0f} km away", km)};
        case DistanceKind::same_township:
            return {"同一乡镇（无坐标，按 5 km 计）",
                    "same township (no coordinates, counted as 5 km)"};
        case DistanceKind::same_county:
            return {"同一县区（无坐标，按 30 km 计）",
                    "same county (no coordinates, counted as 30 km)"};
        case DistanceKind::elsewhere:
            break;
    }
    return {"不在同一县区（无坐标，按 100 km 计）",
            "different counties (no coordinates, counted as 100 km)"};
}

}  // namespace bangfu::match
