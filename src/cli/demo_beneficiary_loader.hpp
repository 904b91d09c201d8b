#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

// Loads the demo's beneficiaries (data/demo/beneficiaries.json, compiled in): the students and
// households of the seeds and the inbound student cohorts, through the same read_json,
// validation and repositories as user input. Needs the registry and the pairing work (programs)
// loaded first. Idempotent: a beneficiary with the same name at the same institution, or a cohort
// of the same program, host, year, grade and major, is left as it is. Returns the records added.
int load_demo_beneficiaries(store::Connection& c, std::string_view registry_json,
                            std::string_view beneficiaries_json);
extern const std::string_view demo_beneficiaries_json;

}  // namespace bangfu::cli
