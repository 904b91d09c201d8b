#include "store/backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

namespace bangfu::store::backup {

namespace {
struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteCloser>;

SqlitePtr open(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    SqlitePtr db(raw);
    if (rc != SQLITE_OK)
        throw std::runtime_error("cannot open " + path + ": " +
                                 (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

struct BackupFinisher {
    void operator()(sqlite3_backup* b) const { sqlite3_backup_finish(b); }
};
}  // namespace

void sqlite_copy(const std::string& from, const std::string& to, SourceKind kind) {
    if (std::filesystem::exists(to)) throw std::runtime_error(to + " already exists");
    // A live database in WAL mode is opened read-write (nothing is written through it): a
    // read-only connection cannot create the shared-memory file, so it fails to open whenever
    // the last other connection has just closed and removed it ("unable to open database file").
    auto source =
        open(from, kind == SourceKind::live ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
    auto target = open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    std::unique_ptr<sqlite3_backup, BackupFinisher> b(
        sqlite3_backup_init(target.get(), "main", source.get(), "main"));
    if (!b)
        throw std::runtime_error(std::string("cannot back up: ") + sqlite3_errmsg(target.get()));
    // Pages in steps, so a writer of the source is never held up for long; a write between two
    // steps restarts the copy from the beginning (the API guarantees a consistent result).
    for (;;) {
        int rc = sqlite3_backup_step(b.get(), 1024);
        if (rc == SQLITE_DONE) break;
        if (rc == SQLITE_OK) continue;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
    }
    int rc = sqlite3_backup_finish(b.release());
    if (rc != SQLITE_OK)
        throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(target.get()));
}

std::map<std::string, std::int64_t> table_counts(Connection& c) {
    std::string list = c.engine() == Engine::sqlite
                           ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite_%' ORDER BY name"
                           : "SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                             "ORDER BY table_name";
    std::map<std::string, std::int64_t> out;
    for (const auto& r : c.query(list)) {
        const auto& name = r.text(0);
        // The names come from the catalogue, not from a user; quoted all the same.
        out[name] = c.query_int("SELECT COUNT(*) FROM \"" + name + "\"");
    }
    return out;
}

bool is_empty(Connection& c) {
    return table_counts(c).empty();
}

}  // namespace bangfu::store::backup
