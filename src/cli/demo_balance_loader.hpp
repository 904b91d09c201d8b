#pragma once
#include <string_view>

#include "store/connection.hpp"

namespace bangfu::cli {

// Loads the demo's school resources for the balance index (data/demo/balance.json, compiled in):
// 通城县's and 叶集区's compulsory-education schools for 2024-2025 and 2025-2026, through the
// same parsing (core::balance::parse_area, core::parse_yuan), checks and audit as an import, in
// one write transaction. A school is named "@key" of registry.json. Idempotent: a school's year
// already entered is left as it is. Returns the school years added.
int load_demo_balance(store::Connection& c, std::string_view registry_json,
                      std::string_view balance_json);
extern const std::string_view demo_balance_json;

}  // namespace bangfu::cli
