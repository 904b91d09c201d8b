#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

// Loads the demo's teacher dispatch (data/demo/dispatch.json, compiled in) after the pairing
// work: its staff (created when missing), batches, assignments and attachment study, through
// the same read_json, validation and repositories as user input. Idempotent per program (a
// program that already has batches or assignments is skipped). Returns the records added.
int load_demo_dispatch(store::Connection& c, std::string_view registry_json,
                       std::string_view dispatch_json);
extern const std::string_view demo_dispatch_json;

}  // namespace bangfu::cli
