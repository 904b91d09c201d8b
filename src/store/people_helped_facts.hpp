#pragma once
// The aggregates behind the "people helped" section of a yearly report
// (core/people_helped_summary.hpp), for one resolved scope and a calendar year, inside the
// actor's data scope. The aid and inbound-student figures are the aid and inbound statistics
// (store/aid_record_repository, aid_case_repository alerts, inbound_cohort_repository) run with
// the scope's filter, so a report and the statistics pages always agree.
//
// What belongs to a scope:
// - institution: beneficiaries of the institution (a student's school, a household's village);
//   aid cases whose helper or beneficiary belongs to it; cohorts it hosts.
// - region (and every region below): beneficiaries of its institutions; aid cases whose helper's
//   or beneficiary's institution lies in it; cohorts hosted in it or coming from it (the aid
//   and inbound scope rules of a bureau of that region).
// - program: aid cases of the program (aid_cases.program) and their beneficiaries; cohorts of
//   the program (inbound_cohorts.program). Aid cases without a program count in institution and
//   region reports only.
// Each is intersected with the actor's data scope (a teacher's institution report counts the
// teacher's own cases).
//
// What belongs to a year: beneficiaries and cases with an aid case running at some time in the
// year; aid records by their date; cohorts of the school year starting in the year (2025 =
// 2025–2026); cadences overdue on the year's last day, or today while the year runs.
#include "core/people_helped_summary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

core::report::PeopleHelpedFacts people_helped_facts(Connection& c, const core::Actor& a,
                                                    const ResolvedScope& s, int year);

}  // namespace bangfu::store::reports
