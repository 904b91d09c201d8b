#pragma once
// Answers for spreadsheet downloads and uploads shared by the resource handlers.
#include <functional>
#include <string>

#include "http/message.hpp"
#include "report/registry_sheets.hpp"
#include "report/xlsx_writer.hpp"

namespace bangfu::http {

// Largest import file accepted (the server's body limit is set to match).
inline constexpr std::size_t max_import_body = 32 * 1024 * 1024;

// `options` carries the numeric and money columns; its sheet name is replaced by `sheet_name`.
Response xlsx_response(const report::Table& table, const std::string& sheet_name,
                       const std::string& file_stem, report::XlsxOptions options = {});
Response import_response(Context& ctx, report::RegistryKind kind);

// An upload to import, as every import reads it: who may import (admins; `may_import` adds the
// import's own rule and throws), then ?mode=all_or_nothing|valid_rows, then the file as a table
// (.xlsx or .csv), each refused with its own error in that order.
struct ImportUpload {
    report::ImportMode mode = report::ImportMode::all_or_nothing;
    std::string mode_name;
    report::Table table;
};
ImportUpload read_import(Context& ctx, const std::function<void()>& may_import = {});
// The answer of every import: {total, imported, mode, errors: [{row, field, message}]}.
Response import_answer(const Context& ctx, const ImportUpload& u,
                       const report::ImportResult& result);

}  // namespace bangfu::http
