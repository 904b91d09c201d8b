#pragma once
// The registry in spreadsheets: exports of every list, import templates, and imports of
// institutions and staff with a per-row error report. Users type Chinese labels ("小学", "是")
// or codes ("primary", "true"); both are accepted.
#include <string>
#include <vector>

#include "core/institution.hpp"
#include "core/region.hpp"
#include "core/staff.hpp"
#include "core/user.hpp"
#include "report/table.hpp"
#include "store/audit_repository.hpp"
#include "store/connection.hpp"

namespace bangfu::report {

Table institutions_table(const std::vector<core::Institution>& items, std::string_view lang);
Table staff_table(const std::vector<core::Staff>& items, bool mask_personal, std::string_view lang);
Table regions_table(const std::vector<core::Region>& items, std::string_view lang);
Table users_table(const std::vector<core::User>& items, std::string_view lang);
Table audit_table(const std::vector<store::audit::Entry>& items, std::string_view lang);

enum class RegistryKind { institutions, staff };
// An .xlsx with the header row, one example row and an instructions sheet.
std::string import_template(RegistryKind kind);

enum class ImportMode { all_or_nothing, valid_rows };
struct RowError {
    std::size_t row = 0;  // as numbered in Excel (the header is row 1)
    std::string field;
    core::Text message;
};
struct ImportResult {
    std::size_t total = 0;
    std::size_t imported = 0;
    std::vector<RowError> errors;
};
// Imports inside one write transaction. all_or_nothing: any error imports nothing.
// valid_rows: each good row is kept, each bad row reported. Each created record is audited.
ImportResult import_registry(store::Connection& c, const core::Actor& a, RegistryKind kind,
                             const Table& table, ImportMode mode);

}  // namespace bangfu::report
