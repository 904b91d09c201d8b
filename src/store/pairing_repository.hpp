#pragma once
// Pairings: the supporter → recipient edges of a program, with their dimensions, agreement and
// status; the rules of core/pairing.hpp are checked inside the write transaction. Also the
// pairing's timeline and a program's pairing graph.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/pairing.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::pairings {

// Filters: program, institution (either side), supporter, recipient, dimension, status, region
// (either side lies in the region's subtree); q searches both institutions' names.
Page<core::Pairing> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Pairing get(Connection& c, const core::Actor& a, std::int64_t id);
// `errors` carries what reading the input already found. Status defaults to active.
core::Pairing create(Connection& c, const core::Actor& a, core::Pairing x,
                     core::FieldErrors errors);
// PATCH semantics. Ending (status → ended) without an end date ends it today.
core::Pairing update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch);
// Deletes a pairing nothing is recorded under (else 409 saying what refers to it).
void remove(Connection& c, const core::Actor& a, std::int64_t id);

// One entry of a pairing's timeline. `kind` says which table it comes from (pairing_start,
// pairing_end, plan, activity, donation, inspection; dispatch and others later), `type` the
// entry's own kind within it (activity type, plan kind, donation kind), so the page can pick an
// icon; `id` is the row's id in its table. Items come in date order.
struct TimelineItem {
    std::string date;
    std::optional<std::string> end_date;
    std::string kind;
    std::string type;
    std::int64_t id = 0;
    std::string title;
    std::string summary;
    std::optional<std::int64_t> amount_fen;
};
boost::json::object to_json(const TimelineItem& t);
std::vector<TimelineItem> timeline(Connection& c, const core::Actor& a, std::int64_t id,
                                   std::string_view lang);

// A program's pairing graph: the institutions (nodes) and pairings (edges) the actor may read.
struct GraphNode {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    bool weak = false;
    std::string region_name;
    std::int64_t as_supporter = 0;  // edges shown where it supports
    std::int64_t as_recipient = 0;  // edges shown where it receives
};
struct GraphEdge {
    std::int64_t pairing = 0;
    std::int64_t supporter = 0;
    std::int64_t recipient = 0;
    std::vector<std::string> dimensions;
    std::string status;
};
struct Graph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
};
boost::json::object to_json(const Graph& g);
// Filters: dimension, status. A program out of scope is a 404.
Graph program_graph(Connection& c, const core::Actor& a, std::int64_t program, const ListQuery& q);

// The agreement file (one per pairing; uploading again replaces it). Changed by whoever may
// change the pairing; read by whoever may read it.
core::Pairing attach_agreement(Connection& c, const core::Actor& a, std::int64_t id,
                               std::string_view name, std::string_view content);
std::pair<files::FileInfo, std::string> agreement(Connection& c, const core::Actor& a,
                                                  std::int64_t id);
core::Pairing remove_agreement(Connection& c, const core::Actor& a, std::int64_t id);

}  // namespace bangfu::store::pairings
