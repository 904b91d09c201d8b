#include "store/write_target.hpp"

#include <string>

namespace bangfu::store {

bool row_exists(Connection& c, std::string_view table, std::int64_t id) {
    return c.query_int("SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = ?", {id}) > 0;
}

}  // namespace bangfu::store
