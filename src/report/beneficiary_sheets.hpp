#pragma once
// Beneficiaries in spreadsheets: the export (masked unless asked otherwise by a permission
// holder), the import template and the import, with a per-row error report. One sheet holds
// students and households (column 类别); household members are entered in the web form.
#include <string>
#include <vector>

#include "core/beneficiary.hpp"
#include "core/inbound_cohort.hpp"
#include "core/user.hpp"
#include "report/registry_sheets.hpp"
#include "report/table.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/connection.hpp"

namespace bangfu::report {

Table beneficiaries_table(const std::vector<core::Beneficiary>& items, bool mask_personal,
                          std::string_view lang);
Table inbound_cohorts_table(const std::vector<core::InboundCohort>& items, std::string_view lang);
Table beneficiary_stats_table(const store::beneficiaries::Stats& s, std::string_view lang);
// An .xlsx with the header row, a student and a household example, and an instructions sheet.
std::string beneficiary_import_template();
// Imports inside one write transaction, each row through store::beneficiaries::create (scope,
// validation, ID-number check digit and date of birth, audit). all_or_nothing: any error
// imports nothing; valid_rows: good rows are kept, bad rows reported.
ImportResult import_beneficiaries(store::Connection& c, const core::Actor& a, const Table& table,
                                  ImportMode mode);

}  // namespace bangfu::report
