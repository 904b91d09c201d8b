#pragma once
// Inspections and supervision (检查督导) of a program or of one of its pairings: the fourth of
// the "four haves".
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Inspection {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived, for display
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived: "supporter → recipient"
    std::string inspected_on;   // YYYY-MM-DD
    std::string inspectors;     // names of the inspectors, as typed
    std::string checked;        // what was checked
    std::string findings;
    std::string follow_ups;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> inspection_labels();
boost::json::object to_json(const Inspection& x);
void read_json(Inspection& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Inspection& x);

}  // namespace bangfu::core
