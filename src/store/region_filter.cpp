#include "store/region_filter.hpp"

#include <optional>

#include "store/dispatch_scope.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store {

namespace {
// The reader a region's summary counts with (store/report_scope.cpp): a bureau of the region.
std::optional<Scope> bureau_of(Connection& c, const std::string& code) {
    auto row = c.query_one("SELECT path FROM regions WHERE code = ?", {code});
    if (!row) return std::nullopt;
    return Scope::bureau_of(row->text(0));
}
}  // namespace

void filter_region_rows(Connection& c, Where& w, const std::string& code, std::string_view alias) {
    auto row = c.query_one("SELECT path FROM regions WHERE code = ?", {code});
    if (!row) return w.add("1 = 0");
    Scope::bureau_of(row->text(0)).subtree_rows(w, alias);
}

void filter_dispatch_region(Connection& c, Where& w, const std::string& code,
                            std::string_view alias, std::string_view first_institution,
                            std::string_view second_institution) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->dispatch(w, alias, first_institution, second_institution, "");
}

void filter_work_region(Connection& c, Where& w, const std::string& code, std::string_view alias) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->work(w, alias);
}

void filter_work_institution(Where& w, std::int64_t institution, std::string_view alias) {
    // The region path plays no part in an institution's work scope.
    Scope::institution_of(institution, "").work(w, alias);
}

void filter_program_region(Connection& c, Where& w, const std::string& code) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->programs(w);
}

void filter_pairing_region(Connection& c, Where& w, const std::string& code) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->pairings(w);
}

void filter_pairing_column_region(Connection& c, Where& w, const std::string& code,
                                  std::string_view pairing_column) {
    Where pairings;
    filter_pairing_region(c, pairings, code);
    w.add(std::string(pairing_column) + " IN (SELECT pr.id FROM pairings pr" + pairings.sql() + ")",
          pairings.params());
}

void filter_aid_region(Connection& c, Where& w, const std::string& code) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->aid_cases(w);
}

void filter_inbound_region(Connection& c, Where& w, const std::string& code) {
    auto bureau = bureau_of(c, code);
    if (!bureau) return w.add("1 = 0");
    bureau->inbound_cohorts(w);
}

void filter_region_codes(Connection& c, Where& w, const std::string& code,
                         std::string_view region_column) {
    auto row = c.query_one("SELECT path FROM regions WHERE code = ?", {code});
    if (!row) return w.add("1 = 0");
    Where sub;
    Scope::bureau_of(row->text(0)).subtree(sub, "fr.path");
    w.add(std::string(region_column) + " IN (SELECT fr.code FROM regions fr" + sub.sql() + ")",
          sub.params());
}

}  // namespace bangfu::store
