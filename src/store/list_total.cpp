#include "store/list_total.hpp"

#include <string>

namespace bangfu::store {

bool unfiltered(const ListQuery& q) {
    if (!q.q.empty()) return false;
    for (const auto& [k, v] : q.filters)
        if (k != "archived") return false;
    return true;
}

std::optional<std::int64_t> rollup_total(Connection& c, const Scope& scope, std::string_view entity,
                                         bool archived) {
    if (!scope.everything() && !scope.regional()) return std::nullopt;
    Where w;
    w.add("sc.entity = ? AND sc.archived = ?", {std::string(entity), std::int64_t{archived}});
    scope.subtree_rows(w, "sc");
    return c.query_int("SELECT COALESCE(SUM(sc.n), 0) FROM scope_counts sc" + w.sql(), w.params());
}

Listing listing_scope(Connection& c, const Scope& scope, std::string_view entity,
                      const ListQuery& q, std::string_view name_sort) {
    bool archived = false;
    if (auto it = q.filters.find("archived"); it != q.filters.end())
        archived = parse_bool_filter(it->first, it->second);
    // The rollup serves the total of an unfiltered page, and the choice of the walk below.
    if (!scope.regional() && !unfiltered(q)) return {scope, std::nullopt};
    Listing out{scope, rollup_total(c, scope, entity, archived)};
    if (!scope.regional() || !out.rows) return out;
    if (!q.sort.empty() && q.sort != name_sort) return out;
    auto in_scope = *out.rows;
    auto in_table = rollup_total(c, Scope::all(), entity, archived).value_or(0);
    std::int64_t page_end = q.page * q.page_size;
    // Walk when page_end × in_table / in_scope < in_scope (kept in integers, without overflow
    // for any realistic table).
    if (in_scope > 0 && page_end * in_table < in_scope * in_scope)
        out.scope = scope.walking_listing();
    return out;
}

std::int64_t count_up_to(Connection& c, std::string_view from, const Where& w, std::int64_t limit) {
    return c.query_int("SELECT COUNT(*) FROM (SELECT 1 FROM " + std::string(from) + w.sql() +
                           " LIMIT " + std::to_string(limit) + ") capped",
                       w.params());
}

}  // namespace bangfu::store
