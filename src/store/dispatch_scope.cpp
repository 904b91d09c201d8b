#include "store/dispatch_scope.hpp"

#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store {

void scope_dispatch(const core::Actor& a, Where& w, std::string_view alias,
                    std::string_view first_institution, std::string_view second_institution,
                    std::string_view staff_column) {
    if (a.is_system()) return;
    // What the pairing work's scope grants (program or pairing readable) …
    Where work;
    scope_work(a, work, alias);
    std::string x(alias);
    std::string one = x + "." + std::string(first_institution);
    std::string two = x + "." + std::string(second_institution);
    std::string sql = work.sql().substr(7);  // " WHERE " stripped: one condition
    Params p = work.params();
    // … or either institution in the actor's subtree / the actor's institution …
    if (a.is_regional()) {
        std::string sub =
            "(SELECT si.id FROM institutions si WHERE si.region IN (SELECT code FROM regions "
            "WHERE path LIKE ?))";
        sql += " OR " + one + " IN " + sub + " OR " + two + " IN " + sub;
        p.push_back(a.scope_path + "%");
        p.push_back(a.scope_path + "%");
    } else {
        sql += " OR " + one + " = ? OR " + two + " = ?";
        p.push_back(a.institution.value_or(0));
        p.push_back(a.institution.value_or(0));
    }
    // … or the teacher's own rows.
    if (!staff_column.empty() && a.staff) {
        sql += " OR " + x + "." + std::string(staff_column) + " = ?";
        p.push_back(*a.staff);
    }
    w.add(sql, p);
}

std::optional<std::string> institution_region_path(Connection& c, std::int64_t id) {
    auto row = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {id});
    if (!row) return std::nullopt;
    return row->text(0);
}

void check_dispatch_write(const core::Actor& a, const std::string& program_path,
                          std::int64_t sender, const std::string& sender_path, std::int64_t also,
                          std::string_view field) {
    if (a.is_system()) return;
    if (!a.is_admin()) refuse_read_only();
    if (a.role == "bureau_admin") {
        if (program_path.starts_with(a.scope_path) || sender_path.starts_with(a.scope_path)) return;
        refuse_out_of_scope(field);
    }
    if (a.institution && (*a.institution == sender || (also != 0 && *a.institution == also)))
        return;
    refuse_out_of_scope(field);
}

audit::Target dispatch_audit_target(std::string entity, std::int64_t id,
                                    const std::string& program_path, std::int64_t institution) {
    return {std::move(entity), std::to_string(id), program_path, institution};
}

}  // namespace bangfu::store
