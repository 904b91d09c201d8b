#include "store/report_dashboard.hpp"

#include "store/clock.hpp"
#include "store/dispatch_facts.hpp"
#include "store/four_haves_repository.hpp"
#include "store/pairing_work_facts.hpp"
#include "store/people_helped_facts.hpp"
#include "store/task_repository.hpp"

namespace bangfu::store::reports {

DashboardFacts dashboard(Connection& c, const core::Actor& a, const core::report::Scope& scope,
                         int year) {
    Transaction tx(c, Transaction::read);
    DashboardFacts d;
    d.scope = resolve_scope(c, a, scope);
    d.year = pairing_work_facts(c, a, d.scope, year);
    d.now.today = core::format_date(today_china());
    d.dispatch = dispatch_facts(c, a, d.scope, year);
    d.dispatch.by_year = dispatch_by_school_year(c, a, d.scope, year - 4, year);

    Where w;
    scope_report_pairings(a, d.scope, w);
    w.add("pr.status = 'active'");
    d.now.active_pairings = c.query_int("SELECT COUNT(*) FROM pairings pr" + w.sql(), w.params());

    // The repositories' own rules (four haves as of today, task progress), run as a reader of
    // exactly this scope.
    auto reader = scope_reader(a, d.scope);
    ListQuery q;
    q.page_size = 1;
    if (scope.kind == "program") q.filters["program"] = scope.id;
    if (scope.kind == "region") q.filters["region"] = scope.id;
    d.now.non_compliant_pairings = four_haves::non_compliant(c, reader, q).total;
    ListQuery tq;
    tq.page_size = 1;
    tq.filters["overdue"] = "true";
    if (scope.kind == "program") tq.filters["program"] = scope.id;
    d.now.overdue_tasks = tasks::list(c, reader, tq).total;
    d.people_helped = people_helped_facts(c, a, d.scope, year);
    tx.commit();
    return d;
}

}  // namespace bangfu::store::reports
