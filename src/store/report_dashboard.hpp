#pragma once
// The facts of a pairing-work dashboard (bureau, institution, program): the year's aggregates
// (the same as the yearly summary's, see pairing_work_facts.hpp) and today's four-haves
// compliance and overdue tasks, inside the scope and the actor's data scope.
#include "core/dispatch_summary.hpp"
#include "core/pairing_work_summary.hpp"
#include "core/people_helped_summary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

struct DashboardFacts {
    ResolvedScope scope;
    core::report::PairingWorkFacts year;
    core::report::CurrentFacts now;
    core::report::DispatchFacts dispatch;           // the school year ending in the year
    core::report::PeopleHelpedFacts people_helped;  // the "people helped" section's facts
};

DashboardFacts dashboard(Connection& c, const core::Actor& a, const core::report::Scope& scope,
                         int year);

}  // namespace bangfu::store::reports
