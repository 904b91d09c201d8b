#pragma once
// Plans, tasks and the four-haves compliance list in spreadsheets (exports), with Chinese
// headers by default.
#include <string_view>
#include <vector>

#include "core/plan.hpp"
#include "core/task.hpp"
#include "report/table.hpp"
#include "store/four_haves_repository.hpp"

namespace bangfu::report {

Table plans_table(const std::vector<core::Plan>& items, std::string_view lang);
// `activity_type_label` turns an activity type code into its label (the dictionary is
// extensible, so the caller looks it up in the database).
template <class F>
Table tasks_table(const std::vector<core::Task>& items, std::string_view lang,
                  F&& activity_type_label);
Table non_compliant_table(const std::vector<store::four_haves::PairingCompliance>& items,
                          std::string_view lang);

// Implementation detail of tasks_table, shared with the template.
Table tasks_table_header(std::string_view lang);
std::vector<std::string> task_row(const core::Task& x, std::string_view lang,
                                  const std::string& activity_type_label);

template <class F>
Table tasks_table(const std::vector<core::Task>& items, std::string_view lang,
                  F&& activity_type_label) {
    Table t = tasks_table_header(lang);
    for (const auto& x : items)
        t.rows.push_back(
            task_row(x, lang, x.activity_type ? activity_type_label(*x.activity_type) : ""));
    return t;
}

}  // namespace bangfu::report
