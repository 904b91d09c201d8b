#pragma once
// Subsidy items of a program (policies as data) and the entitlements they give each dispatched
// teacher (core/subsidy.hpp has the rules). Items are read by whoever reads the program and
// changed by the bureau running it; entitlements follow the scope of assignments.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/subsidy.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::subsidies {

std::vector<core::SubsidyItem> list_items(Connection& c, const core::Actor& a,
                                          std::int64_t program);
core::SubsidyItem create_item(Connection& c, const core::Actor& a, std::int64_t program,
                              core::SubsidyItem x, core::FieldErrors errors);
core::SubsidyItem update_item(Connection& c, const core::Actor& a, std::int64_t program,
                              std::int64_t id, const boost::json::object& patch);
void remove_item(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id);

// One assignment's entitlement in one appraisal year, with what the payment list shows.
struct EntitlementRow {
    std::int64_t assignment = 0;
    std::int64_t program = 0;
    std::string program_name;
    std::int64_t staff = 0;
    std::string staff_name;
    std::string sending_name;
    std::string recipient_name;
    std::string start_date;
    std::string end_date;
    std::optional<std::string> withdrawn_on;
    std::optional<std::int64_t> appraisal;  // the year's appraisal, if started
    std::string appraisal_stage;
    core::Entitlement entitlement;
};
boost::json::object to_json(const EntitlementRow& x);

struct EntitlementList {
    std::vector<EntitlementRow> rows;
    std::int64_t entitled_fen = 0;  // every line, payable or not (the summary's "entitled")
    std::int64_t payable_fen = 0;
    std::int64_t pending_fen = 0;
};
// Filters: program, year (appraisal year), institution (sending or recipient), region
// (store/region_filter.hpp), staff,
// status (rows with a payable / pending / withheld line). Assignments the actor may read;
// cancelled and planned assignments earn nothing. At most `limit` rows (refused beyond).
EntitlementList entitlements(Connection& c, const core::Actor& a, const ListQuery& q,
                             std::int64_t limit = 20000);

}  // namespace bangfu::store::subsidies
