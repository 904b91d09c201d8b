#pragma once
// Programs and inspections in spreadsheets (exports), with Chinese headers by default.
#include <string_view>
#include <vector>

#include "core/inspection.hpp"
#include "core/program.hpp"
#include "report/table.hpp"

namespace bangfu::report {

Table programs_table(const std::vector<core::Program>& items, std::string_view lang);
Table inspections_table(const std::vector<core::Inspection>& items, std::string_view lang);

}  // namespace bangfu::report
