#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

// Loads the demo's one-to-one aid (data/demo/aid.json, compiled in): the seeds' cases with their
// cadence plans, records and outcomes, through the same read_json, validation and repositories
// as user input. Needs the registry and the beneficiaries loaded first: a case names its
// beneficiary by name and institution ("@key" of registry.json), a staff helper by name.
// Idempotent: a case of the same beneficiary, helper kind and start date is left as it is.
// Returns the records added (cases, records and outcomes).
int load_demo_aid(store::Connection& c, std::string_view registry_json, std::string_view aid_json);
extern const std::string_view demo_aid_json;

}  // namespace bangfu::cli
