#pragma once
// The aggregates behind the pairing-work sections of a yearly report (core/pairing_work_summary),
// for one resolved scope and a calendar year, inside the actor's data scope. Records count in
// the year of their date: activities by start date, donations by date donated, inspections by
// date inspected; pairings and plans when in force at some time in the year; programs' leading
// groups as they stand, policy documents issued by the end of the year; shared resources by
// the year they were shared (created).
#include "core/pairing_work_summary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

core::report::PairingWorkFacts pairing_work_facts(Connection& c, const core::Actor& a,
                                                  const ResolvedScope& s, int year);

}  // namespace bangfu::store::reports
