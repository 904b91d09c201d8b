#pragma once
// Answers for spreadsheet downloads and uploads shared by the resource handlers.
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

}  // namespace bangfu::http
