#pragma once
// The facts of the balance section of a region's yearly summary (core/balance_summary.hpp): the
// county's figures of the school year ending in the report year, or the counties' verdicts of a
// city or province, as the actor reads them (store/balance_repository.hpp).
#include "core/balance_summary.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

// Kind::none for program and institution reports and for townships.
core::report::BalanceFacts balance_facts(Connection& c, const core::Actor& a,
                                         const ResolvedScope& s, int year);

}  // namespace bangfu::store::reports
