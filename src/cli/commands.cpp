#include "cli/commands.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/backup_command.hpp"
#include "cli/database_open.hpp"
#include "cli/demo_aid_loader.hpp"
#include "cli/demo_appraisal_loader.hpp"
#include "cli/demo_balance_loader.hpp"
#include "cli/demo_beneficiary_loader.hpp"
#include "cli/demo_dispatch_loader.hpp"
#include "cli/demo_loader.hpp"
#include "cli/demo_recommendation_loader.hpp"
#include "cli/recommend_command.hpp"
#include "cli/report_command.hpp"
#include "core/balance.hpp"
#include "core/password.hpp"
#include "http/server.hpp"
#include "report/balance_sheets.hpp"
#include "report/beneficiary_sheets.hpp"
#include "report/csv.hpp"
#include "report/registry_sheets.hpp"
#include "report/xlsx_writer.hpp"
#include "store/auth_repository.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/migrations.hpp"
#include "store/postgres_connection.hpp"
#include "store/region_repository.hpp"
#include "store/sqlite_connection.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::cli {

namespace {

struct Options {
    std::string db;
    // serve
    std::string listen = "127.0.0.1:8080";
    std::string web;
    int workers = 4;
    int queue = 256;
    int db_timeout = 30;                    // seconds a PostgreSQL statement may wait for an answer
    std::int64_t test_disk_full_after = 0;  // tests only: SQLite pages the database may grow
    int io_threads = 1;
    int session_ttl = 12 * 3600;
    int free_failures = 3;
    int first_delay = 1;
    int max_delay = 15 * 60;
    int login_workers = 1;
    int login_rate = 120;
    int login_queue = 64;
    bool no_access_log = false;
    std::string log_file;  // requests and messages go here; the terminal keeps warnings and errors
    bool secure_cookies = false;
    std::vector<std::string> trusted_proxies;
    bool registry_only = false;
    bool test_delay = false;
    // user add
    std::string username, role, region, display_name;
    std::int64_t institution = 0;
    bool password_stdin = false;
    // import / export
    std::string kind, file, mode = "all_or_nothing";
    std::string school_year;  // balance-conditions: default (import) or filter (export)
    std::string export_region;
};

void add_db(CLI::App* cmd, Options& o) {
    cmd->add_option("--db", o.db, "Database URL: sqlite:PATH or postgresql://user@host:port/dbname")
        ->required();
}

void run_init(const Options& o) {
    auto db = open_database(o.db, true);
    auto lease = db->acquire();
    auto applied = store::migrate(*lease);
    std::cout << "initialised " << db->url().text << " (schema version "
              << store::migration_status(*lease).current << ", " << applied.size()
              << " migrations applied)\n";
}

void run_migrate(const Options& o) {
    auto db = open_database(o.db);
    auto lease = db->acquire();
    auto applied = store::migrate(*lease);
    if (applied.empty())
        std::cout << "schema is up to date (version " << store::migration_status(*lease).current
                  << ")\n";
    for (int v : applied) std::cout << "applied migration " << v << "\n";
}

void run_demo(const Options& o) {
    auto db = open_database(o.db);
    require_current_schema(*db);
    auto lease = db->acquire();
    auto n = load_demo(*lease, demo_registry_json);
    std::cout << "demo data loaded: " << n.regions << " regions, " << n.institutions
              << " institutions, " << n.staff << " staff, " << n.users << " users added\n";
    if (o.registry_only) return;
    auto work = load_demo_work(*lease, demo_registry_json, demo_work_json);
    std::cout << "demo pairing work loaded: " << work << " records added\n";
    auto dispatch = load_demo_dispatch(*lease, demo_registry_json, demo_dispatch_json);
    std::cout << "demo teacher dispatch loaded: " << dispatch << " records added\n";
    auto appraisals = load_demo_appraisals(*lease, demo_appraisal_json);
    std::cout << "demo subsidies and appraisals loaded: " << appraisals << " records added\n";
    auto helped = load_demo_beneficiaries(*lease, demo_registry_json, demo_beneficiaries_json);
    std::cout << "demo beneficiaries loaded: " << helped << " records added\n";
    auto aided = load_demo_aid(*lease, demo_registry_json, demo_aid_json);
    std::cout << "demo one-to-one aid loaded: " << aided << " records added\n";
    auto balance = load_demo_balance(*lease, demo_registry_json, demo_balance_json);
    std::cout << "demo school resources (balance index) loaded: " << balance
              << " school years added\n";
    auto reco = load_demo_recommendations(*lease);
    std::cout << "demo dispatch needs and volunteers (recommendations) loaded: " << reco
              << " rows added\n";
}

// The web UI next to the working directory or next to the binary (build/src/cli/bangfu).
std::string find_web_root(const std::string& given) {
    namespace fs = std::filesystem;
    if (!given.empty()) return given;
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    for (fs::path p : {fs::path("web/dist"), exe.parent_path() / "../../../web/dist",
                       exe.parent_path() / "../share/bangfu/web"})
        if (fs::exists(p / "index.html", ec)) return fs::weakly_canonical(p, ec).string();
    return "web/dist";
}

// serve --log-file PATH: every request (the access log, one JSON line each) and every message go
// to PATH (appended); the terminal shows only the start-up line and warnings and errors. Made
// before the server, which keeps an "access" logger it finds.
void log_to_file(const std::string& path) {
    std::shared_ptr<spdlog::sinks::basic_file_sink_mt> file;
    try {
        file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path);
    } catch (const spdlog::spdlog_ex& e) {
        throw std::runtime_error("--log-file: cannot open " + path + ": " + e.what());
    }
    auto terminal = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    terminal->set_level(spdlog::level::warn);
    auto main_logger =
        std::make_shared<spdlog::logger>("bangfu", spdlog::sinks_init_list{file, terminal});
    main_logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(main_logger);
    auto access = std::make_shared<spdlog::logger>("access", file);
    access->set_pattern("%v");
    access->flush_on(spdlog::level::info);
    spdlog::drop("access");
    spdlog::register_logger(access);
}

