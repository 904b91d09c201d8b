#pragma once
#include <chrono>
#include <memory>

#include "store/connection.hpp"

namespace bangfu::store {

std::unique_ptr<Connection> open_postgres(const std::string& uri, const std::string& shown);
// How long a statement may wait for PostgreSQL's answer before the connection is abandoned and
// the request answered 503 (0, the default: no limit, for the command line's long statements).
// `bangfu serve --db-timeout` sets it for the whole process.
void set_postgres_statement_deadline(std::chrono::milliseconds limit);
// "?" placeholders → "$1, $2, …", leaving quoted literals and identifiers alone.
std::string to_postgres_placeholders(std::string_view sql);

}  // namespace bangfu::store
