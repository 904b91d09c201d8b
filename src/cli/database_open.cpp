#include "cli/database_open.hpp"

#include <stdexcept>

#include "store/migrations.hpp"

namespace bangfu::cli {

std::unique_ptr<store::Database> open_database(const std::string& url, bool create) {
    store::DatabaseUrl parsed;
    try {
        parsed = store::parse_database_url(url);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(e.what());
    }
    try {
        return std::make_unique<store::Database>(parsed, create);
    } catch (const store::DbError& e) {
        throw std::runtime_error(e.what());
    }
}

void require_current_schema(store::Database& db) {
    auto lease = db.acquire();
    auto status = store::migration_status(*lease);
    if (status.current < status.latest)
        throw std::runtime_error("the database schema is at version " +
                                 std::to_string(status.current) + " but this bangfu needs " +
                                 std::to_string(status.latest) + ": run bangfu migrate --db " +
                                 db.url().text);
    if (status.current > status.latest)
        throw std::runtime_error("the database schema (version " + std::to_string(status.current) +
                                 ") is newer than this bangfu knows (" +
                                 std::to_string(status.latest) + "): upgrade bangfu");
}

core::Actor cli_actor() {
    core::Actor a;
    a.username = "(cli)";
    a.role = core::Role::system_admin;
    return a;
}

}  // namespace bangfu::cli
