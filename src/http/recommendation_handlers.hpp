#pragma once
// Recommendations (issue 18; docs/api.md "Recommendations"): pairing proposals for a region and
// dispatch plans for a batch, computed by src/match, kept as runs; accept and reject.
#include "http/message.hpp"

namespace bangfu::http::recommendations {
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
