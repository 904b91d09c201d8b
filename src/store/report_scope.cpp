#include "store/report_scope.hpp"

#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::reports {

namespace {
// A region report counts what the bureau of that region sees: the same rule as a bureau
// admin's data scope (work_scope.hpp), applied with the region's path.
core::Actor region_reader(const ResolvedScope& s) {
    core::Actor r;
    r.role = core::Role::bureau_admin;
    r.scope_path = s.path;
    return r;
}

constexpr std::string_view institution_pairings =
    "SELECT ip.id FROM pairings ip WHERE ip.supporter = ? OR ip.recipient = ?";
}  // namespace

core::Actor scope_reader(const core::Actor& a, const ResolvedScope& s) {
    if (s.scope.kind == "region") return region_reader(s);
    if (s.scope.kind == "program") return a;
    core::Actor r;
    r.role = core::Role::institution_admin;
    r.institution = s.numeric_id;
    r.scope_path = s.path;
    return r;
}

core::report::LinkContext ResolvedScope::links(int year) const {
    std::string filter;
    if (scope.kind == "program") filter = "program=" + scope.id;
    if (scope.kind == "institution") filter = "institution=" + scope.id;
    // Every list a figure links to takes the region (store/region_filter.hpp).
    if (scope.kind == "region") filter = "region=" + scope.id;
    return {filter, year, scope.kind == "region" ? scope.id : ""};
}

ResolvedScope resolve_scope(Connection& c, const core::Actor& a, const core::report::Scope& s) {
    ResolvedScope r;
    r.scope = s;
    std::optional<Row> row;
    if (s.kind == "program") {
        Where w;
        w.add("p.id = ?", {std::stoll(s.id)});
        store::Scope(a).programs(w);
        row = c.query_one(
            "SELECT p.id, p.name, r.path FROM programs p JOIN regions r ON r.code = p.region" +
                w.sql(),
            w.params());
        if (!row) core::throw_not_found({"帮扶项目", "Program"});
        // A program's report is its bureau's: others read the program's work only in part (the
        // pairings they are party to), and a locked report frozen by the bureau would show them
        // the rest. They report on their institution or region instead.
        if (!a.is_system() && !(a.is_regional() && store::Scope(a).holds(row->text(2))))
            core::throw_forbidden(
                {"帮扶项目的年度报告由主管教育局编写和查看；请选择本单位或本地区的报告",
                 "A program's yearly report belongs to the bureau running it; choose your "
                 "institution's or region's report"});
    } else if (s.kind == "region") {
        // A region report is a bureau's view: regional actors within their subtree.
        Where w;
        w.add("r.code = ?", {s.id});
        if (!a.is_system()) {
            if (!a.is_regional()) core::throw_not_found({"行政区划", "Region"});
            store::Scope(a).regions(w);
        }
        row = c.query_one("SELECT 0, r.name, r.path FROM regions r" + w.sql(), w.params());
        if (!row) core::throw_not_found({"行政区划", "Region"});
    } else {
        Where w;
        w.add("i.id = ?", {std::stoll(s.id)});
        store::Scope(a).institutions(w);
        row = c.query_one(
            "SELECT i.id, i.name, r.path FROM institutions i JOIN regions r ON r.code = i.region" +
                w.sql(),
            w.params());
        if (!row) core::throw_not_found({"单位", "Institution"});
    }
    r.numeric_id = row->integer(0);
    r.name = {row->text(1), row->text(1)};
    r.path = row->text(2);
    return r;
}

void scope_report_programs(const core::Actor& a, const ResolvedScope& s, Where& w) {
    store::Scope(a).programs(w);
    if (s.scope.kind == "program")
        w.add("p.id = ?", {s.numeric_id});
    else if (s.scope.kind == "region")
        store::Scope(region_reader(s)).programs(w);
    else
        w.add(
            "p.id IN (SELECT ipp.program FROM pairings ipp WHERE ipp.supporter = ? OR "
            "ipp.recipient = ?)",
            {s.numeric_id, s.numeric_id});
}

void scope_report_pairings(const core::Actor& a, const ResolvedScope& s, Where& w) {
    store::Scope(a).pairings(w);
    if (s.scope.kind == "program")
        w.add("pr.program = ?", {s.numeric_id});
    else if (s.scope.kind == "region")
        store::Scope(region_reader(s)).pairings(w);
    else
        w.add("pr.supporter = ? OR pr.recipient = ?", {s.numeric_id, s.numeric_id});
}

void scope_report_work(const core::Actor& a, const ResolvedScope& s, Where& w,
                       std::string_view alias,
                       std::initializer_list<std::string_view> extra_institution_columns) {
    std::string x(alias);
    store::Scope(a).work(w, alias);
    if (s.scope.kind == "program") {
        w.add(x + ".program = ?", {s.numeric_id});
    } else if (s.scope.kind == "region") {
        store::Scope(region_reader(s)).work(w, alias);
    } else {
        std::string sql = x + ".pairing IN (" + std::string(institution_pairings) + ")";
        Params p{s.numeric_id, s.numeric_id};
        for (auto column : extra_institution_columns) {
            sql += " OR " + x + "." + std::string(column) + " = ?";
            p.push_back(s.numeric_id);
        }
        w.add(sql, p);
    }
}

}  // namespace bangfu::store::reports
