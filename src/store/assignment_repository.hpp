#pragma once
// Dispatch assignments (支教): a staff member sent from the sending institution to a recipient
// for a period. Scope: store/dispatch_scope.hpp. Every create and update checks the program's
// eligibility rules (core/dispatch_policy.hpp); a candidate who breaks any is refused with every
// broken rule listed (EligibilityError), unless a bureau or system admin gives a written
// override reason, which is stored with who gave it and audited.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/dispatch.hpp"
#include "core/dispatch_policy.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::assignments {

// A 422 whose fields name each broken rule (key = rule code) and which carries the list too.
class EligibilityError : public core::Error {
  public:
    explicit EligibilityError(std::vector<core::Violation> violations);
    const std::vector<core::Violation>& violations() const { return violations_; }

  private:
    std::vector<core::Violation> violations_;
};

// Filters: program, pairing, batch, staff, institution (sending or recipient), sender,
// recipient, status, subject, year (the period overlaps that calendar year), term (overlaps
// that term: 2012-autumn); q searches the staff member's and institutions' names.
// Sort: start_date (default, newest first), end_date, staff_name, status, id, created_at,
// updated_at.
Page<core::Assignment> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Assignment get(Connection& c, const core::Actor& a, std::int64_t id);
// `errors` carries what the HTTP layer already found while reading the body.
core::Assignment create(Connection& c, const core::Actor& a, core::Assignment x,
                        core::FieldErrors errors);
core::Assignment update(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& patch);
// Withdraws a planned or active assignment on `on` (YYYY-MM-DD) with a reason.
core::Assignment withdraw(Connection& c, const core::Actor& a, std::int64_t id,
                          const std::string& on, const std::string& reason);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

// The sender guard for a stored assignment: a warning for each of its subjects of which the
// sending institution would have more than the policy's share of its teachers away at once.
std::vector<core::Text> sender_warnings(Connection& c, const core::Assignment& x);

// Encoding of the subjects column (",math,physics,"), shared with the reports.
std::string encode_subjects(const std::vector<std::string>& subjects);
std::vector<std::string> decode_subjects(const std::string& text);

}  // namespace bangfu::store::assignments
