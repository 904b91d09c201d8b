#include "store/work_scope.hpp"

#include "store/scope.hpp"

namespace bangfu::store {

namespace {
[[noreturn]] void invalid(std::string_view field, core::Text message) {
    core::throw_validation({{std::string(field), std::move(message)}});
}
}  // namespace

WorkRef load_work_ref(Connection& c, const core::Actor& a, std::int64_t program,
                      std::optional<std::int64_t> pairing, std::string_view program_field,
                      std::string_view pairing_field) {
    WorkRef ref;
    Where w;
    w.add("p.id = ?", {program});
    Scope(a).programs(w);
    auto row = c.query_one(
        "SELECT p.id, p.region, r.path FROM programs p JOIN regions r ON r.code = p.region" +
            w.sql(),
        w.params());
    if (!row) {
        // A program that exists but is out of scope is refused (403), like any out-of-scope
        // write; one that does not exist is a mistake in the form (422).
        if (c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {program}) > 0)
            refuse_out_of_scope(program_field);
        invalid(program_field, {"帮扶项目不存在", "program does not exist"});
    }
    ref.program = row->integer(0);
    ref.program_region = row->text(1);
    ref.program_path = row->text(2);
    if (!pairing) return ref;
    Where pw;
    pw.add("pr.id = ?", {*pairing});
    Scope(a).pairings(pw);
    auto prow = c.query_one(
        "SELECT pr.id, pr.program, pr.supporter, pr.recipient, rs.path, rr.path, pr.status "
        "FROM pairings pr JOIN institutions s ON s.id = pr.supporter "
        "JOIN regions rs ON rs.code = s.region JOIN institutions ri ON ri.id = pr.recipient "
        "JOIN regions rr ON rr.code = ri.region" +
            pw.sql(),
        pw.params());
    if (!prow) {
        auto stored = c.query_one("SELECT program FROM pairings WHERE id = ?", {*pairing});
        if (stored && stored->integer(0) == program) refuse_out_of_scope(pairing_field);
        invalid(pairing_field, stored ? core::Text{"该结对关系不属于所选帮扶项目",
                                                   "pairing does not belong to the chosen program"}
                                      : core::Text{"结对关系不存在", "pairing does not exist"});
    }
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
    Scope(a).pairings(pw);
    auto row = c.query_one("SELECT pr.program FROM pairings pr" + pw.sql(), pw.params());
    if (!row) {
        if (c.query_int("SELECT COUNT(*) FROM pairings WHERE id = ?", {pairing}) > 0)
            refuse_out_of_scope(pairing_field);
        invalid(pairing_field, {"结对关系不存在", "pairing does not exist"});
    }
    return load_work_ref(c, a, row->integer(0), pairing, pairing_field, pairing_field);
}

audit::Target work_audit_target(std::string entity, std::int64_t id, const WorkRef& ref) {
    audit::Target t{std::move(entity), std::to_string(id), ref.program_path, std::nullopt};
    if (ref.pairing) t.institution = ref.recipient;
    return t;
}

}  // namespace bangfu::store
