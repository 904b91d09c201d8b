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

}  // namespace bangfu::cli
