#include "cli/backup_command.hpp"

#include <sodium.h>
#include <spawn.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/database_open.hpp"
#include "store/backup.hpp"
#include "store/clock.hpp"
#include "store/migrations.hpp"

extern char** environ;

namespace bangfu::cli {

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// A backup is two files: FILE (the SQLite database copy, or pg_dump's custom archive) and
// FILE.manifest (JSON: engine, schema version, SHA-256 of FILE, rows per table), so a restore
// can check that FILE is whole, that this bangfu can read it, and that every row came back.
struct Manifest {
    std::string engine;
    int schema_version = 0;
    std::string sha256;
    std::map<std::string, std::int64_t> tables;
};

std::string manifest_path(const std::string& file) {
    return file + ".manifest";
}

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = in.gcount();
        if (n > 0)
            crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                                      static_cast<unsigned long long>(n));
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void write_manifest(const std::string& file, const Manifest& m) {
    json::object tables;
    for (const auto& [k, v] : m.tables) tables[k] = v;
    json::object o{{"format", "bangfu-backup"},          {"bangfu_version", BANGFU_VERSION},
                   {"created_at", store::now_utc()},     {"engine", m.engine},
                   {"schema_version", m.schema_version}, {"sha256", m.sha256},
                   {"tables", std::move(tables)}};
    std::ofstream out(manifest_path(file));
    out << json::serialize(o) << "\n";
    out.close();
    if (!out) throw std::runtime_error("cannot write " + manifest_path(file));
}

Manifest read_manifest(const std::string& file) {
    std::ifstream in(manifest_path(file));
    if (!in)
        throw std::runtime_error("no manifest " + manifest_path(file) +
                                 ": a backup is FILE and FILE.manifest, made by bangfu backup");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        auto o = json::parse(text).as_object();
        if (o.at("format").as_string() != "bangfu-backup") throw std::runtime_error("format");
        Manifest m;
        m.engine = std::string(o.at("engine").as_string());
        m.schema_version = static_cast<int>(o.at("schema_version").to_number<std::int64_t>());
        m.sha256 = std::string(o.at("sha256").as_string());
        for (const auto& kv : o.at("tables").as_object())
            m.tables[std::string(kv.key())] = kv.value().to_number<std::int64_t>();
        return m;
    } catch (const std::exception&) {
        throw std::runtime_error(manifest_path(file) + " is not a bangfu backup manifest");
    }
}

// Runs a program (no shell: the arguments are passed as they are) and waits for it.
void run_program(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
    if (rc != 0)
        throw std::runtime_error("cannot run " + argv[0] + " (" + std::strerror(rc) +
                                 "): install the PostgreSQL client (apt-get install "
                                 "postgresql-client)");
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(argv[0] + " failed (see its message above)");
}

std::string engine_name(store::Engine e) {
    return e == store::Engine::sqlite ? "sqlite" : "postgresql";
}

void check_counts(const std::map<std::string, std::int64_t>& want,
                  const std::map<std::string, std::int64_t>& got) {
    for (const auto& [table, n] : want) {
        auto it = got.find(table);
        if (it == got.end()) throw std::runtime_error("restored database lacks table " + table);
        if (it->second != n)
            throw std::runtime_error("table " + table + " has " + std::to_string(it->second) +
                                     " rows after the restore, the backup had " +
                                     std::to_string(n));
    }
}

struct BackupOptions {
    std::string db, out, from;
};

