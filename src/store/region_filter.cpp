#include "store/region_filter.hpp"

#include "store/dispatch_scope.hpp"

namespace bangfu::store {

void filter_dispatch_region(Connection& c, Where& w, const std::string& code,
                            std::string_view alias, std::string_view first_institution,
                            std::string_view second_institution) {
    auto row = c.query_one("SELECT path FROM regions WHERE code = ?", {code});
    if (!row) {
        w.add("1 = 0");
        return;
    }
    // The same reader a region's summary counts with (store/report_scope.cpp).
    core::Actor bureau;
    bureau.role = "bureau_admin";
    bureau.scope_path = row->text(0);
    scope_dispatch(bureau, w, alias, first_institution, second_institution, "");
}

void filter_aid_region(Where& w, const std::string& code) {
    std::string in =
        "IN (SELECT fi.id FROM institutions fi WHERE fi.region IN (SELECT code FROM regions "
        "WHERE path LIKE (SELECT path FROM regions WHERE code = ?) || '%'))";
    w.add("ac.helper_institution " + in + " OR b.institution " + in, {code, code});
}

}  // namespace bangfu::store
