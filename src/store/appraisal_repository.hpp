#pragma once
// Yearly appraisals of dispatched teachers (store side): the steps in order by their owners
// (core/appraisal.hpp), the "waiting for me" list, reopening an approved record with a reason,
// and the history of every step (appraisal_events). Every write is audited.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/appraisal.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::appraisals {

// Filters: program, year, stage, assignment, staff, institution (sending or recipient),
// rating; q searches the teacher's name. Only appraisals of assignments the actor may read.
Page<core::Appraisal> list(Connection& c, const core::Actor& a, const ListQuery& q);
// The appraisals whose due step the actor owns: a teacher's own self-appraisals, the ratings of
// an institution's received teachers and the opinions on its sent ones, the approvals of the
// bureau office. Filters: program, year.
Page<core::Appraisal> waiting(Connection& c, const core::Actor& a, const ListQuery& q);
core::Appraisal get(Connection& c, const core::Actor& a, std::int64_t id);
// What the actor may do now on `x`: the step due that they own, and whether they may reopen it
// (for the UI; every action checks again).
struct Allowed {
    std::optional<core::AppraisalAction> step;
    bool may_reopen = false;
};
Allowed allowed(Connection& c, const core::Actor& a, const core::Appraisal& x);
std::vector<core::AppraisalEvent> events(Connection& c, const core::Actor& a, std::int64_t id);
// {assignment, year}: starts the year's appraisal at the self-appraisal step. The bureau office
// or the sending institution starts it; the year must be one the assignment served in (a school
// year ending that year, with a counted month), once per assignment and year.
core::Appraisal create(Connection& c, const core::Actor& a, const boost::json::object& body);
// {program, year}: the office starts the appraisals of every assignment of the program that
// served in that year (not planned, with a counted month) and has none yet. Returns how many
// were started.
std::int64_t launch(Connection& c, const core::Actor& a, const boost::json::object& body);
// One step (self, rate, sender, approve) with its fields. The wrong party is refused (403),
// a step out of order conflicts (409), bad fields are field errors (400).
core::Appraisal step(Connection& c, const core::Actor& a, std::int64_t id,
                     core::AppraisalAction action, const boost::json::object& body);
// {reason, stage}: the office reopens an approved appraisal back to `stage` (self, rating,
// sender or office). The reason is required and kept in the history and the audit log.
core::Appraisal reopen(Connection& c, const core::Actor& a, std::int64_t id,
                       const boost::json::object& body);

}  // namespace bangfu::store::appraisals
