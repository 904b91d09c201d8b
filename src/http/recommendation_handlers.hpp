#pragma once
// Recommendations (issue 18; docs/api.md "Recommendations"): pairing proposals for a region and
// dispatch plans for a batch, computed by src/match, kept as runs; accept and reject.
#include "http/message.hpp"
#include "match/dispatch_match.hpp"
#include "match/pairing_match.hpp"
#include "store/recommendation_repository.hpp"

namespace bangfu::http::recommendations {
// The problems the store's inputs make (supporters without a capacity of their own get the
// policy default); also used by `bangfu recommend` (the benchmark's comparison with greedy).
match::PairingProblem pairing_problem(store::recommendations::PairingInputs in);
match::DispatchProblem dispatch_problem(const store::recommendations::DispatchInputs& in);

Response pairings(Context&);
Response dispatch(Context&);
Response get_run(Context&);
Response accept(Context&);
Response reject(Context&);
Response put_capacity(Context&);
Response get_needs(Context&);
Response put_needs(Context&);
Response get_volunteers(Context&);
Response put_volunteers(Context&);
}  // namespace bangfu::http::recommendations
