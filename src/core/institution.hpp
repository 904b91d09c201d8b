#pragma once
// Institutions: schools, kindergartens, hospitals, villages and bureaus — the parties of pairings.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Institution {
    std::int64_t id = 0;
    std::string name;
    std::string kind;         // dict::institution_kind
    std::string locality;     // dict::locality
    bool weak = false;        // 薄弱学校
    std::string region;       // region code
    std::string region_name;  // derived, for display
    std::string address;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::int64_t student_count = 0;
    std::int64_t staff_count = 0;
    std::string contact_name;
    std::string contact_phone;
    bool archived = false;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> institution_labels();
boost::json::object to_json(const Institution& x);
void read_json(Institution& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Institution& x);

}  // namespace bangfu::core
