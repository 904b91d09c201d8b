#pragma once
// What `bangfu backup` and `bangfu restore` need from the database (issue 17): SQLite's online
// backup (a consistent copy while the server keeps serving), the row count of every table (the
// manifest a restore is checked against), and whether a database is empty.
#include <cstdint>
#include <map>
#include <string>

#include "store/connection.hpp"

namespace bangfu::store::backup {

// Copies the SQLite database at `from` into a new file `to` with the online backup API: readers
// and writers of `from` go on meanwhile, and the copy is one consistent state of it.
// Which database sqlite_copy reads: a live one (in use by a server: WAL) or a backup file.
enum class SourceKind { live, backup_file };
void sqlite_copy(const std::string& from, const std::string& to, SourceKind kind);

// Every table of the schema with its number of rows (SQLite: sqlite_master; PostgreSQL: the
// tables of the current schema), in the connection's current transaction if one is open.
std::map<std::string, std::int64_t> table_counts(Connection& c);

// Whether the database holds no table at all (a restore only goes into an empty one).
bool is_empty(Connection& c);

}  // namespace bangfu::store::backup
