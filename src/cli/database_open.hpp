#pragma once
#include <memory>
#include <string>

#include "core/user.hpp"
#include "store/database.hpp"

namespace bangfu::cli {

// Opens the database named by --db; throws std::runtime_error with one clear line on a bad URL,
// a missing file or a refused connection.
std::unique_ptr<store::Database> open_database(const std::string& url, bool create = false);
// Refuses to work on a database whose schema is older or newer than this binary's.
void require_current_schema(store::Database& db);
// The identity the command line acts as: a system administrator named "(cli)".
core::Actor cli_actor();

}  // namespace bangfu::cli
