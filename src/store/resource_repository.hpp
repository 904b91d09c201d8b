#pragma once
// Shared teaching resources. Their scope is their own (written here, not in work_scope, because a
// resource need not belong to one pairing):
// - read: system admins everything; bureau admins and inspectors a resource whose owner lies in
//   their subtree, or whose recipients do (below); institution admins and teachers a resource
//   their institution owns, or receives:
//     * with a pairing: only that pairing's recipient receives it, while the pairing is active;
//     * without: every recipient of an active pairing the owner supports receives it.
//   So an ended pairing hides what was shared through it, and a school that is no partner never
//   sees another school's resources.
// - write (create, change, upload, delete): the owner's institution admin, a bureau admin with
//   the owner in their subtree, system admins. Out of scope: 403; unreadable: 404.
#include <boost/json.hpp>
#include <string>
#include <utility>

#include "core/shared_resource.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::resources {

// Filters: kind, subject, stage, owner (institution id), pairing; q searches title and
// description. Sort: created_at (default newest first), title, download_count, id, updated_at.
Page<core::SharedResource> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::SharedResource get(Connection& c, const core::Actor& a, std::int64_t id);
core::SharedResource create(Connection& c, const core::Actor& a, core::SharedResource x,
                            core::FieldErrors errors);
core::SharedResource update(Connection& c, const core::Actor& a, std::int64_t id,
                            const boost::json::object& patch);
// Deletes the resource and its file.
void remove(Connection& c, const core::Actor& a, std::int64_t id);
// Stores (or replaces) the resource's file; checked as FilePurpose::resource.
core::SharedResource attach_file(Connection& c, const core::Actor& a, std::int64_t id,
                                 std::string_view name, std::string_view content);
// The file of a readable resource, counting the download in the same transaction (so the count
// is never ahead of or behind what was actually handed out). 404 when there is no file yet.
std::pair<files::FileInfo, std::string> download(Connection& c, const core::Actor& a,
                                                 std::int64_t id);

}  // namespace bangfu::store::resources
