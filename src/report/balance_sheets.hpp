#pragma once
// The balance index (优质均衡, issue 13) in spreadsheets: the schools' resources (办学条件) as an
// import template, an import with a per-row error report and an export in the template's columns
// (so it can be edited and imported back), and a county's table as a workbook.
//
// The sheet: 单位名称 or 单位编号 names the school (either is enough; the number wins when both
// are filled), 学年 ("2025-2026"; a default for rows without one may be given), then the nine
// inputs. Money is typed in yuan with at most two decimals, areas in m² with at most two.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/balance.hpp"
#include "core/user.hpp"
#include "report/registry_sheets.hpp"
#include "report/table.hpp"
#include "report/xlsx_writer.hpp"
#include "store/balance_repository.hpp"
#include "store/balance_sheet_repository.hpp"
#include "store/connection.hpp"

namespace bangfu::report {

// The template's header, in order (Chinese labels).
const std::vector<std::string>& balance_conditions_header();

// One data row of a conditions sheet, read without the database.
struct ConditionsSheetRow {
    std::size_t row = 0;         // as numbered in Excel (the header is row 1)
    std::string institution_id;  // the 单位编号 cell, trimmed
    std::string institution_name;
    core::balance::SchoolConditions conditions;  // institution left 0: resolved by the importer
    core::FieldErrors errors;                    // keyed as core::balance's fields
};
struct ConditionsSheet {
    std::vector<RowError> header_errors;   // unknown or missing columns (row 1)
    std::vector<ConditionsSheetRow> rows;  // blank rows left out
};
// Reads the header and every cell; `default_year` is used for rows without 学年.
ConditionsSheet parse_balance_conditions(const Table& table,
                                         std::optional<std::int64_t> default_year);

// An .xlsx with the header row, one example row and an instructions sheet.
std::string balance_conditions_template();
// The stored inputs in the template's columns (re-importable as they are).
Table balance_conditions_table(const std::vector<store::balance::ConditionsRow>& rows);

// Imports inside one write transaction, each row through store::balance::save_conditions (scope,
// kind, validation, audit). all_or_nothing: any error imports nothing; valid_rows: good rows are
// kept, bad rows reported.
ImportResult import_balance_conditions(store::Connection& c, const core::Actor& a,
                                       const Table& table, ImportMode mode,
                                       std::optional<std::int64_t> default_year);

// A county's table: a sheet with the verdict, then per stage a sheet of the indicators (CV,
// limit, pass, mean, standard) and a sheet of the schools (values, missed standards, pass, share
// of the variance per indicator).
std::vector<XlsxSheet> balance_county_sheets(const store::balance::CountyFigures& f,
                                             std::string_view lang);

}  // namespace bangfu::report
