#pragma once
// Beneficiaries (帮扶对象): the students and households helped one to one (issue 5). Their ID
// numbers, phones, addresses and family situation are personal data of minors and poor families:
// masked everywhere unless the reader holds the 'beneficiary_personal' permission, and each
// unmasked read is audited (store/beneficiary_repository.hpp).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

namespace dict {
extern const Dictionary beneficiary_kind;      // student, household
extern const Dictionary beneficiary_category;  // registered_poor (建档立卡), subsistence, …
extern const Dictionary poverty_cause;         // lack_labour, illness, disability, education, …
extern const Dictionary labour_capacity;       // full, weak, none
extern const Dictionary member_health;         // healthy, chronic, serious, disabled
}  // namespace dict

// The permission that lets a user read beneficiaries' personal data unmasked.
inline constexpr std::string_view beneficiary_personal_permission = "beneficiary_personal";

struct HouseholdMember {
    std::int64_t id = 0;
    std::string name;
    std::string relation;  // to the head: 户主, 配偶, 子女, …
    std::string gender;    // dict::gender or empty
    std::optional<std::string> birth_date;
    std::string labour_capacity;  // dict::labour_capacity or empty
    std::string health;           // dict::member_health or empty
    std::string occupation;
    std::string note;
};

struct Beneficiary {
    std::int64_t id = 0;
    std::string kind = "student";  // dict::beneficiary_kind
    std::string name;              // the student, or the head of the household
    std::string gender;            // dict::gender (required for students)
    std::optional<std::string> birth_date;
    std::string id_number;         // 18 characters (GB 11643) or empty
    std::int64_t institution = 0;  // the school of a student, the village of a household
    std::string institution_name;  // derived
    std::string grade;
    std::string class_name;
    std::vector<std::string> categories;  // dict::beneficiary_category
    std::string guardian_name;
    std::string guardian_relation;
    std::string phone;  // the guardian's or the household's contact
    std::string address;
    std::string family_situation;
    std::vector<std::string> poverty_causes;  // dict::poverty_cause (households)
    std::optional<std::int64_t> annual_income_fen;
    std::string measures;
    std::vector<HouseholdMember> members;  // households only
    bool archived = false;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> beneficiary_labels();

// GB 11643 citizen ID number: 17 digits and a check digit (0–9 or X, ISO 7064 MOD 11-2), with a
// real date of birth in characters 7–14. An empty optional when valid, else why not.
std::optional<Text> id_number_problem(std::string_view id_number);
// The check digit of the first 17 digits (which must be digits).
char id_number_check_digit(std::string_view first17);
// The date of birth written in a (valid) ID number, "YYYY-MM-DD".
std::string id_number_birth_date(std::string_view id_number);
// Upper-cases a trailing x and trims, as people type it.
std::string normalise_id_number(std::string_view text);
// A full ID number as a search would type it: exactly 18 characters, 17 digits and a digit or X.
// Searches match such a text exactly and never by part (a partial number must not be a way to
// guess the digits of someone's ID).
bool looks_like_full_id_number(std::string_view text);

// 510182201003151234 → 510***********1234: the region's first digits and the last four stay,
// the date of birth never shows. Anything not 18 characters long becomes "******".
std::string mask_id_number(std::string_view id_number);
// Addresses and family situations hide completely.
std::string mask_text(std::string_view text);

// Whether any of the personal fields holds something (so "masked" means something was hidden).
bool has_personal_data(const Beneficiary& x);
// `mask_personal` hides ID number, phone, address and family situation and sets
// "personal_masked".
boost::json::object to_json(const Beneficiary& x, bool mask_personal);
// Fields sent (create: all; PATCH: only those present). "members" replaces the whole list.
// "annual_income" is yuan text (exact, e.g. "3650.50") → annual_income_fen.
void read_json(Beneficiary& x, const boost::json::object& o, FieldErrors& e);
// Fills an empty date of birth from the ID number (nothing typed is overwritten).
void complete_from_id_number(Beneficiary& x);
FieldErrors validate(const Beneficiary& x, const Date& today);

}  // namespace bangfu::core
