#include "store/user_repository.hpp"

#include <array>

#include "core/password.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/region_repository.hpp"
#include "store/scope.hpp"

namespace bangfu::store::users {

namespace {
constexpr std::string_view select_sql =
    "SELECT u.id, u.username, u.display_name, u.role, u.region, u.institution, u.staff, "
    "u.disabled, u.created_at, u.updated_at, COALESCE(ur.path, ir.path, '') FROM users u "
    "LEFT JOIN regions ur ON ur.code = u.region LEFT JOIN institutions ui ON ui.id = u.institution "
    "LEFT JOIN regions ir ON ir.code = ui.region";

const core::Text user_text{"用户", "User"};

struct Loaded {
    core::User u;
    std::string path;  // the region path the user's scope lies under ("" for system admins)
};

Loaded from_row(const Row& r) {
    core::User u;
    u.id = r.integer(0);
    u.username = r.text(1);
    u.display_name = r.text(2);
    u.role = r.text(3);
    u.region = r.opt_text(4);
    u.institution = r.opt_integer(5);
    u.staff = r.opt_integer(6);
    u.disabled = r.boolean(7);
    u.created_at = r.text(8);
    u.updated_at = r.text(9);
    return {std::move(u), r.text(10)};
}

void require_admin(const core::Actor& a) {
    if (!a.is_admin())
        core::throw_forbidden({"只有管理员可以管理用户", "Only admins may manage users"});
}

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE u.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// Resolves the region path a user record would be scoped under, collecting field errors for
// references that do not exist.
std::string resolve_path(Connection& c, const core::User& u, core::FieldErrors& errors) {
    std::string path;
    if (u.region && !errors.contains("region")) {
        if (auto r = regions::find(c, *u.region))
            path = r->path;
        else
            errors["region"] = {"行政区划 " + *u.region + " 不存在",
                                "region " + *u.region + " does not exist"};
    }
    if (u.institution && !errors.contains("institution")) {
        auto row = c.query_one(
            "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
            {*u.institution});
        if (row)
            path = row->text(0);
        else
            errors["institution"] = {"单位不存在", "the institution does not exist"};
    }
    // The staff record decides what a teacher may read about themselves: it must be at the
    // user's own institution, or the link would open another institution's personal data.
    if (u.staff && !errors.contains("staff")) {
        auto inst = c.query_one("SELECT institution FROM staff WHERE id = ?", {*u.staff});
        if (!inst)
            errors["staff"] = {"教职工不存在", "the staff record does not exist"};
        else if (!u.institution || inst->integer(0) != *u.institution)
            errors["staff"] = {"该教职工不在所选单位",
                               "the staff member is not at that institution"};
    }
    return path;
}

// May the actor hold a user with this role, scope and path?
void check_write(const core::Actor& a, const core::User& u, const std::string& path) {
    require_admin(a);
    if (a.is_system()) return;
    if (!core::may_grant_role(a, u.role))
        core::throw_forbidden(
            {"无权授予角色：" + u.role, "Forbidden: you cannot grant the role " + u.role});
    // A user is kept like a row of their institution (institution roles) or of their region
    // (regional roles, `path` being the region's): an empty path is nowhere, so refused.
    Scope(a).check_institution_write(u.institution.value_or(0), path);
}

Params write_params(const core::User& u) {
    return {u.username,
            u.display_name,
            u.role,
            nullable(u.region),
            nullable(u.institution),
            nullable(u.staff),
            std::int64_t{u.disabled}};
}

void merge(core::FieldErrors& into, core::FieldErrors from) {
    for (auto& [k, v] : from)
        if (!into.contains(k)) into[k] = std::move(v);
}
}  // namespace

Page<core::User> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    require_admin(a);
    static constexpr std::array<std::string_view, 4> known{"role", "region", "institution",
                                                           "disabled"};
    check_known_filters(q, known);
    Where w;
    Scope(a).users(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "role") w.add("u.role = ?", {choice_filter(k, v, core::dict::user_role)});
        if (k == "region")
            w.add(
                "COALESCE(ur.path, ir.path, '') LIKE (SELECT path FROM regions WHERE code = ?) || "
                "'%'",
                {v});
        if (k == "institution") w.add("u.institution = ?", {parse_id_filter(k, v)});
        if (k == "disabled") w.add("u.disabled = ?", {std::int64_t{parse_bool_filter(k, v)}});
    }
    if (!q.q.empty())
        w.add(
            "lower(u.username) LIKE lower(?) ESCAPE '\\' OR lower(u.display_name) LIKE lower(?) "
            "ESCAPE '\\'",
            {contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 4> sorts{
        SortField{"username", "u.username"}, SortField{"id", "u.id"}, SortField{"role", "u.role"},
        SortField{"created_at", "u.created_at"}};
    Page<core::User> page{{}, 0, q.page, q.page_size};
    std::string from = std::string(select_sql).substr(std::string(select_sql).find(" FROM "));
    page.total = c.query_int("SELECT COUNT(*)" + from + w.sql(), w.params());
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() + order_by(q.sort, sorts, "username", "u.id") +
                     limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row).u);
    return page;
}

