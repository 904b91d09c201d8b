#pragma once
// The scope of a report (a program, a region subtree, an institution) resolved against the
// database and the actor, and the SQL conditions that keep a report's aggregates inside it.
// Every aggregate of a report applies two conditions: the report's scope AND the actor's data
// scope (store/work_scope.hpp), so a report never counts a record outside either.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/pairing_work_summary.hpp"
#include "core/user.hpp"
#include "core/yearly_report.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::reports {

struct ResolvedScope {
    core::report::Scope scope;
    core::Text name;
    // The region path that governs the scope: the program owner's, the region's, or the
    // institution's region's. A bureau admin whose subtree holds it may lock the report.
    std::string path;
    std::int64_t numeric_id = 0;  // program or institution id (0 for a region)
    core::report::LinkContext links(int year) const;
};

// 404 when the program / region / institution does not exist or the actor may not read it.
// Institution roles report on their own institution; a program's report is for system admins and
// the bureau admins and inspectors over the program's region (403 for others, who read the
// program only in part).
ResolvedScope resolve_scope(Connection& c, const core::Actor& a, const core::report::Scope& s);

// For a region or institution scope, an actor whose data scope is exactly the scope's (a bureau
// admin of the region, an institution admin of the institution): for the "as of today" figures
// computed by repositories that take an actor (four haves, overdue tasks). resolve_scope has
// established that the real actor reads at least as much. For a program scope, `a` itself.
core::Actor scope_reader(const core::Actor& a, const ResolvedScope& s);

// Conditions (report scope AND actor scope) over:
// programs `p`,
void scope_report_programs(const core::Actor& a, const ResolvedScope& s, Where& w);
// pairings `pr`,
void scope_report_pairings(const core::Actor& a, const ResolvedScope& s, Where& w);
// work rows `<alias>` with columns program and pairing (plans, inspections, activities,
// donations). For an institution, its pairings' rows only (`extra_institution_columns`, e.g.
// donations' recipient_institution, add rows that name the institution directly).
void scope_report_work(const core::Actor& a, const ResolvedScope& s, Where& w,
                       std::string_view alias,
                       std::initializer_list<std::string_view> extra_institution_columns = {});

}  // namespace bangfu::store::reports
