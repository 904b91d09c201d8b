#pragma once
// Yearly reports (issue 6): the summary of a scope and year with its figures computed from the
// records (or frozen at locking), the parts the user writes, the lock, and unlock requests.
// Every write is audited (entity "yearly_report" / "report_unlock_request").
//
// Who may do what (data scope as everywhere: unreadable scope = 404, forbidden write = 403):
// - read: whoever may read the scope (store/report_scope.hpp), so a frozen report never shows a
//   reader more than the live one would;
// - write the written parts: system admins; bureau admins whose subtree holds the scope; for an
//   institution's report also its own institution admins; never while locked (409);
// - lock: system admins and bureau admins whose subtree holds the scope;
// - request an unlock (with a reason): institution admins who may read the locked report;
// - grant or refuse a request: those who may lock.
#include <optional>
#include <string>
#include <vector>

#include "core/user.hpp"
#include "core/yearly_report.hpp"
#include "store/connection.hpp"
#include "store/report_scope.hpp"

namespace bangfu::store::reports {

// The sections of a report computed from the records now (every area's section builders, in
// the seeds' order). The next areas (dispatch and appraisal, people helped) add theirs here.
std::vector<core::report::Section> live_sections(Connection& c, const core::Actor& a,
                                                 const ResolvedScope& s, int year);

// The report: frozen sections if locked, else live ones; with the written parts.
core::report::Report summary(Connection& c, const core::Actor& a, const core::report::Scope& scope,
                             int year);

core::report::Report save_written(Connection& c, const core::Actor& a,
                                  const core::report::Scope& scope, int year,
                                  const core::report::WrittenParts& parts);
core::report::Report lock(Connection& c, const core::Actor& a, const core::report::Scope& scope,
                          int year);

struct UnlockRequest {
    std::int64_t id = 0;
    std::string scope;  // "program:3"
    int year = 0;
    std::string reason;
    std::string requested_by_name, requested_at;
    std::string status;  // pending, granted, refused
    std::string decision_note, decided_by_name, decided_at;
};
boost::json::object to_json(const UnlockRequest& r, std::string_view lang);

UnlockRequest request_unlock(Connection& c, const core::Actor& a, const core::report::Scope& scope,
                             int year, const std::string& reason);
// Grants (unlocks the report) or refuses a pending request.
UnlockRequest decide_unlock(Connection& c, const core::Actor& a, std::int64_t request, bool grant,
                            const std::string& note);
// The requests of one report, newest first (readable by whoever may read the report).
std::vector<UnlockRequest> unlock_requests(Connection& c, const core::Actor& a,
                                           const core::report::Scope& scope, int year);

}  // namespace bangfu::store::reports
