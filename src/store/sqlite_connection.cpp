#include "store/sqlite_connection.hpp"

#include <sqlite3.h>

#include <atomic>

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>

namespace bangfu::store {

namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Page cache and memory map, per connection (`serve` opens one per database worker, 4 by
// default). SQLite's defaults, a 2 MB page cache and no map, make every scan of a file larger
// than 2 MB a series of read() calls copying pages into each connection's private cache.
// Measured on the bench/ registry (87 MB file, 400,000 staff; bench/README.md, "SQLite page
// cache and mmap_size"), server CPU ms per request at 1 connection, main 48e7398, without
// statistics, load average 9-13:
//
//   cache, mmap            2 MB, 0   64 MB, 0   2 MB, 2 GB   64 MB, 2 GB   256 MB, 2 GB
//   county inspector,
//     institutions list      24.8       16.4       14.7         16.7          15.3
//     staff list             1365        835        568          517           594
//   school, staff list        893        644        512          473           476
//   point reads (staff details, the school's institutions list): 0.11-0.52 in every column
//   (noise)
//
// The map does most of the work (scans 1.7-2.4x cheaper); a 64 MB cache adds a little for the
// pages a write dirties and the part of a larger file outside the map; 256 MB gains nothing
// more. mmap_size is capped at SQLITE_MAX_MMAP_SIZE (0x7fff0000, 2 GiB, in Debian's build), so
// a 1-3 GB file is mapped up to 2 GiB; mapped pages live in the OS page cache, shared by all
// connections, so only the 64 MB page cache is per connection (256 MB at most for 4 workers, on
// a server holding a 1-3 GB database).
constexpr std::int64_t cache_kib = 64 * 1024;
constexpr std::int64_t mmap_size_bytes = std::int64_t{2} << 30;

// Tests only (serve --test-disk-full-after): a database that can grow this many pages more,
// then fails as a full disk does (SQLITE_FULL). 0: no limit.
std::atomic<std::int64_t> test_page_headroom{0};

class SqliteConnection final : public Connection {
  public:
    SqliteConnection(const std::string& path, bool create) {
        if (!create && path != ":memory:" && !std::filesystem::exists(path))
            throw DbError(DbError::Kind::connection,
                          "database file " + path +
                              " does not exist (create it with: bangfu init --db sqlite:" + path +
                              ")");
        sqlite3* raw = nullptr;
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
        int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
        db_.reset(raw);
        if (rc != SQLITE_OK)
            throw DbError(DbError::Kind::connection,
                          "cannot open database file " + path + ": " +
                              (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
        sqlite3_extended_result_codes(db_.get(), 1);
        // WAL lets readers run beside the writer; NORMAL sync in WAL mode keeps every committed
        // transaction across a process crash (kill -9), which is what DESIGN.md §7 asks.
        execute_script(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        // Page cache and memory map: see cache_kib and mmap_size_bytes above.
        execute_script("PRAGMA cache_size=-" + std::to_string(cache_kib) +
                       "; PRAGMA mmap_size=" + std::to_string(mmap_size_bytes) + ";");
        sqlite3_busy_timeout(db_.get(), 5000);
        if (auto headroom = test_page_headroom.load(); headroom > 0) {
            auto pages = query_int("PRAGMA page_count");
            execute_script("PRAGMA max_page_count=" + std::to_string(pages + headroom));
        }
    }

    Engine engine() const override { return Engine::sqlite; }

    Rows query(std::string_view sql, const Params& params) override {
        sqlite3_stmt* s = prepare(sql, params);
        Rows rows;
        int cols = sqlite3_column_count(s);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            std::vector<std::optional<std::string>> cells(static_cast<std::size_t>(cols));
            for (int i = 0; i < cols; ++i) {
                if (sqlite3_column_type(s, i) == SQLITE_NULL) continue;
                auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
                cells[static_cast<std::size_t>(i)] =
                    std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
            }
            rows.emplace_back(std::move(cells));
        }
        finish(s, rc);
        return rows;
    }

    std::int64_t execute(std::string_view sql, const Params& params) override {
        sqlite3_stmt* s = prepare(sql, params);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        }
        finish(s, rc);
        return sqlite3_changes64(db_.get());
    }

    void execute_script(std::string_view sql) override {
        std::string text(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
        std::unique_ptr<char, decltype(&sqlite3_free)> guard(err, sqlite3_free);
        if (rc != SQLITE_OK) fail(rc, err ? err : sqlite3_errstr(rc));
    }

    void begin(bool write) override { execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (!sqlite3_get_autocommit(db_.get())) execute_script("ROLLBACK");
    }
    bool healthy() const override { return sqlite3_get_autocommit(db_.get()) != 0; }
    bool in_transaction() const override { return sqlite3_get_autocommit(db_.get()) == 0; }

  private:
    sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
        // Statements are cached per connection: the same few queries run over and over.
        auto it = cache_.find(std::string(sql));
        if (it == cache_.end()) {
            sqlite3_stmt* raw = nullptr;
            int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
            StmtPtr stmt(raw);
            if (rc != SQLITE_OK)
                fail(rc, sqlite3_errmsg(db_.get()) + std::string(" in: ") + std::string(sql));
            it = cache_.emplace(std::string(sql), std::move(stmt)).first;
        }
        sqlite3_stmt* s = it->second.get();
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        for (std::size_t i = 0; i < params.size(); ++i) {
            int idx = static_cast<int>(i + 1);
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>)
                        sqlite3_bind_null(s, idx);
                    else if constexpr (std::is_same_v<T, std::int64_t>)
                        sqlite3_bind_int64(s, idx, v);
                    else if constexpr (std::is_same_v<T, double>)
                        sqlite3_bind_double(s, idx, v);
                    else
                        sqlite3_bind_text(s, idx, v.data(), static_cast<int>(v.size()),
                                          SQLITE_TRANSIENT);
                },
                params[i]);
        }
        return s;
    }

    void finish(sqlite3_stmt* s, int rc) {
        if (rc == SQLITE_DONE) {
            sqlite3_reset(s);
            return;
        }
        std::string msg = sqlite3_errmsg(db_.get());
        sqlite3_reset(s);
        fail(rc, msg);
    }

    [[noreturn]] void fail(int rc, const std::string& msg) {
        switch (rc) {
            case SQLITE_CONSTRAINT_UNIQUE:
            case SQLITE_CONSTRAINT_PRIMARYKEY:
                throw DbError(DbError::Kind::unique_violation, msg);
            case SQLITE_CONSTRAINT_FOREIGNKEY:
                throw DbError(DbError::Kind::foreign_key_violation, msg);
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                throw DbError(DbError::Kind::busy, msg);
            default:
                if ((rc & 0xff) == SQLITE_FULL)
                    throw DbError(DbError::Kind::storage_full, "SQLite: " + msg);
                if ((rc & 0xff) == SQLITE_READONLY)
                    throw DbError(DbError::Kind::read_only, "SQLite: " + msg);
                throw DbError(DbError::Kind::other, "SQLite: " + msg);
        }
    }

    std::unique_ptr<sqlite3, DbCloser> db_;
    std::unordered_map<std::string, StmtPtr> cache_;
};

}  // namespace

void set_sqlite_test_page_headroom(std::int64_t pages) {
    test_page_headroom = pages;
}

std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create) {
    return std::make_unique<SqliteConnection>(path, create);
}

}  // namespace bangfu::store
