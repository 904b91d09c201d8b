#pragma once
// The yearly work summary (年度工作总结) and the dashboards (issue 6): a report is a scope, a
// year and a list of sections, each with figures (a labelled number with the link to the records
// behind it), tables and a factual paragraph, in Chinese and in English. Sections are built by
// pure functions from aggregate facts the store gathers (core/pairing_work_summary.hpp for the
// pairing work); the writers (report/docx_writer, report/html_writer, report/summary_sheets)
// render any section without knowing what it is about, so a new area (dispatch and appraisal,
// beneficiaries and aid) adds a section builder and nothing else.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace bangfu::core::report {

// What a report covers: one program, a region and every region below it, or one institution.
struct Scope {
    std::string kind;  // program, region, institution
    std::string id;    // the program id, the region code, the institution id
    std::string text() const { return kind + ":" + id; }
    friend bool operator==(const Scope&, const Scope&) = default;
};
// "program:12", "region:341504", "institution:7". nullopt (with `why` set) when malformed.
std::optional<Scope> parse_scope(std::string_view text, Text* why = nullptr);
// A report year: 2000–2100. nullopt (with `why` set) otherwise.
std::optional<int> parse_year(std::string_view text, Text* why = nullptr);

enum class Unit { count, person_times, fen };

struct Figure {
    std::string key;  // stable, e.g. "donations.funds_fen"
    Text label;
    std::int64_t value = 0;
    Unit unit = Unit::count;
    std::string link;  // web path with query filters of the records behind the figure
};

struct Table {
    std::string key;
    Text title;
    std::vector<Text> columns;
    // Cells are bilingual where they are labels (an activity type); names are the same in both.
    std::vector<std::vector<Text>> rows;
    // Columns holding money in yuan text ("5000.00"), so spreadsheets store them as numbers.
    std::vector<std::size_t> money_columns;
    // Columns holding whole numbers.
    std::vector<std::size_t> numeric_columns;
    // Set only on a table as printed (core/report_print.hpp): the sentence saying it is grouped,
    // how many rows the full table has and that the complete list is in the workbook. Never
    // stored: a report keeps its tables in full.
    Text note{};
};

struct Section {
    std::string key;  // organisation, pairings, activities, resources, …
    Text title;
    Text summary;  // the factual paragraph, written from the figures
    std::vector<Figure> figures;
    std::vector<Table> tables;
};

// The parts the user writes (kept with the report, edited until it is locked).
struct WrittenParts {
    std::string feelings;      // 体会与启示
    std::string shortcomings;  // 存在的不足
    std::string next_steps;    // 下一步打算
    friend bool operator==(const WrittenParts&, const WrittenParts&) = default;
};
// The headings of the written parts, in the seeds' order.
Text written_heading(std::string_view part);  // feelings, shortcomings, next_steps

struct Report {
    Scope scope;
    Text scope_name;  // "叶集区城乡学校结对帮扶", "叶集区", "第一中学"
    int year = 0;
    std::vector<Section> sections;
    WrittenParts written;
    bool locked = false;
    std::string locked_at;     // UTC, when locked
    std::string generated_at;  // UTC: when the figures were computed (the lock time if locked)
};

// "叶集区城乡学校结对帮扶 2026 年度帮扶工作总结" / "… — work summary 2026".
Text report_title(const Report& r);
// A figure's value as text: counts as digits, money as yuan with grouping ("290,000.00").
std::string format_value(const Figure& f);
Text unit_label(Unit u);

// The sections as JSON (labels in both languages, so a frozen report renders in either) and
// back. from_json throws std::invalid_argument on a malformed document.
boost::json::array sections_to_json(const std::vector<Section>& sections);
std::vector<Section> sections_from_json(const boost::json::value& v);
// The whole report for the API, labels in `lang`.
boost::json::object to_json(const Report& r, std::string_view lang);

// Looks a figure up by key across sections (nullptr if absent): for tests and dashboards.
const Figure* find_figure(const Report& r, std::string_view key);

}  // namespace bangfu::core::report
