#pragma once
// Distance between two institutions, as the recommendations weigh it: measured from latitude and
// longitude when both have them (their own, else their township's), else a fallback by region:
// same township, same county, elsewhere.
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/recommendation.hpp"

namespace bangfu::match {

using core::Location;

enum class DistanceKind { measured, same_township, same_county, elsewhere };

struct Distance {
    double km = 0;
    DistanceKind kind = DistanceKind::measured;
    // The cost term: one point per km (the fallbacks count as 5, 30 and 100 km).
    std::int64_t cost() const;
    // "距离 12 km" / "同一乡镇（无坐标，按 5 km 计）" …
    core::Text text() const;
};

// Great-circle distance in km.
double haversine_km(double lat1, double lon1, double lat2, double lon2);
Distance distance(const Location& a, const Location& b);

}  // namespace bangfu::match
