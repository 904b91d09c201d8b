#pragma once
// The "four haves" (四有) every program and pairing must show: organisation & leadership, a
// phased plan, an implementation plan, inspection & supervision. The check is pure: the store
// gathers the facts, this decides what is missing and says what to add.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace bangfu::core {

struct PlanFact {
    std::int64_t id = 0;
    std::string title;
    std::string kind;      // dict::plan_kind
    std::string approval;  // dict::plan_approval
    std::string start_date;
    std::string end_date;
};

struct FourHavesInput {
    // A pairing's organisation is its program's; the texts say so.
    bool pairing = false;
    // Roles (dict::leading_group_role) of the program's leading group members.
    std::vector<std::string> leading_group_roles;
    // The program's `office` text (the office that runs the daily work), when not a member row.
    std::string program_office;
    // The subject's own plans: program-level plans for a program, the pairing's for a pairing.
    std::vector<PlanFact> plans;
    // Dates of the inspections that count: of the program (any) for a program; of the pairing or
    // program-level ones of its program for a pairing.
    std::vector<std::string> inspection_dates;
    Date today;
};

struct FourHavesItem {
    std::string key;  // organisation, phased_plan, implementation_plan, inspection
    Text label;
    bool ok = false;
    std::vector<Text> missing;  // what to add, when not ok
};

struct FourHaves {
    std::vector<FourHavesItem> items;  // always the four, in that order
    bool complete = false;
    std::string reference_date;    // the date the check was made for
    std::string inspection_since;  // the first day of the 12-month inspection window
};

// The first day of the 12 months that end on `d` (the same day a year earlier; 28 February for
// 29 February).
Date twelve_months_before(const Date& d);
FourHaves check_four_haves(const FourHavesInput& in);
boost::json::object to_json(const FourHaves& x);
// The missing texts of every item, joined (for spreadsheets): "…；…" / "…; …".
Text missing_summary(const FourHaves& x);

}  // namespace bangfu::core
