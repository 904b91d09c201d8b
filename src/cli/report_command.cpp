#include "cli/report_command.hpp"

#include <fstream>
#include <iostream>

#include "cli/database_open.hpp"
#include "core/yearly_report.hpp"
#include "report/summary_writers.hpp"
#include "store/yearly_report_repository.hpp"

namespace bangfu::cli {

namespace {
struct ReportOptions {
    std::string db, scope, year, format, out, lang = "zh";
};

void run_report(const ReportOptions& o) {
    // The arguments are checked before the database is opened: a typo costs nothing.
    core::Text why;
    auto scope = core::report::parse_scope(o.scope, &why);
    if (!scope) throw std::runtime_error("--scope " + why.en + " (got \"" + o.scope + "\")");
    auto year = core::report::parse_year(o.year, &why);
    if (!year) throw std::runtime_error("--year " + why.en + " (got \"" + o.year + "\")");
    auto db = open_database(o.db);
    require_current_schema(*db);
    auto lease = db->acquire();
    auto r = store::reports::summary(*lease, cli_actor(), *scope, *year);
    std::string bytes = o.format == "docx"   ? report::write_docx(r, o.lang)
                        : o.format == "html" ? report::write_summary_html(r, o.lang)
                                             : report::write_summary_xlsx(r, o.lang);
    std::ofstream out(o.out, std::ios::binary);
    out << bytes;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + o.out);
    std::cout << "wrote " << core::report::report_title(r).in(o.lang)
              << (r.locked ? " (locked)" : "") << " to " << o.out << "\n";
}
}  // namespace

void add_report_command(CLI::App& app) {
    static ReportOptions o;  // lives as long as the parsed app
    auto* cmd = app.add_subcommand(
        "report", "Write the yearly work summary of a scope as .docx, printable .html or .xlsx");
    cmd->add_option("--db", o.db, "Database URL: sqlite:PATH or postgresql://user@host:port/dbname")
        ->required();
    cmd->add_option("--scope", o.scope, "program:ID, region:CODE or institution:ID")->required();
    cmd->add_option("--year", o.year, "The calendar year, e.g. 2026")->required();
    cmd->add_option("--format", o.format, "docx, html or xlsx")
        ->required()
        ->check(CLI::IsMember({"docx", "html", "xlsx"}));
    cmd->add_option("--out", o.out, "The file to write")->required();
    cmd->add_option("--lang", o.lang, "zh or en")
        ->check(CLI::IsMember({"zh", "en"}))
        ->capture_default_str();
    cmd->callback([] { run_report(o); });
}

}  // namespace bangfu::cli
