#pragma once
#include <memory>

#include "store/connection.hpp"

namespace bangfu::store {

// Opens a SQLite database with WAL, foreign keys and a busy timeout. With `create` false a
// missing file is an error (only `bangfu init` creates databases).
std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create);
// Tests only: connections opened from now on may grow the database by `pages` pages, then fail
// as on a full disk (serve --test-disk-full-after).
void set_sqlite_test_page_headroom(std::int64_t pages);

}  // namespace bangfu::store
