#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

// Loads the demo's subsidy items and appraisals (data/demo/appraisal.json, compiled in) after
// the teacher dispatch. Each appraisal is started and taken through its steps up to `until`
// (self, rate, sender, approve) by an actor of the party owning each step, through the same
// workflow, validation and audit as user input. Idempotent: a program that has subsidy items
// and an assignment's year that has an appraisal are skipped. Returns the records added.
int load_demo_appraisals(store::Connection& c, std::string_view appraisal_json);
extern const std::string_view demo_appraisal_json;

}  // namespace bangfu::cli
