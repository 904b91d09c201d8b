#pragma once
// Versioned schema migrations, recorded in schema_migrations. One SQL text per migration serves
// both engines; the few type differences are written as {{PLACEHOLDERS}}.
#include <cstddef>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace bangfu::store {

struct MigrationStatus {
    int current = 0;  // highest applied version
    int latest = 0;   // highest version this binary knows
};

// Applies every pending migration, each in its own transaction; returns the versions applied.
// When any was applied, the planner statistics are refreshed (refresh_statistics).
std::vector<int> migrate(Connection& c);
MigrationStatus migration_status(Connection& c);
// The highest schema version this binary knows.
int latest_version();
// Refreshes the query planner's statistics (ANALYZE) of `tables`, or of every table when empty:
// after migrations and after imports of many rows, so the planner picks the right indexes on
// tables of 100,000s of rows (SQLite never gathers statistics by itself; without them the
// institutions list was 4x slower, bench/README.md). Call it after committing the rows, outside
// the write transaction, so the write lock is not held while it reads.
void refresh_statistics(Connection& c, const std::vector<std::string>& tables = {});
// An import of at least this many rows refreshes the statistics of the tables it filled.
inline constexpr std::size_t statistics_after_import_rows = 1000;
// The SQL of a migration as run on `engine` (exposed for tests).
std::string render_migration_sql(std::string_view sql, Engine engine);

}  // namespace bangfu::store
