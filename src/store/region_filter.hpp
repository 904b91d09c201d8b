#pragma once
// The `region` filter (a region code; its whole subtree) of the lists the yearly summary and
// the dashboards link to. Each matches exactly what a region's summary counts, so a figure and
// the list behind it agree:
// - dispatch rows (assignments, attachment study, appraisals, subsidy payments): the rows a
//   bureau of that region reads (store/dispatch_scope.hpp: the program or pairing is run in the
//   subtree, or either institution lies in it);
// - pairing work (pairings, plans, inspections, activities, donations, shared resources): the
//   rows a bureau of that region reads (store/work_scope.hpp);
// - aid cases and records: the helper's or the beneficiary's institution lies in the subtree
//   (as store/aid_case_repository.cpp scopes them for a bureau).
// An unknown region matches nothing. The actor's own scope still applies on top, so a region
// outside it gives an empty list, as the other lists' filters do.
#include <string>
#include <string_view>

#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// "<alias>.region_path in the subtree of the region `code`" on a table that carries region
// paths (institutions, staff, beneficiaries): one index range. No row for an unknown code.
void filter_region_rows(Connection& c, Where& w, const std::string& code, std::string_view alias);

void filter_dispatch_region(Connection& c, Where& w, const std::string& code,
                            std::string_view alias, std::string_view first_institution,
                            std::string_view second_institution);

// Work rows `<alias>` with columns program and pairing.
void filter_work_region(Connection& c, Where& w, const std::string& code, std::string_view alias);
// Work rows `<alias>` an admin of the institution reads (its pairings' rows, and program-level
// rows of the programs it takes part in): what an institution's dashboard counts.
void filter_work_institution(Where& w, std::int64_t institution, std::string_view alias);
// Programs `p`.
void filter_program_region(Connection& c, Where& w, const std::string& code);
// Pairings `pr`.
void filter_pairing_region(Connection& c, Where& w, const std::string& code);
// Rows whose `pairing_column` is one of those pairings (shared resources).
void filter_pairing_column_region(Connection& c, Where& w, const std::string& code,
                                  std::string_view pairing_column);

// Over `aid_cases ac JOIN beneficiaries b`.
void filter_aid_region(Connection& c, Where& w, const std::string& code);
// Inbound cohorts (`k`) the bureau of the region reads: hosted in its subtree or from it.
void filter_inbound_region(Connection& c, Where& w, const std::string& code);
// "<region_column> is a region code of the subtree of `code`" (a key range on regions.path).
void filter_region_codes(Connection& c, Where& w, const std::string& code,
                         std::string_view region_column);

}  // namespace bangfu::store
