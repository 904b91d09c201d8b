#pragma once
#include <memory>

#include "store/connection.hpp"

namespace bangfu::store {

std::unique_ptr<Connection> open_postgres(const std::string& uri, const std::string& shown);
// "?" placeholders → "$1, $2, …", leaving quoted literals and identifiers alone.
std::string to_postgres_placeholders(std::string_view sql);

}  // namespace bangfu::store