void run_serve(const Options& o) {
    if (!o.log_file.empty()) log_to_file(o.log_file);
    auto colon = o.listen.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
    http::ServerOptions so;
    so.address = o.listen.substr(0, colon);
    try {
        int port = std::stoi(o.listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        so.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        throw std::runtime_error("--listen has an invalid port: " + o.listen);
    }
    so.workers = o.workers;
    so.queue = o.queue;
    so.test_delay = o.test_delay;
    so.io_threads = o.io_threads;
    so.web_root = find_web_root(o.web);
    so.access_log = !o.no_access_log;
    so.trusted_proxies = o.trusted_proxies;
    so.login_workers = o.login_workers;
    so.login_rate = o.login_rate;
    so.login_queue = o.login_queue;
    // Before the first connection is opened: every connection of the pool gets the limit.
    if (o.test_disk_full_after > 0) store::set_sqlite_test_page_headroom(o.test_disk_full_after);
    auto db = open_database(o.db);
    require_current_schema(*db);
    store::set_postgres_statement_deadline(std::chrono::seconds(o.db_timeout));

    http::AppOptions ao;
    ao.login.session_ttl = std::chrono::seconds(o.session_ttl);
    ao.login.throttle.free_failures = o.free_failures;
    ao.login.throttle.first_delay = std::chrono::seconds(o.first_delay);
    ao.login.throttle.max_delay = std::chrono::seconds(std::max(o.max_delay, o.first_delay));
    ao.secure_cookies = o.secure_cookies;
    http::App app(*db, ao);
    http::Server server(app, so);
    server.run();
}

std::string read_password_line() {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

void run_user_add(const Options& o) {
    if (!o.password_stdin)
        throw std::runtime_error("give the password on standard input with --password-stdin");
    auto db = open_database(o.db);
    require_current_schema(*db);
    core::User u;
    u.username = o.username;
    u.role = o.role;
    u.display_name = o.display_name.empty() ? o.username : o.display_name;
    if (!o.region.empty()) u.region = o.region;
    if (o.institution > 0) u.institution = o.institution;
    auto password = read_password_line();
    auto errors = core::validate(u);
    for (auto& [k, v] : core::validate_password(password, u.username)) errors[k] = v;
    auto lease = db->acquire();
    if (u.region && !store::regions::find(*lease, *u.region))
        errors["region"] = {"行政区划不存在", "no such region"};
    if (u.institution &&
        lease->query_int("SELECT COUNT(*) FROM institutions WHERE id = ?", {*u.institution}) == 0)
        errors["institution"] = {"单位不存在", "no such institution"};
    if (!errors.empty()) {
        std::string msg;
        for (const auto& [k, v] : errors)
            msg += (msg.empty() ? "" : "; ") + k + ": " + v.en + " (" + v.zh + ")";
        throw std::runtime_error(msg);
    }
    auto id = store::auth::bootstrap_user(*lease, u, password);
    std::cout << "user " << u.username << " (" << u.role << ") saved with id " << id << "\n";
}

report::RegistryKind parse_kind(const std::string& kind) {
    if (kind == "institutions") return report::RegistryKind::institutions;
    if (kind == "staff") return report::RegistryKind::staff;
    throw std::runtime_error("--kind must be institutions or staff");
}

std::optional<std::int64_t> school_year_option(const Options& o) {
    if (o.school_year.empty()) return std::nullopt;
    auto y = core::balance::parse_school_year(o.school_year);
    if (!y) throw std::runtime_error("--school-year must be a school year such as 2025-2026");
    return y;
}

void run_import(const Options& o) {
    // Beneficiaries (issue 5) and the schools' resources (issue 13) have their own importers;
    // the registry kinds share one.
    bool beneficiaries = o.kind == "beneficiaries";
    bool conditions = o.kind == "balance-conditions";
    auto default_year = school_year_option(o);
    auto kind = beneficiaries || conditions ? report::RegistryKind::staff : parse_kind(o.kind);
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + o.file);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto db = open_database(o.db);
    require_current_schema(*db);
    auto lease = db->acquire();
    report::Table table;
    try {
        table = report::read_table(bytes.str());
    } catch (const report::FileError& e) {
        throw std::runtime_error(o.file + ": " + e.what());
    }
    if (o.mode != "all_or_nothing" && o.mode != "valid_rows")
        throw std::runtime_error("--mode must be all_or_nothing or valid_rows");
    auto mode = o.mode == "valid_rows" ? report::ImportMode::valid_rows
                                       : report::ImportMode::all_or_nothing;
    auto r = beneficiaries ? report::import_beneficiaries(*lease, cli_actor(), table, mode)
             : conditions
                 ? report::import_balance_conditions(*lease, cli_actor(), table, mode, default_year)
                 : report::import_registry(*lease, cli_actor(), kind, table, mode);
    for (const auto& e : r.errors)
        std::cerr << o.file << ": row " << e.row << (e.field.empty() ? "" : " " + e.field) << ": "
                  << e.message.zh << "\n";
    std::cout << "imported " << r.imported << " of " << r.total << " rows (" << r.errors.size()
              << " errors)\n";
    if (!r.errors.empty()) throw std::runtime_error("import had errors");
}

void run_export(const Options& o) {
    bool beneficiaries = o.kind == "beneficiaries";
    bool conditions = o.kind == "balance-conditions";
    auto year = school_year_option(o);
    auto kind = beneficiaries || conditions ? report::RegistryKind::staff : parse_kind(o.kind);
    auto db = open_database(o.db);
    require_current_schema(*db);
    auto lease = db->acquire();
    store::ListQuery q;
    q.page_size = 10'000'000;
    report::Table table;
    report::XlsxOptions xlsx;
    if (conditions) {
        table = report::balance_conditions_table(
            store::balance::list_conditions(*lease, cli_actor(), o.export_region, year));
        xlsx.numeric_columns = {1, 3, 4, 5, 6, 7, 8, 9, 11};
        xlsx.money_columns = {10};
    } else if (beneficiaries)  // masked: an unmasked export goes through the audited HTTP endpoint
        table = report::beneficiaries_table(
            store::beneficiaries::list(*lease, cli_actor(), q).items, true, "zh");
    else if (kind == report::RegistryKind::institutions)
        table = report::institutions_table(store::institutions::list(*lease, cli_actor(), q).items,
                                           "zh");
    else
        table = report::staff_table(store::staff::list(*lease, cli_actor(), q).items, false, "zh");
    std::string bytes;
    if (o.file.ends_with(".csv"))
        bytes = report::write_csv(table);
    else if (o.file.ends_with(".xlsx"))
        bytes = report::write_xlsx(table, xlsx);
    else
        throw std::runtime_error("--file must end in .xlsx or .csv");
    std::ofstream out(o.file, std::ios::binary);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + o.file);
    std::cout << "exported " << table.rows.size() << " rows to " << o.file << "\n";
}

}  // namespace

