#pragma once
#include <memory>

#include "store/connection.hpp"

namespace bangfu::store {

// Opens a SQLite database with WAL, foreign keys and a busy timeout. With `create` false a
// missing file is an error (only `bangfu init` creates databases).
std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create);

}  // namespace bangfu::store
