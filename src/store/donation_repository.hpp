#pragma once
// Donations and material support. Read with the program or pairing they are recorded under
// (store/work_scope.hpp); written by whoever may record that pairing's (or program's) work.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/donation.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::donations {

// Filters: program, pairing, kind, category, year, date_from, date_to, institution (donor or
// recipient), donor_kind; q searches purpose, donor name and institution names.
// Sort: donated_on (default, newest first), amount_fen, kind, id, created_at, updated_at.
Page<core::Donation> list(Connection& c, const core::Actor& a, const ListQuery& q);
core::Donation get(Connection& c, const core::Actor& a, std::int64_t id);
// `errors` carries what the HTTP layer already found while reading the body.
core::Donation create(Connection& c, const core::Actor& a, core::Donation x,
                      core::FieldErrors errors);
core::Donation update(Connection& c, const core::Actor& a, std::int64_t id,
                      const boost::json::object& patch);
void remove(Connection& c, const core::Actor& a, std::int64_t id);

// Sums in fen, as the seeds report them: funds and the valued amount of materials apart, and
// together ("funds of 290,000 yuan and materials worth 1.7 million").
struct TotalRow {
    std::string key;  // pairing id, program id, year, or category code ("" = none)
    core::Text label;
    std::int64_t funds_fen = 0;
    std::int64_t materials_fen = 0;
    std::int64_t total_fen = 0;
    std::int64_t count = 0;
};
struct Totals {
    std::string group;
    std::vector<TotalRow> rows;
    TotalRow grand;
};
// group: pairing, program, year or category; the same filters as list().
Totals totals(Connection& c, const core::Actor& a, const ListQuery& q, const std::string& group);
boost::json::object to_json(const Totals& t, std::string_view lang);

}  // namespace bangfu::store::donations
