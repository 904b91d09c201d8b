#pragma once
// The closed vocabularies of the registry (kinds, localities, titles, subjects, …). Values are
// stored and sent as their snake_case code; the labels are what users read and type in Excel.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::core {

struct Option {
    std::string_view value;
    std::string_view zh;
    std::string_view en;
};

class Dictionary {
  public:
    constexpr Dictionary(std::string_view name, std::span<const Option> options)
        : name_(name), options_(options) {}
    std::string_view name() const { return name_; }
    std::span<const Option> options() const { return options_; }
    bool contains(std::string_view value) const { return find(value) != nullptr; }
    const Option* find(std::string_view value) const;
    // Accepts the code, the Chinese label or the English label (case-insensitive), as people
    // type any of them into a spreadsheet; returns nullptr when nothing matches.
    const Option* find_any(std::string_view text) const;
    // "a、b、c" in Chinese, "a, b, c" in English: used in validation messages.
    std::string labels(std::string_view lang) const;

  private:
    std::string_view name_;
    std::span<const Option> options_;
};

namespace dict {
extern const Dictionary region_level;
extern const Dictionary institution_kind;
extern const Dictionary locality;
extern const Dictionary gender;
extern const Dictionary staff_role;
extern const Dictionary subject;
extern const Dictionary title;
extern const Dictionary backbone;
extern const Dictionary health;
extern const Dictionary user_role;
// Pairing work (issue 3). pairing_dimension, activity_type and material_category hold the
// built-in entries of dictionaries admins may extend (store/dictionary_repository.hpp checks
// values against both).
extern const Dictionary program_kind;
extern const Dictionary program_status;
extern const Dictionary leading_group_role;
extern const Dictionary pairing_dimension;
extern const Dictionary pairing_status;
extern const Dictionary plan_kind;
extern const Dictionary plan_approval;
extern const Dictionary task_metric;
extern const Dictionary activity_type;
extern const Dictionary donation_kind;
extern const Dictionary donor_kind;
extern const Dictionary material_category;
extern const Dictionary resource_kind;
extern const Dictionary stage;
// One-to-one aid (issue 5, aid cases): the kinds of help (cadence kinds and record kinds), who
// helps, and the units of a cadence.
extern const Dictionary aid_help_kind;
extern const Dictionary aid_helper_kind;
extern const Dictionary aid_cadence_unit;
// Every dictionary, for GET /api/v1/dictionaries.
std::span<const Dictionary* const> all();
}  // namespace dict

}  // namespace bangfu::core
