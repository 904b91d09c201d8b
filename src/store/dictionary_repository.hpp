#pragma once
// The extensible dictionaries (pairing dimensions, activity types, material categories): the
// built-in entries from core/dictionary.cpp plus the entries admins added (table
// dictionary_entries). Every value check of those fields goes through here.
#include <boost/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dictionary.hpp"
#include "core/fields.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::dictionaries {

struct Entry {
    std::string value;
    std::string zh;
    std::string en;
    bool builtin = false;
};

// Whether `name` is one of the extensible dictionaries.
bool is_extensible(std::string_view name);
// Built-in entries first (in their order), then added ones (by creation).
std::vector<Entry> entries(Connection& c, std::string_view name);
// Finds an entry by its code, Chinese or English label (as typed in a spreadsheet).
std::optional<Entry> find(Connection& c, std::string_view name, std::string_view text);
// Validation for a record's field: adds an error to `e` naming the field and listing the
// accepted labels when `value` is not an entry of dictionary `name`.
void check_value(Connection& c, std::string_view name, std::span<const core::FieldLabel> labels,
                 core::FieldErrors& e, std::string_view field, const std::string& value);
// Adds an entry (system admins and bureau admins). The value is a code (a–z, 0–9, _),
// the labels must be new in the dictionary. Audited.
Entry add(Connection& c, const core::Actor& a, std::string_view name, const Entry& entry);
// The GET /api/v1/dictionaries document: every closed dictionary plus the extensible ones with
// their added entries, each option as {value, zh, en}.
boost::json::object all_json(Connection& c);

}  // namespace bangfu::store::dictionaries