void run_backup(const BackupOptions& o) {
    auto db = open_database(o.db);
    require_current_schema(*db);
    if (fs::exists(o.out) || fs::exists(manifest_path(o.out)))
        throw std::runtime_error(o.out + " already exists: choose a new file for each backup");
    std::string tmp = o.out + ".partial";
    fs::remove(tmp);
    Manifest m;
    m.engine = engine_name(db->engine());
    try {
        if (db->engine() == store::Engine::sqlite) {
            store::backup::sqlite_copy(db->url().sqlite_path, tmp, store::backup::SourceKind::live);
            auto copy = open_database("sqlite:" + tmp);
            auto lease = copy->acquire();
            m.tables = store::backup::table_counts(*lease);
            m.schema_version = store::migration_status(*lease).current;
        } else {
            // pg_dump reads one snapshot; the manifest counts the rows of that same snapshot.
            auto lease = db->acquire();
            lease->execute_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            auto snapshot = lease->query_one("SELECT pg_export_snapshot()")->text(0);
            m.tables = store::backup::table_counts(*lease);
            m.schema_version = static_cast<int>(
                lease->query_int("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
            run_program({"pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                         "--snapshot=" + snapshot, "--file=" + tmp,
                         "--dbname=" + db->url().postgres_uri});
            lease->execute_script("COMMIT");
        }
    } catch (...) {
        fs::remove(tmp);
        throw;
    }
    m.sha256 = sha256_of_file(tmp);
    fs::rename(tmp, o.out);
    write_manifest(o.out, m);
    std::int64_t rows = 0;
    for (const auto& [t, n] : m.tables) rows += n;
    std::cout << "backed up " << rows << " rows of " << m.tables.size() << " tables (schema "
              << m.schema_version << ") to " << o.out << " and " << manifest_path(o.out) << "\n";
}

void run_restore(const BackupOptions& o) {
    auto m = read_manifest(o.from);
    if (sha256_of_file(o.from) != m.sha256)
        throw std::runtime_error(o.from +
                                 " does not match its manifest's checksum: the file is damaged "
                                 "or not the one backed up");
    auto url = store::parse_database_url(o.db);
    if (engine_name(url.engine) != m.engine)
        throw std::runtime_error("the backup is of a " + m.engine + " database; --db is " +
                                 engine_name(url.engine));
    int latest = store::latest_version();
    if (m.schema_version > latest)
        throw std::runtime_error("the backup's schema (version " +
                                 std::to_string(m.schema_version) +
                                 ") is newer than this bangfu knows (" + std::to_string(latest) +
                                 "): restore it with the bangfu that made it, or a newer one");
    if (url.engine == store::Engine::sqlite) {
        if (fs::exists(url.sqlite_path))
            throw std::runtime_error(url.sqlite_path +
                                     " already exists: restore into a new file only");
        store::backup::sqlite_copy(o.from, url.sqlite_path, store::backup::SourceKind::backup_file);
    } else {
        auto db = open_database(o.db);
        {
            auto lease = db->acquire();
            if (!store::backup::is_empty(*lease))
                throw std::runtime_error(
                    "the database " + url.text +
                    " is not empty: create an empty one (createdb) and restore into it");
        }
        run_program({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                     "--single-transaction", "--dbname=" + url.postgres_uri, o.from});
    }
    auto db = open_database(o.db);
    auto lease = db->acquire();
    check_counts(m.tables, store::backup::table_counts(*lease));
    auto applied = store::migrate(*lease);
    std::int64_t rows = 0;
    for (const auto& [t, n] : m.tables) rows += n;
    std::cout << "restored " << rows << " rows of " << m.tables.size() << " tables into "
              << url.text;
    if (!applied.empty())
        std::cout << ", then migrated from schema " << m.schema_version << " to " << applied.back();
    std::cout << "\n";
}

}  // namespace

void add_backup_commands(CLI::App& app) {
    static BackupOptions o;  // lives as long as the parsed app
    auto* backup = app.add_subcommand(
        "backup", "Back up the database to FILE and FILE.manifest (safe while the server runs)");
    backup
        ->add_option("--db", o.db,
                     "Database URL: sqlite:PATH or postgresql://user@host:port/dbname")
        ->required();
    backup->add_option("--out", o.out, "The backup file to write (must not exist)")->required();
    backup->callback([] { run_backup(o); });
    auto* restore = app.add_subcommand(
        "restore", "Restore a backup into an empty database, checked against its manifest");
    restore
        ->add_option("--db", o.db,
                     "Database URL: a new SQLite file, or an empty PostgreSQL database")
        ->required();
    restore->add_option("--from", o.from, "The backup file (with FILE.manifest beside it)")
        ->required();
    restore->callback([] { run_restore(o); });
}

}  // namespace bangfu::cli
