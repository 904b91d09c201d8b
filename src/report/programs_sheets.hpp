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
// The leading group of a program, in role order, and its policy documents (file names only).
Table leading_group_table(const std::vector<core::LeadingGroupMember>& items,
                          std::string_view lang);
Table policy_documents_table(const std::vector<core::PolicyDocument>& items, std::string_view lang);

}  // namespace bangfu::report
