#include "store/work_scope.hpp"

#include "store/scope.hpp"

namespace bangfu::store {

namespace {
// Institutions in the actor's subtree, as a subquery (regional actors).
constexpr std::string_view subtree_institutions =
    "SELECT si.id FROM institutions si WHERE si.region IN "
    "(SELECT code FROM regions WHERE path LIKE ?)";
constexpr std::string_view subtree_regions = "SELECT code FROM regions WHERE path LIKE ?";

// The ids of the pairings the actor may read, as a subquery with its parameters.
std::pair<std::string, Params> visible_pairings(const core::Actor& a) {
    if (a.is_regional()) {
        std::string pattern = a.scope_path + "%";
        return {
            "SELECT vp.id FROM pairings vp WHERE vp.program IN (SELECT vpp.id FROM programs "
            "vpp WHERE vpp.region IN (" +
                std::string(subtree_regions) + ")) OR vp.supporter IN (" +
                std::string(subtree_institutions) + ") OR vp.recipient IN (" +
                std::string(subtree_institutions) + ")",
            {pattern, pattern, pattern}};
    }
    std::int64_t inst = a.institution.value_or(0);
    return {"SELECT vp.id FROM pairings vp WHERE vp.supporter = ? OR vp.recipient = ?",
            {inst, inst}};
}

// The ids of the programs the actor may read.
std::pair<std::string, Params> visible_programs(const core::Actor& a) {
    auto [pairings, params] = visible_pairings(a);
    if (a.is_regional()) {
        Params p{a.scope_path + "%"};
        p.insert(p.end(), params.begin(), params.end());
        return {"SELECT vg.id FROM programs vg WHERE vg.region IN (" +
                    std::string(subtree_regions) +
                    ") OR vg.id IN (SELECT vq.program FROM pairings vq WHERE vq.id IN (" +
                    pairings + "))",
                p};
    }
    return {"SELECT vq.program FROM pairings vq WHERE vq.id IN (" + pairings + ")", params};
}

bool institutional_party(const core::Actor& a, const WorkRef& ref) {
    return ref.pairing && a.institution &&
           (*a.institution == ref.supporter || *a.institution == ref.recipient);
}

[[noreturn]] void invalid(std::string_view field, core::Text message) {
    core::throw_validation({{std::string(field), std::move(message)}});
}
}  // namespace

void scope_programs(const core::Actor& a, Where& w) {
    if (a.is_system()) return;
    auto [sql, params] = visible_programs(a);
    w.add("p.id IN (" + sql + ")", params);
}

void scope_pairings(const core::Actor& a, Where& w) {
    if (a.is_system()) return;
    auto [sql, params] = visible_pairings(a);
    w.add("pr.id IN (" + sql + ")", params);
}

void scope_work(const core::Actor& a, Where& w, std::string_view alias) {
    if (a.is_system()) return;
    auto [programs, program_params] = visible_programs(a);
    auto [pairings, pairing_params] = visible_pairings(a);
    std::string x(alias);
    Params p = program_params;
    p.insert(p.end(), pairing_params.begin(), pairing_params.end());
    w.add("(" + x + ".pairing IS NULL AND " + x + ".program IN (" + programs + ")) OR " + x +
              ".pairing IN (" + pairings + ")",
          p);
}

bool may_read_work(const core::Actor& a, const WorkRef& ref) {
    if (a.is_system()) return true;
    if (a.is_regional()) {
        if (ref.program_path.starts_with(a.scope_path)) return true;
        // A program-level row is readable when the program is; the program is readable when one
        // of its pairings is, which load_work_ref has already established for `ref.program`.
        if (!ref.pairing) return true;
        return ref.supporter_path.starts_with(a.scope_path) ||
               ref.recipient_path.starts_with(a.scope_path);
    }
    if (!ref.pairing) return true;  // see above
    return institutional_party(a, ref);
}

WorkRef load_work_ref(Connection& c, const core::Actor& a, std::int64_t program,
                      std::optional<std::int64_t> pairing, std::string_view program_field,
                      std::string_view pairing_field) {
    WorkRef ref;
    Where w;
    w.add("p.id = ?", {program});
    scope_programs(a, w);
    auto row = c.query_one(
        "SELECT p.id, p.region, r.path FROM programs p JOIN regions r ON r.code = p.region" +
            w.sql(),
        w.params());
    if (!row)
        invalid(program_field, {"帮扶项目不存在或不在您的管辖范围内",
                                "program does not exist or is outside your data scope"});
    ref.program = row->integer(0);
    ref.program_region = row->text(1);
    ref.program_path = row->text(2);
    if (!pairing) return ref;
    Where pw;
    pw.add("pr.id = ?", {*pairing});
    scope_pairings(a, pw);
    auto prow = c.query_one(
        "SELECT pr.id, pr.program, pr.supporter, pr.recipient, rs.path, rr.path, pr.status "
        "FROM pairings pr JOIN institutions s ON s.id = pr.supporter "
        "JOIN regions rs ON rs.code = s.region JOIN institutions ri ON ri.id = pr.recipient "
        "JOIN regions rr ON rr.code = ri.region" +
            pw.sql(),
        pw.params());
    if (!prow)
        invalid(pairing_field, {"结对关系不存在或不在您的管辖范围内",
                                "pairing does not exist or is outside your data scope"});
    if (prow->integer(1) != program)
        invalid(pairing_field,
                {"该结对关系不属于所选帮扶项目", "pairing does not belong to the chosen program"});
    ref.pairing = prow->integer(0);
    ref.supporter = prow->integer(2);
    ref.recipient = prow->integer(3);
    ref.supporter_path = prow->text(4);
    ref.recipient_path = prow->text(5);
    ref.pairing_status = prow->text(6);
    return ref;
}

WorkRef load_pairing_ref(Connection& c, const core::Actor& a, std::int64_t pairing,
                         std::string_view pairing_field) {
    Where pw;
    pw.add("pr.id = ?", {pairing});
    scope_pairings(a, pw);
    auto row = c.query_one("SELECT pr.program FROM pairings pr" + pw.sql(), pw.params());
    if (!row)
        invalid(pairing_field, {"结对关系不存在或不在您的管辖范围内",
                                "pairing does not exist or is outside your data scope"});
    return load_work_ref(c, a, row->integer(0), pairing, pairing_field, pairing_field);
}

void check_program_write(const core::Actor& a, const WorkRef& ref) {
    if (a.is_system()) return;
    if (a.role != "bureau_admin") {
        if (a.role == "institution_admin")
            core::throw_forbidden({"只有主管教育局可以修改帮扶项目及其组织、结对",
                                   "Only the bureau running the program may change it, its "
                                   "organisation and its pairings"});
        refuse_read_only();
    }
    if (!ref.program_path.starts_with(a.scope_path)) refuse_out_of_scope("program");
}

void check_work_write(const core::Actor& a, const WorkRef& ref) {
    if (a.is_system()) return;
    if (!a.is_admin()) refuse_read_only();
    if (!ref.pairing) {
        check_program_write(a, ref);
        return;
    }
    if (a.role == "bureau_admin") {
        if (ref.program_path.starts_with(a.scope_path) ||
            ref.supporter_path.starts_with(a.scope_path) ||
            ref.recipient_path.starts_with(a.scope_path))
            return;
        refuse_out_of_scope("pairing");
    }
    if (!institutional_party(a, ref)) refuse_out_of_scope("pairing");
}

audit::Target work_audit_target(std::string entity, std::int64_t id, const WorkRef& ref) {
    audit::Target t{std::move(entity), std::to_string(id), ref.program_path, std::nullopt};
    if (ref.pairing) t.institution = ref.recipient;
    return t;
}

}  // namespace bangfu::store
