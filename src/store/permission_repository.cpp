#include "store/permission_repository.hpp"

#include "core/beneficiary.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/scope.hpp"

namespace bangfu::store::permissions {

namespace {
const core::Text user_text{"用户", "User"};

struct Target {
    std::string path;  // the region path the user's scope lies under
    std::optional<std::int64_t> institution;
};

std::optional<Target> find_user(Connection& c, std::int64_t id) {
    auto row = c.query_one(
        "SELECT COALESCE(ur.path, ir.path, ''), u.institution FROM users u "
        "LEFT JOIN regions ur ON ur.code = u.region "
        "LEFT JOIN institutions ui ON ui.id = u.institution "
        "LEFT JOIN regions ir ON ir.code = ui.region WHERE u.id = ?",
        {id});
    if (!row) return std::nullopt;
    return Target{row->text(0), row->opt_integer(1)};
}

void require_granter(const core::Actor& a) {
    if (!a.is_system() && a.role != core::Role::bureau_admin)
        core::throw_forbidden({"只有系统管理员和教育局管理员可以授予或收回权限",
                               "Only system and bureau admins may grant or revoke permissions"});
}

void check_known(std::string_view permission) {
    if (!is_known(permission)) core::throw_not_found({"权限", "Permission"});
}

Target check_target(Connection& c, const core::Actor& a, std::int64_t user_id) {
    require_granter(a);
    auto t = find_user(c, user_id);
    if (!t) core::throw_not_found(user_text);
    if (!a.is_system()) {
        if (user_id == a.user_id)
            core::throw_forbidden({"不能给自己授予或收回权限，请联系上级或系统管理员",
                                   "You cannot grant or revoke your own permissions"});
        if (t->path.empty() || !Scope(a).holds(t->path)) refuse_out_of_scope();
    }
    return *t;
}
}  // namespace

bool is_known(std::string_view permission) {
    return permission == core::beneficiary_personal_permission;
}

std::vector<std::int64_t> holders(Connection& c, const core::Actor& a,
                                  std::string_view permission) {
    if (!a.is_admin())
        core::throw_forbidden({"只有管理员可以管理用户", "Only admins may manage users"});
    check_known(permission);
    Where w;
    w.add("p.permission = ?", {std::string(permission)});
    Scope(a).users(w);
    std::string sql =
        "SELECT p.user_id FROM user_permissions p JOIN users u ON u.id = p.user_id "
        "LEFT JOIN regions ur ON ur.code = u.region "
        "LEFT JOIN institutions ui ON ui.id = u.institution "
        "LEFT JOIN regions ir ON ir.code = ui.region" +
        w.sql();
    const Params& params = w.params();
    std::vector<std::int64_t> out;
    for (const auto& row : c.query(sql + " ORDER BY p.user_id", params))
        out.push_back(row.integer(0));
    return out;
}

void grant(Connection& c, const core::Actor& a, std::int64_t user_id, std::string_view permission) {
    check_known(permission);
    Transaction tx(c, Transaction::write);
    auto t = check_target(c, a, user_id);
    if (c.query_int("SELECT COUNT(*) FROM user_permissions WHERE user_id = ? AND permission = ?",
                    {user_id, std::string(permission)}) > 0)
        return;
    c.execute(
        "INSERT INTO user_permissions (user_id, permission, granted_by, granted_at) "
        "VALUES (?, ?, ?, ?)",
        {user_id, std::string(permission), a.user_id > 0 ? Param{a.user_id} : Param{nullptr},
         now_utc()});
    audit::record(c, a, "grant_permission",
                  {"user", std::to_string(user_id), t.path, t.institution}, nullptr,
                  boost::json::object{{"permission", std::string(permission)}});
    tx.commit();
}

void revoke(Connection& c, const core::Actor& a, std::int64_t user_id,
            std::string_view permission) {
    check_known(permission);
    Transaction tx(c, Transaction::write);
    auto t = check_target(c, a, user_id);
    if (c.execute("DELETE FROM user_permissions WHERE user_id = ? AND permission = ?",
                  {user_id, std::string(permission)}) == 0)
        return;
    audit::record(c, a, "revoke_permission",
                  {"user", std::to_string(user_id), t.path, t.institution},
                  boost::json::object{{"permission", std::string(permission)}}, nullptr);
    tx.commit();
}

}  // namespace bangfu::store::permissions
