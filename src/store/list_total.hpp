#pragma once
// The `total` of a list page (docs/api.md, "Lists"). Counting every matching row of a province
// (400,000 staff, a million beneficiaries) on every page cost more than the page itself, so:
// - an unfiltered page of a subtree (the first page a bureau, inspector or system admin opens)
//   sums the rollup `scope_counts` over the subtree's regions: exact, and a few thousand rows at
//   most whatever the size of the table (the rollup is kept by triggers, migration 7);
// - any other page counts at most `cap` rows past its own end: exact up to there, and beyond
//   it "more than" (total_exact = false), so a page never scans the whole table for its total.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/connection.hpp"
#include "store/scope.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// Whether a list asks for nothing but a page of its rows (archived or not): its total then
// comes from the rollup.
bool unfiltered(const ListQuery& q);

// The scope for a page of `entity` (institutions, staff, beneficiaries) in `sort` order. A page
// in name order can be read two ways: the subtree's key range, sorted (it reads every row of the
// subtree), or the name-ordered listing index walked until the page is full, testing the path
// in the index (it reads about page end × table rows / subtree rows entries). The rollup gives
// both sizes at once, so the cheaper way is chosen per request. Measured on the §7 registry
// (400,000 staff, SQLite): a county inspector's first page 2.2 ms by range and sort, 0.6 ms by
// the walk; the province inspector's 430 ms by range and sort, under 0.1 ms by the walk.
struct Listing {
    Scope scope;
    // The rows of `entity` the scope reads (archived or not, as asked), from the rollup: the
    // exact total of an unfiltered page. nullopt for institution roles (list_total.hpp above).
    std::optional<std::int64_t> rows;
};
Listing listing_scope(Connection& c, const Scope& scope, std::string_view entity,
                      const ListQuery& q, std::string_view name_sort = "name");

// Rows counted beyond the end of the page before the total stops being exact.
inline constexpr std::int64_t exact_total_cap = 10000;

// The exact number of unarchived (or archived) rows of `entity` (institutions, staff,
// beneficiaries) the scope reads, from the rollup; nullopt when the scope is not a region
// subtree (institution roles read one institution: their count is cheap anyway).
std::optional<std::int64_t> rollup_total(Connection& c, const Scope& scope, std::string_view entity,
                                         bool archived);

// COUNT(*) of `from` (a table with its alias, e.g. "staff s") under `w`, stopping after
// max(exact_total_cap, the page's end) + 1 rows. Sets page.total and page.total_exact.
template <class T>
void count_capped(Connection& c, Page<T>& page, std::string_view from, const Where& w);

std::int64_t count_up_to(Connection& c, std::string_view from, const Where& w, std::int64_t limit);

template <class T>
void count_capped(Connection& c, Page<T>& page, std::string_view from, const Where& w) {
    std::int64_t cap = std::max(exact_total_cap, page.page * page.page_size);
    std::int64_t n = count_up_to(c, from, w, cap + 1);
    page.total = n;
    page.total_exact = n <= cap;
}

}  // namespace bangfu::store
