#pragma once
// Reading a JSON object into a domain record, field by field, with an error per field in the
// user's language. Used for create (all fields) and PATCH (only the fields sent).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dictionary.hpp"
#include "core/error.hpp"

namespace bangfu::core {

// A field of a record: its wire name and its labels (used in messages and spreadsheet headers).
struct FieldLabel {
    std::string_view field;
    std::string_view zh;
    std::string_view en;
};

const FieldLabel* find_label(std::span<const FieldLabel> labels, std::string_view field);
// "名称不能为空" / "name must not be empty": message builders that name the field.
Text field_message(std::span<const FieldLabel> labels, std::string_view field,
                   std::string_view zh_suffix, std::string_view en_suffix);

class FieldReader {
  public:
    // Unknown keys are errors: a misspelt field must not be silently ignored.
    // `read_only` keys (id, created_at, …) are accepted and ignored, so a client may send back
    // what it received.
    FieldReader(const boost::json::object& obj, std::span<const FieldLabel> labels,
                FieldErrors& errors, std::span<const std::string_view> read_only = {});

    bool has(std::string_view key) const { return obj_.contains(key); }
    void text(std::string_view key, std::string& out);
    void optional_text(std::string_view key, std::optional<std::string>& out);
    void integer(std::string_view key, std::int64_t& out);
    void optional_integer(std::string_view key, std::optional<std::int64_t>& out);
    void boolean(std::string_view key, bool& out);
    void optional_number(std::string_view key, std::optional<double>& out);
    void text_list(std::string_view key, std::vector<std::string>& out);

  private:
    void type_error(std::string_view key, std::string_view zh, std::string_view en);
    const boost::json::object& obj_;
    std::span<const FieldLabel> labels_;
    FieldErrors& errors_;
};

// Shared checks used by every record's validate().
void check_required_text(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value, std::size_t max_chars);
void check_optional_text(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value, std::size_t max_chars);
// Optional `latitude` / `longitude` fields: in range, and both or neither.
void check_coordinates(std::span<const FieldLabel> labels, FieldErrors& e,
                       const std::optional<double>& latitude,
                       const std::optional<double>& longitude);
// A required value from a closed vocabulary.
void check_choice(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                  const std::string& value, const Dictionary& d);
void check_phone(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                 const std::string& value);

}  // namespace bangfu::core
