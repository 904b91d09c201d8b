#pragma once
// Pairings (结对关系): a supporter helps a recipient within a program, on one or more dimensions
// (teachers, teaching and research, funds, …). The rules that keep the pairing graph sane live
// here, pure: no self-pairing, no repeated active pairing on a dimension, no cycle on a
// dimension (DESIGN.md §4). Ladders (a recipient that supports a third school) are allowed.
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Pairing {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::int64_t supporter = 0;
    std::int64_t recipient = 0;
    std::vector<std::string> dimensions;  // pairing_dimension codes, ≥ 1, no repeats
    std::string start_date;
    std::optional<std::string> end_date;
    std::string agreement_title;
    std::string agreement_text;
    std::string status;  // dict::pairing_status
    std::string note;
    // Derived, for display (filled by the store).
    std::string program_name;
    std::string supporter_name;
    std::string supporter_region;
    std::string supporter_region_name;
    std::string recipient_name;
    std::string recipient_region;
    std::string recipient_region_name;
    std::vector<Text> dimension_labels;  // same order as `dimensions`
    std::optional<std::int64_t> agreement_file;
    std::string agreement_file_name;
    std::int64_t agreement_file_size = 0;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> pairing_labels();
boost::json::object to_json(const Pairing& x);
void read_json(Pairing& x, const boost::json::object& o, FieldErrors& e);
// Field checks. Dimension codes are checked against the (extensible) dictionary by the store;
// here: at least one, no repeats. `today` bounds the end date of an ended pairing.
FieldErrors validate(const Pairing& x, const Date& today);

// One dimension of an active pairing: an edge of the pairing graph of that dimension.
struct PairingEdge {
    std::int64_t pairing = 0;
    std::int64_t supporter = 0;
    std::int64_t recipient = 0;
    std::string dimension;
};

// How the rules name things in their messages.
struct PairingNames {
    std::function<std::string(std::int64_t)> institution;  // id → name
    std::function<Text(const std::string&)> dimension;     // code → label
};

// The graph rules for `candidate` against the active pairings (of every program). Edges of the
// candidate itself (same id) are ignored, so an update is checked against the others only. An
// ended candidate only has to avoid self-pairing. Errors:
// - `recipient`: self-pairing; a cycle on a dimension ("将形成循环：甲校 → 乙校 → 甲校（师资）");
// - `dimensions`: a second active pairing of the same supporter → recipient on a dimension,
//   naming the dimension and the existing pairing's id.
FieldErrors check_pairing_rules(const Pairing& candidate, std::span<const PairingEdge> existing,
                                const PairingNames& names);

}  // namespace bangfu::core
