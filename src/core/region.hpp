#pragma once
// Administrative regions: province → city → county/district → township, keyed by their official
// administrative codes (e.g. 340881 桐城市).
#include <boost/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Region {
    std::string code;
    std::string name;
    std::string level;  // dict::region_level
    std::optional<std::string> parent;
    // Materialised path of codes, "/340000/340800/340881/": the data-scope check of every query
    // is a prefix match on it.
    std::string path;
    // Where the region is (a township's centre): the recommendations (issue 18) place its
    // institutions without coordinates there. Optional, in pairs.
    std::optional<double> latitude = std::nullopt;
    std::optional<double> longitude = std::nullopt;
};

std::span<const FieldLabel> region_labels();
boost::json::object to_json(const Region& r);
void read_json(Region& r, const boost::json::object& o, FieldErrors& e);
// Checks the record itself and its place under `parent` (nullopt for a province).
FieldErrors validate(const Region& r, const std::optional<Region>& parent);
// The level a child of `level` has; nullopt below township.
std::optional<std::string> child_level(std::string_view level);

}  // namespace bangfu::core