core::User get(Connection& c, const core::Actor& a, std::int64_t id) {
    if (!a.is_admin() && a.user_id != id) core::throw_not_found(user_text);
    Where w;
    w.add("u.id = ?", {id});
    if (a.user_id != id) Scope(a).users(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(user_text);
    return from_row(*row).u;
}

core::User create(Connection& c, const core::Actor& a, core::User u,
                  std::optional<std::string> password, core::FieldErrors errors) {
    require_admin(a);
    merge(errors, core::validate(u));
    if (!password)
        errors["password"] = {"密码不能为空", "password is required"};
    else
        merge(errors, core::validate_password(*password, u.username));
    // Hash before taking the write lock: Argon2id is deliberately slow.
    std::string hash = errors.empty() ? core::hash_password(*password) : "";
    Transaction tx(c, Transaction::write);
    std::string path = resolve_path(c, u, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_write(a, u, path);
    if (c.query_int("SELECT COUNT(*) FROM users WHERE username = ?", {u.username}) > 0)
        core::throw_conflict(
            {"用户名 " + u.username + " 已被使用", "the username " + u.username + " is taken"},
            {{"username", {"已被使用", "is taken"}}});
    auto now = now_utc();
    Params p = write_params(u);
    p.push_back(hash);
    p.push_back(now);
    p.push_back(now);
    u.id = c.query_int(
        "INSERT INTO users (username, display_name, role, region, institution, staff, disabled, "
        "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, u.id);
    audit::record(c, a, "create", {"user", std::to_string(u.id), path, u.institution}, nullptr,
                  core::to_json(created->u));
    tx.commit();
    return created->u;
}

core::User update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch) {
    require_admin(a);
    core::FieldErrors errors;
    auto password = core::read_password(patch, errors);
    if (password) {
        // Checked against the name the account will have after this change.
        std::string username;
        if (auto* v = patch.if_contains("username"); v && v->is_string())
            username = std::string(v->get_string());
        else if (auto found = find(c, id))
            username = found->u.username;
        merge(errors, core::validate_password(*password, username));
    }
    std::string hash = password && errors.empty() ? core::hash_password(*password) : "";
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(user_text);
    check_write(a, existing->u, existing->path);
    core::User u = existing->u;
    boost::json::object fields = patch;
    fields.erase("password");
    core::read_json(u, fields, errors);
    merge(errors, core::validate(u));
    std::string path = resolve_path(c, u, errors);
    if (u.id == a.user_id && (u.role != existing->u.role || u.disabled))
        errors["role"] = {"不能修改自己的角色或停用自己",
                          "you cannot change your own role or disable yourself"};
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_write(a, u, path);
    if (u.username != existing->u.username &&
        c.query_int("SELECT COUNT(*) FROM users WHERE username = ?", {u.username}) > 0)
        core::throw_conflict(
            {"用户名 " + u.username + " 已被使用", "the username " + u.username + " is taken"},
            {{"username", {"已被使用", "is taken"}}});
    Params p = write_params(u);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE users SET username = ?, display_name = ?, role = ?, region = ?, institution = ?, "
        "staff = ?, disabled = ?, updated_at = ? WHERE id = ?",
        p);
    if (password) {
        c.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id});
        // A new password starts afresh: the delays earned with the old one are lifted.
        c.execute("DELETE FROM login_throttles WHERE username = ?", {u.username});
    }
    // A reset password or a disabled account ends every session and API token opened before.
    if (password || u.disabled) {
        c.execute("DELETE FROM sessions WHERE user_id = ?", {id});
        c.execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                  {now_utc(), id});
    }
    auto updated = find(c, id);
    boost::json::object after = core::to_json(updated->u);
    if (password) after["password"] = "(changed)";
    audit::record(c, a, "update", {"user", std::to_string(id), path, u.institution},
                  core::to_json(existing->u), after);
    tx.commit();
    return updated->u;
}

Removal remove(Connection& c, const core::Actor& a, std::int64_t id) {
    require_admin(a);
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(user_text);
    check_write(a, existing->u, existing->path);
    if (id == a.user_id) core::throw_conflict({"不能删除自己", "you cannot delete yourself"});
    audit::Target target{"user", std::to_string(id), existing->path, existing->u.institution};
    Removal result;
    c.execute("DELETE FROM sessions WHERE user_id = ?", {id});
    if (c.query_int("SELECT COUNT(*) FROM audit_log WHERE user_id = ?", {id}) > 0) {
        c.execute("UPDATE users SET disabled = 1, updated_at = ? WHERE id = ?", {now_utc(), id});
        c.execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                  {now_utc(), id});
        core::User after = existing->u;
        after.disabled = true;
        audit::record(c, a, "archive", target, core::to_json(existing->u), core::to_json(after));
        result = Removal::disabled;
    } else {
        c.execute("DELETE FROM api_tokens WHERE user_id = ?", {id});
        c.execute("DELETE FROM users WHERE id = ?", {id});
        audit::record(c, a, "delete", target, core::to_json(existing->u), nullptr);
        result = Removal::deleted;
    }
    tx.commit();
    return result;
}

std::optional<core::Actor> load_actor(Connection& c, std::int64_t user_id) {
    auto loaded = find(c, user_id);
    if (!loaded || loaded->u.disabled) return std::nullopt;
    core::Actor a;
    a.user_id = loaded->u.id;
    a.username = loaded->u.username;
    a.role = core::parse_role(loaded->u.role).value_or(core::Role::teacher);
    a.region = loaded->u.region;
    a.institution = loaded->u.institution;
    a.staff = loaded->u.staff;
    a.display_name = loaded->u.display_name;
    a.scope_path = a.is_system() ? "" : loaded->path;
    // A scoped role without a scope sees nothing rather than everything.
    if (!a.is_system() && a.scope_path.empty()) a.scope_path = "/-/";
    for (const auto& row :
         c.query("SELECT permission FROM user_permissions WHERE user_id = ? ORDER BY permission",
                 {user_id}))
        a.permissions.push_back(row.text(0));
    return a;
}

}  // namespace bangfu::store::users
