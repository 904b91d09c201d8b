// Fixture of tests/store/scope_check.py: one scoped read, one listed unscoped read, one unlisted
// unscoped read (the check must fail naming leaky_get, and only it).
#include "store/scope.hpp"

namespace bangfu::store::widgets {

namespace {
constexpr std::string_view select_sql =
    "SELECT w.id, w.region_path FROM "
    "widgets w";

// Listed in the fixture's registry.
std::optional<Row> find(Connection& c, std::int64_t id) {
    return c.query_one(std::string(select_sql) + " WHERE w.id = ?", {id});
}
}  // namespace

// Scoped: the actor's scope is in the query.
std::vector<Row> list(Connection& c, const core::Actor& a) {
    Where w;
    Scope(a).subtree_rows(w, "w");
    return c.query(std::string(select_sql) + w.sql(), w.params());
}

// Unscoped and not listed: the check fails on it.
std::optional<Row> leaky_get(Connection& c, const core::Actor& a, std::int64_t id) {
    return c.query_one(
        "SELECT w.id FROM regions r JOIN "
        "widgets w ON w.region_path = r.path WHERE w.id = ?",
        {id});
}

// A write reads nothing.
void remove(Connection& c, std::int64_t id) {
    c.execute("DELETE FROM widgets WHERE id = ?", {id});
}

}  // namespace bangfu::store::widgets
