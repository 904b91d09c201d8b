#pragma once
// Versioned schema migrations, recorded in schema_migrations. One SQL text per migration serves
// both engines; the few type differences are written as {{PLACEHOLDERS}}.
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace bangfu::store {

struct MigrationStatus {
    int current = 0;  // highest applied version
    int latest = 0;   // highest version this binary knows
};

// Applies every pending migration, each in its own transaction; returns the versions applied.
std::vector<int> migrate(Connection& c);
MigrationStatus migration_status(Connection& c);
// The SQL of a migration as run on `engine` (exposed for tests).
std::string render_migration_sql(std::string_view sql, Engine engine);

}  // namespace bangfu::store
