#include "store/leading_group_repository.hpp"

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/program_repository.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::store::leading_group {

namespace {
constexpr std::string_view select_sql =
    "SELECT m.id, m.program, m.role, m.staff, m.name, m.position, m.unit, m.sort_order, "
    "m.created_at, m.updated_at FROM leading_group_members m";
// The order of the roles in a leading group as documents list them.
constexpr std::string_view order_sql =
    " ORDER BY CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 WHEN 'member' THEN 2 "
    "ELSE 3 END, m.sort_order, m.id";

core::LeadingGroupMember from_row(const Row& row) {
    core::LeadingGroupMember x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.role = row.text(2);
    x.staff = row.opt_integer(3);
    x.name = row.text(4);
    x.position = row.text(5);
    x.unit = row.text(6);
    x.sort_order = row.integer(7);
    x.created_at = row.text(8);
    x.updated_at = row.text(9);
    return x;
}

const core::Text member_text{"领导小组成员", "Leading group member"};

std::optional<core::LeadingGroupMember> find(Connection& c, std::int64_t program, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + " WHERE m.id = ? AND m.program = ?", {id, program});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// Takes the name from the staff record. A typed name that differs from it would be silently
// replaced, so it is an error instead.
void resolve_staff(Connection& c, const core::Actor& a, core::LeadingGroupMember& x,
                   const std::string& typed_name, core::FieldErrors& errors) {
    if (!x.staff || errors.contains("staff")) return;
    try {
        auto s = staff::get(c, a, *x.staff);
        if (!typed_name.empty() && typed_name != s.name && !errors.contains("name"))
            errors["name"] = {
                "已选择教职工“" + s.name + "”，姓名取自其档案，请勿另填",
                "the name is taken from the chosen staff member (" + s.name + "); leave it empty"};
        x.name = s.name;
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::not_found) throw;
        errors["staff"] = {"教职工不存在或不在您的管辖范围内",
                           "staff member does not exist or is outside your data scope"};
    }
}

void merge(core::FieldErrors& errors, core::FieldErrors more) {
    for (auto& [k, v] : more)
        if (!errors.contains(k)) errors[k] = std::move(v);
}
}  // namespace

std::vector<core::LeadingGroupMember> list(Connection& c, const core::Actor& a,
                                           std::int64_t program) {
    programs::readable_program(c, a, program);
    std::vector<core::LeadingGroupMember> out;
    for (const auto& row : c.query(
             std::string(select_sql) + " WHERE m.program = ?" + std::string(order_sql), {program}))
        out.push_back(from_row(row));
    return out;
}

core::LeadingGroupMember create(Connection& c, const core::Actor& a, std::int64_t program,
                                core::LeadingGroupMember x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    std::string typed = x.name;
    resolve_staff(c, a, x, typed, errors);
    merge(errors, core::validate(x));
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    x.id = c.query_int(
        "INSERT INTO leading_group_members (program, role, staff, name, position, unit, "
        "sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {program, x.role, nullable(x.staff), x.name, x.position, x.unit, x.sort_order, now, now});
    auto created = find(c, program, x.id);
    audit::record(c, a, "create", work_audit_target("leading_group_member", x.id, ref), nullptr,
                  core::to_json(*created));
    tx.commit();
    return *created;
}

core::LeadingGroupMember update(Connection& c, const core::Actor& a, std::int64_t program,
                                std::int64_t id, const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = find(c, program, id);
    if (!existing) core::throw_not_found(member_text);
    core::LeadingGroupMember x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    // Only a name sent in this request can conflict with the staff record.
    std::string typed = patch.contains("name") ? x.name : std::string();
    resolve_staff(c, a, x, typed, errors);
    merge(errors, core::validate(x));
    if (!errors.empty()) core::throw_validation(std::move(errors));
    c.execute(
        "UPDATE leading_group_members SET role = ?, staff = ?, name = ?, position = ?, unit = ?, "
        "sort_order = ?, updated_at = ? WHERE id = ?",
        {x.role, nullable(x.staff), x.name, x.position, x.unit, x.sort_order, now_utc(), id});
    auto updated = find(c, program, id);
    audit::record(c, a, "update", work_audit_target("leading_group_member", id, ref),
                  core::to_json(*existing), core::to_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = find(c, program, id);
    if (!existing) core::throw_not_found(member_text);
    c.execute("DELETE FROM leading_group_members WHERE id = ?", {id});
    audit::record(c, a, "delete", work_audit_target("leading_group_member", id, ref),
                  core::to_json(*existing), nullptr);
    tx.commit();
}

}  // namespace bangfu::store::leading_group