void add_commands(CLI::App& app) {
    static Options o;  // lives as long as the parsed app
    auto* init = app.add_subcommand(
        "init", "Create the database (SQLite file if missing) and apply migrations");
    add_db(init, o);
    init->callback([] { run_init(o); });

    auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
    add_db(migrate, o);
    migrate->callback([] { run_migrate(o); });

    auto* demo =
        app.add_subcommand("demo", "Load the demo data from the seed documents (idempotent)");
    add_db(demo, o);
    demo->add_flag("--registry-only", o.registry_only,
                   "Only the registry (regions, institutions, staff, users), without the "
                   "programs, pairings and their work: for tests that build their own");
    demo->callback([] { run_demo(o); });

    auto* serve = app.add_subcommand("serve", "Serve the API and the web UI");
    add_db(serve, o);
    serve->add_option("--listen", o.listen, "ADDRESS:PORT (port 0 picks a free one)")
        ->capture_default_str();
    serve->add_option("--web", o.web, "Directory of the built web UI (default: web/dist)");
    serve->add_option("--workers", o.workers, "Database worker threads")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve
        ->add_option("--queue", o.queue,
                     "Requests that may wait for a worker; more are answered 503 with "
                     "Retry-After at once")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    serve
        ->add_option("--db-timeout", o.db_timeout,
                     "Seconds a PostgreSQL statement may wait for an answer; past it the request "
                     "gets 503 and the connection is dropped (a frozen or partitioned database)")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    serve->add_option("--io-threads", o.io_threads, "I/O threads")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve->add_option("--session-ttl", o.session_ttl, "Session lifetime in seconds")
        ->check(CLI::Range(1, 30 * 86400))
        ->capture_default_str();
    serve
        ->add_option("--login-free-failures", o.free_failures,
                     "Failed logins of one name from one address before delays start")
        ->check(CLI::Range(0, 1000))
        ->capture_default_str();
    serve
        ->add_option("--login-first-delay", o.first_delay,
                     "Delay in seconds after the first failure beyond the free ones; it doubles "
                     "with each further failure")
        ->check(CLI::Range(1, 86400))
        ->capture_default_str();
    serve->add_option("--login-max-delay", o.max_delay, "Longest delay in seconds")
        ->check(CLI::Range(1, 86400))
        ->capture_default_str();
    serve
        ->add_option("--login-workers", o.login_workers,
                     "Threads that hash passwords for logins, apart from the workers")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    serve
        ->add_option("--login-rate", o.login_rate,
                     "Logins per client address per minute (also the burst); more get 429")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    serve
        ->add_option("--login-queue", o.login_queue,
                     "Logins that may wait for a login thread; beyond that 503")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    serve->add_flag("--no-access-log", o.no_access_log, "Do not log each request");
    serve->add_option("--log-file", o.log_file,
                      "Append the request log and all messages to this file; the terminal then "
                      "shows only the start-up line, warnings and errors");
    serve->add_flag("--secure-cookies", o.secure_cookies,
                    "Mark cookies Secure (when served over HTTPS)");
    serve->add_option("--trusted-proxy", o.trusted_proxies,
                      "Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are "
                      "believed (repeat for several); cookies are Secure when it says https");
    // Hidden (empty group): the HTTP tests need a request that holds the single worker for a
    // known time, to fill the queue and to drop a client while its request waits; no endpoint is
    // reliably slow (a login's Argon2id cost depends on the machine and the sanitizers).
    serve
        ->add_option("--test-disk-full-after", o.test_disk_full_after,
                     "Tests only: the SQLite database may grow this many pages more, then writes "
                     "fail as on a full disk")
        ->group("");
    serve
        ->add_flag("--test-delay", o.test_delay,
                   "Tests only: honour the X-Bangfu-Test-Delay header (milliseconds a request "
                   "holds its worker); never in production")
        ->group("");
    serve->callback([] { run_serve(o); });

    auto* user = app.add_subcommand("user", "Manage users");
    user->require_subcommand(1);
    auto* add =
        user->add_subcommand("add", "Add a user, or reset an existing user's password and role");
    add_db(add, o);
    add->add_option("--username", o.username, "Login name")->required();
    add->add_option("--role", o.role,
                    "system_admin, bureau_admin, institution_admin, teacher or inspector")
        ->required();
    auto* region = add->add_option("--region", o.region, "Region code (bureau_admin, inspector)");
    auto* inst = add->add_option("--institution", o.institution,
                                 "Institution id (institution_admin, teacher)");
    region->excludes(inst);
    add->add_option("--display-name", o.display_name, "Name shown in the UI");
    add->add_flag("--password-stdin", o.password_stdin, "Read the password from standard input")
        ->required();
    add->callback([] { run_user_add(o); });

    for (auto [name, help] :
         {std::pair{"import",
                    "Import institutions, staff, beneficiaries or the schools' resources "
                    "(balance-conditions) from .xlsx or .csv"},
          std::pair{"export",
                    "Export institutions, staff, beneficiaries (masked) or the schools' resources "
                    "(balance-conditions) to .xlsx or .csv"}}) {
        auto* cmd = app.add_subcommand(name, help);
        add_db(cmd, o);
        cmd->add_option("--kind", o.kind,
                        "institutions, staff, beneficiaries or balance-conditions")
            ->required()
            ->check(
                CLI::IsMember({"institutions", "staff", "beneficiaries", "balance-conditions"}));
        cmd->add_option("--file", o.file, "F.xlsx or F.csv")->required();
        cmd->add_option("--school-year", o.school_year,
                        std::string_view(name) == "import"
                            ? "balance-conditions: the school year of rows without one (2025-2026)"
                            : "balance-conditions: only this school year (2025-2026)");
        if (std::string_view(name) == "export")
            cmd->add_option("--region", o.export_region,
                            "balance-conditions: only the schools of this region (code)");
        if (std::string_view(name) == "import") {
            cmd->add_option("--mode", o.mode, "all_or_nothing or valid_rows")
                ->check(CLI::IsMember({"all_or_nothing", "valid_rows"}))
                ->capture_default_str();
            cmd->callback([] { run_import(o); });
        } else {
            cmd->callback([] { run_export(o); });
        }
    }

    add_report_command(app);     // issue 6
    add_backup_commands(app);    // issue 17
    add_recommend_command(app);  // issue 18

    app.add_subcommand("version", "Print the version")->callback([] {
        std::cout << "bangfu " << BANGFU_VERSION << "\n";
    });
}

}  // namespace bangfu::cli
