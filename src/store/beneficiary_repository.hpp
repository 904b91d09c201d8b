#pragma once
// Beneficiaries (students and households) under data scope, with their personal data guarded:
// reads return the record, the caller masks it unless may_see_personal(); every unmasked read is
// written to the audit log (audit_personal_read) — who, when, which record, which fields.
#include <boost/json.hpp>
#include <string_view>

#include "core/beneficiary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::beneficiaries {

// Read scope: Scope::beneficiaries (store/scope.hpp).

// Filters: kind, institution, region (subtree), category, poverty_cause, grade, archived.
// `q` matches a name (contains); a full 18-character ID number matches exactly, and only then —
// a partial ID number matches nothing, so search cannot be used to guess digits.
Page<core::Beneficiary> list(Connection& c, const core::Actor& a, const ListQuery& q);
// With household members. Out of scope = 404.
core::Beneficiary get(Connection& c, const core::Actor& a, std::int64_t id);
// For other modules (aid cases): 404 unless the actor may read this beneficiary.
void check_readable(Connection& c, const core::Actor& a, std::int64_t id);
// Whether the actor may see ID numbers, phones, addresses and family situations unmasked:
// holders of the 'beneficiary_personal' permission (system admins implicitly).
bool may_see_personal(const core::Actor& a);
// Records an unmasked read of one beneficiary's personal data (`via`: "detail", "export").
void audit_personal_read(Connection& c, const core::Actor& a, const core::Beneficiary& x,
                         std::string_view via);

// Institution admins for their institution, bureau admins in their subtree, system admins.
// Students belong to a school, households to a village (institution kind 'village').
core::Beneficiary create(Connection& c, const core::Actor& a, core::Beneficiary x,
                         core::FieldErrors errors, bool in_transaction = false);
// A PATCH: only the fields sent change; "members" replaces the household's members.
core::Beneficiary update(Connection& c, const core::Actor& a, std::int64_t id,
                         const boost::json::object& patch);
enum class Removal { deleted, archived };
// A beneficiary with aid cases is archived, not deleted (their history stays whole).
Removal remove(Connection& c, const core::Actor& a, std::int64_t id);

// Beneficiary statistics in scope. Filters: region, institution, kind.
struct CategoryCount {
    std::string value;  // a category (or poverty cause) code
    std::int64_t students = 0;
    std::int64_t households = 0;
};
struct InstitutionCount {
    std::int64_t institution = 0;
    std::string name;
    std::int64_t students = 0;
    std::int64_t households = 0;
};
struct Stats {
    std::int64_t students = 0;
    std::int64_t households = 0;
    std::vector<CategoryCount> by_category;        // every category, in dictionary order
    std::vector<CategoryCount> by_poverty_cause;   // every cause (households)
    std::vector<InstitutionCount> by_institution;  // most beneficiaries first
};
Stats stats(Connection& c, const core::Actor& a, const ListQuery& q);
boost::json::object to_json(const Stats& s);

}  // namespace bangfu::store::beneficiaries
