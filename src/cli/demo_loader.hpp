#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

struct DemoCounts {
    int regions = 0, institutions = 0, staff = 0, users = 0;  // newly created
};

// Loads the demo data set (data/demo/registry.json, compiled in) through the same repositories
// and validation as any user input. Idempotent: what already exists is left as it is.
DemoCounts load_demo(store::Connection& c, std::string_view json_text);
extern const std::string_view demo_registry_json;
// Loads the demo's pairing work (data/demo/pairing.json, compiled in): programs, their
// organisation, pairings, plans, tasks, activities, donations, inspections and shared resources.
// Idempotent per program. Returns the number of records added.
int load_demo_work(store::Connection& c, std::string_view registry_json,
                   std::string_view work_json);
extern const std::string_view demo_work_json;

}  // namespace bangfu::cli
