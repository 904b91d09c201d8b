#pragma once
// Recommendations in the store (issue 18): what the proposals are computed from (src/match
// solves them), the runs and their proposals, accepting (pairings and assignments are created)
// and rejecting (a rejected pairing is not proposed again that school year), a supporter's
// capacity, and a batch's needs and volunteers.
//
// Who: the system admin, and bureau admins for their own region and below (a program's batch:
// the bureau running the program). Inspectors, schools and teachers are refused (403).
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/dispatch.hpp"
#include "core/pairing.hpp"
#include "core/recommendation.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::recommendations {

struct Region {
    std::string code;
    std::string name;
    std::string path;
};

// ---- pairing proposals ----------------------------------------------------------------------

struct PairingInputs {
    Region region;
    std::int64_t year = 0;
    std::string dimension;
    // Not weak: may support. `capacity` is filled where the school has its own (capacity_set),
    // else left 0 for the caller's policy default.
    std::vector<core::Supporter> supporters;
    // Weak, without an active pairing as recipient on the dimension.
    std::vector<core::PairingSchool> recipients;
    std::vector<core::PairingEdge> edges;  // active pairings of the dimension (everywhere)
    std::set<std::pair<std::int64_t, std::int64_t>> rejected;  // this school year
};
// 422 naming the field for a bad region / dimension; 403 for who may not; 404 region unknown.
PairingInputs pairing_inputs(Connection& c, const core::Actor& a, const std::string& region,
                             std::int64_t year, const std::string& dimension);

// ---- dispatch plans -------------------------------------------------------------------------

struct DispatchInputs {
    core::Batch batch;
    std::string program_path;
    core::DispatchPolicy policy;
    std::vector<core::Need> needs;
    std::vector<core::Volunteer> volunteers;
    std::vector<core::SenderSubject> senders;
};
DispatchInputs dispatch_inputs(Connection& c, const core::Actor& a, std::int64_t batch);

// A batch's needs and volunteers (replaced as a whole; read by whoever reads the batch).
struct NeedRow {
    std::int64_t id = 0;
    std::int64_t recipient = 0;
    std::string recipient_name;
    std::string subject;
    std::int64_t number = 0;
    std::int64_t school_year = 0;
    std::string note;
};
boost::json::object to_json(const NeedRow& n);
std::vector<NeedRow> needs(Connection& c, const core::Actor& a, std::int64_t batch);
std::vector<NeedRow> put_needs(Connection& c, const core::Actor& a, std::int64_t batch,
                               const boost::json::value& body);
std::vector<std::int64_t> volunteers(Connection& c, const core::Actor& a, std::int64_t batch);
std::vector<std::int64_t> put_volunteers(Connection& c, const core::Actor& a, std::int64_t batch,
                                         const boost::json::value& body);

// A supporter's capacity (recipients per dimension): set for the school, or null for the
// default. Written by the school's admins and bureau admins above it.
void set_capacity(Connection& c, const core::Actor& a, std::int64_t institution,
                  std::optional<std::int64_t> capacity);

// ---- runs -----------------------------------------------------------------------------------

struct Proposal {
    std::int64_t id = 0;
    std::int64_t supporter = 0;  // the sender of a dispatch proposal
    std::int64_t recipient = 0;
    std::optional<std::int64_t> staff;
    std::optional<std::int64_t> need;
    std::string subject;
    std::int64_t cost = 0;
    double distance_km = 0;
    std::vector<core::Text> reasons;
    std::string status = "proposed";  // proposed, accepted, rejected
    std::string decision_reason;
    std::optional<std::int64_t> result;  // the pairing or assignment created
    // derived
    std::string supporter_name;
    std::string recipient_name;
    std::string staff_name;
};

struct Unmatched {
    std::int64_t institution = 0;
    std::string institution_name;
    std::optional<std::int64_t> need;
    std::string subject;
    std::int64_t missing = 1;
    core::Text reason;
};

struct Run {
    std::int64_t id = 0;
    std::string kind;  // pairing, dispatch
    std::string region;
    std::string region_name;
    std::string region_path;
    std::optional<std::int64_t> year;
    std::string dimension;
    std::optional<std::int64_t> batch;
    std::int64_t objective = 0;
    std::vector<Proposal> proposals;
    std::vector<Unmatched> unmatched;
    std::string created_at;
};
boost::json::object to_json(const Proposal& p, std::string_view lang);
boost::json::object to_json(const Run& r, std::string_view lang);

// Saves the run and its proposals (ids assigned), audited; names filled for the answer.
Run save_run(Connection& c, const core::Actor& a, Run r);
Run get_run(Connection& c, const core::Actor& a, std::int64_t id);

// Accepts proposals of one run: pairings (in `program`, today, the proposal's reasons in the
// note) or assignments (the batch's program; start and end dates given or the batch's send-off
// and the next 15 July). Each proposal once: a decided one is a 409.
struct Decision {
    std::vector<std::int64_t> ids;
    std::string reason;
    std::optional<std::int64_t> program;
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;
};
Decision read_decision(const boost::json::object& body);
std::vector<Proposal> accept(Connection& c, const core::Actor& a, const Decision& d);
// Rejects with a reason (required). A rejected pairing is not proposed again that school year.
std::vector<Proposal> reject(Connection& c, const core::Actor& a, const Decision& d);

}  // namespace bangfu::store::recommendations
