#pragma once
#include "store/connection.hpp"

namespace bangfu::cli {

// Recommendations (issue 18) in the demo: 叶集区's third batch (第三批赴孙岗乡支教) gets the needs
// of its weak village schools and the volunteers of its strong schools, so a dispatch plan can be
// asked for at once (the pairing proposals need nothing more than the registry). Through the
// store's own writes, audited. Idempotent: a batch that has needs is left as it is. Returns the
// rows added.
int load_demo_recommendations(store::Connection& c);

}  // namespace bangfu::cli
