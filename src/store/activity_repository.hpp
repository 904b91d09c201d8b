#pragma once
// Activities (帮扶活动) with their named participants and attachments. Scope is that of the work
// of a pairing or program (store/work_scope.hpp): reads out of scope are 404, writes need
// check_work_write.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/activity.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::activities {

// Filters: program, pairing, type, date_from, date_to (activities overlapping the range),
// institution (host or visiting), teacher; q searches topic and content. Default sort:
// start_date descending. Items come with their participants.
Page<core::Activity> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Activity get(Connection& c, const core::Actor& a, std::int64_t id);
core::Activity create(Connection& c, const core::Actor& a, core::Activity x,
                      core::FieldErrors errors);
// PATCH: the fields sent replace the stored ones; `participants`, when sent, replaces the list.
core::Activity update(Connection& c, const core::Actor& a, std::int64_t id,
                      const boost::json::object& patch);
// Deletes the activity, its participants and its files.
void remove(Connection& c, const core::Actor& a, std::int64_t id);

enum class StatsGroup { type, month };
struct StatsRow {
    std::string key;  // type code, or "2026-11"
    core::Text label;
    std::int64_t activities = 0;
    std::int64_t person_times = 0;
    std::int64_t leaders = 0;
    std::int64_t teachers = 0;
    std::int64_t students = 0;
    std::int64_t medical = 0;
};
// Counts and sums over the activities `list` would return for the same filters (q included).
// Types in dictionary order; months in calendar order (by start date).
std::vector<StatsRow> stats(Connection& c, const core::Actor& a, const ListQuery& q,
                            StatsGroup group);
boost::json::object to_json(const StatsRow& r, std::string_view lang);

// Attachments (photos and documents). Adding and deleting need check_work_write on the
// activity; listing and downloading need the activity readable (else 404).
files::FileInfo add_attachment(Connection& c, const core::Actor& a, std::int64_t id,
                               std::string_view name, std::string_view content);
std::vector<files::FileInfo> attachments(Connection& c, const core::Actor& a, std::int64_t id);
std::pair<files::FileInfo, std::string> attachment(Connection& c, const core::Actor& a,
                                                   std::int64_t id, std::int64_t file);
void remove_attachment(Connection& c, const core::Actor& a, std::int64_t id, std::int64_t file);

}  // namespace bangfu::store::activities
