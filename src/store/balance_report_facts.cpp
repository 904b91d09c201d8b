#include "store/balance_report_facts.hpp"

#include "store/balance_repository.hpp"

namespace bangfu::store::reports {

core::report::BalanceFacts balance_facts(Connection& c, const core::Actor& a,
                                         const ResolvedScope& s, int year) {
    core::report::BalanceFacts f;
    if (s.scope.kind != "region") return f;
    auto level = c.query_one("SELECT level FROM regions WHERE code = ?", {s.scope.id});
    if (!level) return f;
    f.region = s.scope.id;
    // The report of year Y shows the school year (Y-1)-(Y), the one ending in it.
    f.school_year = year - 1;
    if (level->text(0) == "county") {
        auto figures = balance::county(c, a, s.scope.id, f.school_year);
        f.kind = core::report::BalanceFacts::Kind::county;
        f.county_name = figures.region.name;
        f.current = std::move(figures.result);
        f.previous = std::move(figures.previous);
    } else if (level->text(0) == "city" || level->text(0) == "province") {
        auto figures = balance::counties(c, a, s.scope.id, f.school_year);
        f.kind = core::report::BalanceFacts::Kind::counties;
        for (auto& row : figures.counties)
            f.counties.push_back({row.region.code, row.region.name, row.parent_name,
                                  std::move(row.result), row.schools});
    }
    return f;
}

}  // namespace bangfu::store::reports
