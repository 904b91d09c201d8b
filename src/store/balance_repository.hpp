#pragma once
// The balance index in the store (issue 13): the schools' resources per school year (办学条件),
// the balance policies of the regions, and the county / city / province figures computed from
// them by core/balance.
//
// Who reads what:
// - a school's inputs and its own figures: whoever reads the institution (Scope::institutions);
//   written by its admins and the bureau admins above it (check_institution_write);
// - a county's table (every school's figures) and the counties side by side: the system admin,
//   and bureau admins and inspectors whose region holds it; others are answered 404;
// - a region's policy: read with the region's figures; written by the system admin and by bureau
//   admins for their own region and below (a province sets its own standards).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/balance.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::balance {

// The school year under way today in China: from September on, the one starting this year.
std::int64_t current_school_year();

// ---- a school's inputs ----------------------------------------------------------------------

// What the registry already knows, offered as the form's default with where it came from.
struct Default {
    std::int64_t value = 0;
    core::Text source;
};

struct ConditionsView {
    std::int64_t institution = 0;
    std::string name;
    std::string kind;
    bool takes_part = false;
    std::int64_t school_year = 0;
    std::optional<core::balance::SchoolConditions> conditions;  // entered for this year
    std::optional<core::balance::SchoolConditions> previous;    // the latest earlier year
    std::optional<Default> backbone_teachers;
    std::optional<Default> pe_arts_teachers;
    std::optional<Default> students;  // the registry's student count (not split by stage)
};
boost::json::object to_json(const ConditionsView& v, std::string_view lang);

// `school_year` defaults to the current one. 404 when the institution is not readable.
ConditionsView get_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                              std::optional<std::int64_t> school_year);
// Replaces the year's inputs (every field required). 403 out of scope, 422 on bad input, in one
// transaction with its audit entry.
ConditionsView put_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                              std::optional<std::int64_t> school_year,
                              const boost::json::object& body);
void delete_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                       std::optional<std::int64_t> school_year);
// For imports, inside the caller's write transaction: checks scope (403 as a row error upstream)
// and the kind, validates, saves and audits one school's year. Throws core::Error.
void save_conditions(Connection& c, const core::Actor& a, const core::balance::SchoolConditions& x);

// ---- figures --------------------------------------------------------------------------------

struct RegionRef {
    std::string code;
    std::string name;
    std::string level;
    std::string path;
};

struct CountyFigures {
    RegionRef region;
    std::int64_t year = 0;
    core::balance::BalancePolicy policy;
    core::balance::CountyBalance result;
    // The year before, when the county has inputs for it: the pairing effect compares them.
    std::optional<std::int64_t> previous_year;
    std::optional<core::balance::CountyBalance> previous;
    std::vector<core::balance::StageEffect> effect;
};
boost::json::object to_json(const CountyFigures& f, std::string_view lang);

// A county's table for a school year. 422 when the region is not a county.
CountyFigures county(Connection& c, const core::Actor& a, const std::string& region,
                     std::int64_t year);

struct CountyRow {
    RegionRef region;
    std::string parent_name;  // the city, to tell counties of a province apart
    core::balance::CountyBalance result;
    std::int64_t schools = 0;  // taking part
};
struct CountiesFigures {
    RegionRef region;
    std::int64_t year = 0;
    std::vector<CountyRow> counties;
};
boost::json::object to_json(const CountiesFigures& f, std::string_view lang);
// Every county of a city, a province (or one county), side by side.
CountiesFigures counties(Connection& c, const core::Actor& a, const std::string& region,
                         std::int64_t year);

// Year over year for a county: every school year with inputs.
boost::json::object county_trend(Connection& c, const core::Actor& a, const std::string& region,
                                 std::string_view lang);
// Year over year for a school: its figures, what it misses, and the county's CVs and its share
// of them (aggregates only: an institution's users see no other school's figures).
boost::json::object school_trend(Connection& c, const core::Actor& a, std::int64_t institution,
                                 std::string_view lang);

// ---- policy ---------------------------------------------------------------------------------

core::balance::BalancePolicy get_policy(Connection& c, const core::Actor& a,
                                        const std::string& region);
core::balance::BalancePolicy put_policy(Connection& c, const core::Actor& a,
                                        const std::string& region, const boost::json::object& body);
// Back to what the region inherits.
core::balance::BalancePolicy delete_policy(Connection& c, const core::Actor& a,
                                           const std::string& region);

}  // namespace bangfu::store::balance
