#include "store/assignment_party_scope.hpp"

#include "store/scope.hpp"

namespace bangfu::store {

std::optional<AssignmentParties> find_assignment(Connection& c, const core::Actor& a,
                                                 std::int64_t id) {
    Where w;
    w.add("da.id = ?", {id});
    Scope(a).assignments(w, "da");
    auto r = c.query_one(
        "SELECT da.id, da.program, p.name, pr.path, da.staff, s.name, da.sending_institution, "
        "si.name, da.recipient_institution, ri.name, da.start_date, da.end_date, "
        "da.withdrawn_on, da.status FROM dispatch_assignments da "
        "JOIN programs p ON p.id = da.program JOIN regions pr ON pr.code = p.region "
        "JOIN staff s ON s.id = da.staff JOIN institutions si ON si.id = da.sending_institution "
        "JOIN institutions ri ON ri.id = da.recipient_institution" +
            w.sql(),
        w.params());
    if (!r) return std::nullopt;
    AssignmentParties x;
    x.id = r->integer(0);
    x.program = r->integer(1);
    x.program_name = r->text(2);
    x.program_path = r->text(3);
    x.staff = r->integer(4);
    x.staff_name = r->text(5);
    x.sending_institution = r->integer(6);
    x.sending_name = r->text(7);
    x.recipient_institution = r->integer(8);
    x.recipient_name = r->text(9);
    x.start_date = r->text(10);
    x.end_date = r->text(11);
    x.withdrawn_on = r->opt_text(12);
    x.status = r->text(13);
    return x;
}

}  // namespace bangfu::store
