#pragma once
// The aggregates behind the teacher-dispatch and appraisal section of a yearly report
// (core/dispatch_summary.hpp), for one resolved scope and the school year ending in `year`,
// inside the actor's data scope. The report scope over dispatch rows: a program's rows; a
// region's rows as its bureau reads them (the program run in the region, or either institution
// in it: store/dispatch_scope.hpp); an institution's rows where it is the sender or the recipient
// (home or host, for attachment study). Subsidies come from the entitlement computation of
// store/subsidy_repository (core/subsidy.hpp), restricted to the same assignments.
#include "core/dispatch_summary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

core::report::DispatchFacts dispatch_facts(Connection& c, const core::Actor& a,
                                           const ResolvedScope& s, int year);

// Person-times (not withdrawn) and distinct teachers of each school year ending in `first` to
// `last`, oldest first, with the same scope and year rules: the dashboard's trend.
std::vector<core::report::DispatchCount> dispatch_by_school_year(Connection& c,
                                                                 const core::Actor& a,
                                                                 const ResolvedScope& s, int first,
                                                                 int last);

}  // namespace bangfu::store::reports
