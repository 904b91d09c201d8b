#pragma once
// Inbound student cohorts under data scope: a cohort is seen by the host institution's scope
// (its bureau, its own admins and staff) and by the bureaus and inspectors of the region the
// students come from; it is written by the host's admins (institution admin, bureau above it).
#include <boost/json.hpp>

#include "core/inbound_cohort.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::inbound_cohorts {

// Filters: program, host_institution, origin_region (subtree), school_year, stage, grade, major.
Page<core::InboundCohort> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::InboundCohort get(Connection& c, const core::Actor& a, std::int64_t id);
core::InboundCohort create(Connection& c, const core::Actor& a, core::InboundCohort x,
                           core::FieldErrors errors);
core::InboundCohort update(Connection& c, const core::Actor& a, std::int64_t id,
                           const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

// Head counts of the cohorts matching the list filters, by program, by stage and grade, by major.
struct Count {
    std::string key;    // program id, "stage/grade", or major
    std::string label;  // program name, grade, major
    std::int64_t students = 0;
    std::int64_t fee_exemption_fen = 0;  // students × exemption, per year
};
struct Stats {
    std::int64_t students = 0;
    std::int64_t fee_exemption_fen = 0;
    std::vector<Count> by_program, by_grade, by_major;
};
Stats stats(Connection& c, const core::Actor& a, const ListQuery& q);
boost::json::object to_json(const Stats& s);

}  // namespace bangfu::store::inbound_cohorts
