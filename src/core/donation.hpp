#pragma once
// Donations and material support (捐赠/资助): funds in fen, or materials with a category,
// quantity, unit and valued amount; from an institution, a staff member, a students' collection
// or an outside donor; to a recipient institution, under a program and optionally a pairing.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Donation {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived, for display
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived: "supporter → recipient"
    std::string kind;           // dict::donation_kind: funds / materials
    std::string donated_on;     // YYYY-MM-DD
    std::string donor_kind;     // dict::donor_kind
    std::optional<std::int64_t> donor_institution;
    std::string donor_institution_name;  // derived
    std::optional<std::int64_t> donor_staff;
    std::string donor_staff_name;  // derived
    std::string donor_name;        // outside donor, or which students ("六年级全体学生")
    // Optional on create when a pairing is given: the store fills in the pairing's recipient.
    std::optional<std::int64_t> recipient_institution;
    std::string recipient_institution_name;  // derived
    // The table also has recipient_beneficiary, which stays NULL until beneficiaries exist
    // (issue 5); it is deliberately neither read nor written here, so no client can set a value
    // that nothing could show or check yet.
    std::int64_t amount_fen = 0;           // funds: the amount; materials: the valued amount
    std::optional<std::string> category;   // materials: dictionary material_category
    std::optional<std::int64_t> quantity;  // materials
    std::string unit;                      // materials: 件, 套, 台, 册 …
    std::string purpose;
    std::string note;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> donation_labels();
boost::json::object to_json(const Donation& x);
void read_json(Donation& x, const boost::json::object& o, FieldErrors& e);
// The rules that need no database: funds vs materials, the donor's fields for each donor kind,
// amounts, dates (not after `today`), lengths. The category's dictionary, the existence of the
// referenced rows and the recipient's place in the pairing are checked by the store.
FieldErrors validate(const Donation& x, const Date& today);
// The donor as one line for lists and exports: the institution, the staff member, the students
// ("通城县实验小学 六年级全体学生") or the outside donor.
std::string donor_display(const Donation& x);

}  // namespace bangfu::core
