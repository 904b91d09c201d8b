#pragma once
// Plans of programs and pairings (store side): scope through store/work_scope, approval steps by
// role, the plan's document file.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <utility>

#include "core/plan.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"
#include "store/sql_builder.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::plans {

// Filters: program, pairing (an id, or "none" for program-level plans), kind, approval, year
// (plans whose period overlaps that calendar year); q searches the title.
Page<core::Plan> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Plan get(Connection& c, const core::Actor& a, std::int64_t id);
// A new plan is a draft. `errors` carries what reading the input already found.
core::Plan create(Connection& c, const core::Actor& a, core::Plan x, core::FieldErrors errors);
// PATCH. A submitted or approved plan is not edited (409) until it goes back to draft.
core::Plan update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch);
// Deletes a draft or rejected plan with its tasks and file.
void remove(Connection& c, const core::Actor& a, std::int64_t id);
// {approval, comment}: one approval step (core::approval_step decides who may take it).
// Rejecting and reopening an approved plan need a comment (the reason).
core::Plan set_approval(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& body);
// The plan's document: replaces the previous one. Only while the plan may be edited.
files::FileInfo attach_file(Connection& c, const core::Actor& a, std::int64_t id,
                            std::string_view name, std::string_view content);
std::pair<files::FileInfo, std::string> file(Connection& c, const core::Actor& a, std::int64_t id);
void remove_file(Connection& c, const core::Actor& a, std::int64_t id);

// The plan (readable by the actor, else 404) and the program/pairing it is recorded under.
std::pair<core::Plan, WorkRef> load_readable(Connection& c, const core::Actor& a, std::int64_t id);
// The plan (any, else 404) and its WorkRef, for writes: the caller checks the write right (403).
std::pair<core::Plan, WorkRef> load_for_write(Connection& c, std::int64_t id);

}  // namespace bangfu::store::plans
