#pragma once
// Pairing proposals (issue 18, DESIGN.md §5): supporters for the weak schools of a region that
// have no active pairing on a dimension, solved over the whole region as one min-cost flow:
//
//   source → supporter (capacity: how many more recipients it takes)
//          → recipient (one unit; the arc's cost: distance + complementarity)
//          → sink,      and a bypass source → sink priced above any matching,
//
// so the answer matches as many recipients as can be matched and, among those answers, has the
// least total cost. Arcs that would break a pairing rule (self-pairing, repeating an active
// pairing, closing a cycle on the dimension; core/pairing.hpp), pair incompatible kinds, or
// repeat a proposal rejected this year are never built. Candidates of a recipient are the
// supporters of its county and those within `radius_km`; `max_candidates` keeps the cheapest.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/balance.hpp"
#include "core/error.hpp"
#include "core/pairing.hpp"
#include "match/geo.hpp"

namespace bangfu::match {

using core::PairingSchool;
using core::Profile;
using core::Supporter;

// The policy default of how many recipients a supporter takes: by kind and size.
std::int64_t default_capacity(std::string_view kind, std::int64_t students);
// Whether a school of kind `supporter` can support one of kind `recipient` (a shared stage).
bool compatible_kinds(std::string_view supporter, std::string_view recipient);
// The indicators that matter for a dimension (teachers → the teacher indicators, materials and
// funds → rooms, grounds, equipment, multimedia; management → all; others none).
std::vector<core::balance::Indicator> relevant_indicators(std::string_view dimension);

struct PairingProblem {
    std::string dimension;
    std::vector<Supporter> supporters;
    std::vector<PairingSchool> recipients;
    std::vector<core::PairingEdge> existing;                   // active pairings (any dimension)
    std::set<std::pair<std::int64_t, std::int64_t>> rejected;  // (supporter, recipient) this year
    double radius_km = 40;
    std::size_t max_candidates = 0;  // 0: every candidate
};

struct PairingProposal {
    std::int64_t supporter = 0;
    std::int64_t recipient = 0;
    std::int64_t cost = 0;
    std::int64_t distance_cost = 0;
    std::int64_t complement_cost = 0;
    double km = 0;
    std::vector<core::Text> reasons;
};

struct PairingUnmatched {
    std::int64_t recipient = 0;
    core::Text reason;
};

struct PairingPlan {
    std::int64_t objective = 0;  // the proposals' total cost
    std::vector<PairingProposal> proposals;
    std::vector<PairingUnmatched> unmatched;
    std::size_t arcs = 0;  // candidate arcs of the flow
};

// The arc supporter → recipient with its cost and reasons, or nullopt when the pair is not
// allowed by kind or the rules (`blocked` says why then, when given).
std::optional<PairingProposal> pairing_arc(const PairingProblem& p, const Supporter& s,
                                           const PairingSchool& r, core::Text* blocked = nullptr);

PairingPlan propose_pairings(const PairingProblem& p);
// The obvious baseline (for the benchmark): recipient by recipient in the given order, the
// nearest supporter the rules allow with capacity left. Same candidates and costs.
PairingPlan greedy_pairings(const PairingProblem& p);

}  // namespace bangfu::match
