#pragma once
// One-to-one aid cases (一对一帮扶) with their cadence plans, overdue alerts and a helper's
// "my beneficiaries". Data scope (DESIGN.md §1): a teacher sees only the cases they help in
// (aid_cases.helper_staff = their staff record); an institution admin the cases whose helper or
// beneficiary belongs to their institution; a bureau admin or inspector those whose helper's or
// beneficiary's institution lies in their region. Reads out of scope are 404. Writes: inspectors
// are read-only; teachers record help and outcomes on their own cases but do not set cases up;
// admins write the cases they can read, and a new or moved case needs a beneficiary they can
// read. Aid screens show the beneficiary's name, institution, grade and class only, never the
// personal fields.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/aid.hpp"
#include "core/date.hpp"
#include "core/user.hpp"
#include "store/audit_repository.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::aid {

// "Today" for overdue questions: the as_of filter (YYYY-MM-DD) when given, else China's date.
// Removes as_of from the filters.
core::Date take_as_of(ListQuery& q);

// Filters: beneficiary, program, helper_staff, helper_institution, institution (helper's or
// beneficiary's), helper_kind, status (active, ended, not_started), overdue (true/false), as_of;
// q searches the beneficiary's and the helper's names. Default sort: next due date (most urgent
// first). Items come with their cadences and what is due.
Page<core::AidCase> list(Connection& c, const core::Actor& a, ListQuery q);
core::AidCase get(Connection& c, const core::Actor& a, std::int64_t id, const core::Date& today);
core::AidCase create(Connection& c, const core::Actor& a, core::AidCase x,
                     core::FieldErrors errors);
// PATCH: the fields sent replace the stored ones; `cadences`, when sent, replaces the plan.
core::AidCase update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch);
// Deletes a case without records (409 otherwise: end it instead, the history stays).
void remove(Connection& c, const core::Actor& a, std::int64_t id);

// Overdue cases in scope on `today`, grouped by helper and by the helper's institution.
struct HelperAlert {
    std::string helper_kind;
    std::optional<std::int64_t> helper_staff;
    std::string helper_name;
    std::int64_t helper_institution = 0;
    std::string helper_institution_name;
    std::int64_t overdue_cases = 0;
    std::string oldest_due_date;
};
struct InstitutionAlert {
    std::int64_t institution = 0;
    std::string institution_name;
    std::int64_t overdue_cases = 0;
    std::int64_t helpers = 0;
};
struct Alerts {
    std::vector<HelperAlert> by_helper;            // most overdue cases first
    std::vector<InstitutionAlert> by_institution;  // most overdue cases first
    std::vector<core::AidCase> cases;              // oldest due first
};
// Filters: institution, program, helper_staff, as_of.
Alerts alerts(Connection& c, const core::Actor& a, ListQuery q);
boost::json::object to_json(const Alerts& x, std::string_view lang);

// The running cases the actor helps in as a staff member (none without a linked staff record),
// most urgent first.
std::vector<core::AidCase> mine(Connection& c, const core::Actor& a, const core::Date& today);

// --- for the records and outcomes (aid_record_repository) ---
// The case in scope, or 404; cadences loaded.
core::AidCase load(Connection& c, const core::Actor& a, std::int64_t id, const core::Date& today);
// 403 unless the actor may record help and outcomes on the (readable) case: read-only roles
// are refused; a teacher only on their own case.
void check_record_write(const core::Actor& a, const core::AidCase& x);
// Recomputes aid_cases.next_due_date after the plan or the records changed.
void refresh_due(Connection& c, std::int64_t id);
audit::Target audit_target(Connection& c, std::string entity, std::int64_t id,
                           const core::AidCase& x);

}  // namespace bangfu::store::aid
