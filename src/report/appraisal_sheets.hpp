#pragma once
// Appraisals, the subsidy payment list and the title-evaluation report in spreadsheets.
#include <string_view>
#include <vector>

#include "core/appraisal.hpp"
#include "report/table.hpp"
#include "store/rural_credit_repository.hpp"
#include "store/subsidy_repository.hpp"

namespace bangfu::report {

// The payment list: one row per payable, pending or withheld item of each teacher and year,
// the amounts in yuan (exact text from fen), then the totals of payable and pending amounts.
Table entitlements_table(const store::subsidies::EntitlementList& list, std::string_view lang);
// The 0-based columns of money in entitlements_table (the item's amount and the line's total).
inline constexpr std::size_t entitlements_amount_column = 8;
inline constexpr std::size_t entitlements_total_column = 10;

Table appraisals_table(const std::vector<core::Appraisal>& items, std::string_view lang);

// The teachers lacking the required rural service first (the "one-vote veto" list), then those
// who have it.
Table title_evaluation_table(const store::rural_credit::TitleEvaluation& report,
                             std::string_view lang);

}  // namespace bangfu::report
