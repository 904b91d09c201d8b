#pragma once
// Dispatch plans (issue 18): eligible volunteers of a batch assigned to the recipients' needs
// (subject × number of teachers), as a min-cost flow:
//
//   source → sender × subject (at most the policy share of its teachers of the subject away at
//            once, those already away counted)
//          → sender × subject × backbone level (as many as there are eligible volunteers)
//          → need (its cost per teacher: distance + backbone level against the gap's size)
//          → sink (the number asked), and a bypass source → sink priced above any plan,
//
// so as many teachers as possible are placed and, among those plans, at the least total cost.
// A volunteer teaches their first subject; the eligibility rules are the program's
// (core/dispatch_policy.hpp): who breaks one is never proposed (overrides stay manual).
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/dispatch_policy.hpp"
#include "core/error.hpp"
#include "core/recommendation.hpp"
#include "match/geo.hpp"

namespace bangfu::match {

using core::Need;
using core::SenderSubject;
using core::Volunteer;

struct DispatchProblem {
    core::DispatchPolicy policy;
    core::Date start;  // the assignments' start (ages for eligibility)
    std::vector<Need> needs;
    std::vector<Volunteer> volunteers;
    std::vector<SenderSubject> senders;
    std::size_t max_candidates = 40;  // sender pools per need, nearest first; 0: all
};

struct DispatchProposal {
    std::int64_t need = 0;
    std::int64_t staff = 0;
    std::int64_t sender = 0;
    std::int64_t recipient = 0;
    std::int64_t cost = 0;
    std::vector<core::Text> reasons;
};

struct DispatchUnmet {
    std::int64_t need = 0;
    std::int64_t missing = 0;  // teachers not found
    core::Text reason;
};

struct DispatchPlan {
    std::int64_t objective = 0;
    std::vector<DispatchProposal> proposals;
    std::vector<DispatchUnmet> unmet;
    std::int64_t ineligible = 0;  // volunteers the rules leave out
    std::size_t arcs = 0;
};

// How many more teachers of the subject the sender may send at once under the policy share.
std::int64_t sender_room(const core::DispatchPolicy& p, const SenderSubject& s);
// backbone rank: none 0, county 1, city 2, province 3.
int backbone_rank(std::string_view backbone);
// The cost of one teacher of backbone `backbone` from `from` for need `n`, with its reasons.
std::int64_t dispatch_cost(const Need& n, const Location& from, std::string_view backbone,
                           std::vector<core::Text>* reasons = nullptr);

DispatchPlan plan_dispatch(const DispatchProblem& p);
// The obvious baseline (for the benchmark): need by need in the given order, the nearest eligible
// volunteers whose sender still has room. Same costs.
DispatchPlan greedy_dispatch(const DispatchProblem& p);

}  // namespace bangfu::match
