#pragma once
// Data scope (DESIGN.md §1), applied inside every query of the store: a bureau admin sees and
// changes only their region's subtree, an institution admin only their institution. Reads out
// of scope find nothing (404); writes out of scope are refused (403).
#include <string>

#include "core/user.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// Read scope over `regions r`.
void scope_regions(const core::Actor& a, Where& w);
// Read scope over `institutions i JOIN regions r ON r.code = i.region`.
void scope_institutions(const core::Actor& a, Where& w);
// Read scope over `staff s JOIN institutions i … JOIN regions r …`.
void scope_staff(const core::Actor& a, Where& w);
// Whether a region path lies in the actor's subtree (their own region included).
bool in_subtree(const core::Actor& a, const std::string& region_path);
// Refusals, worded for the user.
// `field` names the input that points out of scope (e.g. "region"), so forms can show the
// refusal under it.
[[noreturn]] void refuse_out_of_scope(std::string_view field = {});
[[noreturn]] void refuse_read_only();

}  // namespace bangfu::store
