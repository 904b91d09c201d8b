#include "core/user.hpp"

#include "core/password_quality.hpp"

#include <array>

#include "core/dictionary.hpp"
#include "core/text.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"username", "用户名", "username"},
    FieldLabel{"display_name", "显示名称", "display name"},
    FieldLabel{"role", "角色", "role"},
    FieldLabel{"region", "管辖区划", "region"},
    FieldLabel{"institution", "所在单位", "institution"},
    FieldLabel{"staff", "对应教职工", "staff record"},
    FieldLabel{"disabled", "停用", "disabled"},
    FieldLabel{"password", "密码", "password"},
};
constexpr std::array<std::string_view, 3> read_only{"id", "created_at", "updated_at"};
}  // namespace

std::span<const FieldLabel> user_labels() {
    return labels;
}

boost::json::object to_json(const User& u) {
    boost::json::object o;
    o["id"] = u.id;
    o["username"] = u.username;
    o["display_name"] = u.display_name;
    o["role"] = u.role;
    o["region"] = u.region ? boost::json::value(*u.region) : boost::json::value(nullptr);
    o["institution"] =
        u.institution ? boost::json::value(*u.institution) : boost::json::value(nullptr);
    o["staff"] = u.staff ? boost::json::value(*u.staff) : boost::json::value(nullptr);
    o["disabled"] = u.disabled;
    o["created_at"] = u.created_at;
    o["updated_at"] = u.updated_at;
    return o;
}

void read_json(User& u, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.text("username", u.username);
    f.text("display_name", u.display_name);
    f.text("role", u.role);
    f.optional_text("region", u.region);
    f.optional_integer("institution", u.institution);
    f.optional_integer("staff", u.staff);
    f.boolean("disabled", u.disabled);
}

std::optional<std::string> read_password(const boost::json::object& o, FieldErrors& e) {
    auto* v = o.if_contains("password");
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        e["password"] = field_message(labels, "password", "应为文本", "must be a string");
        return std::nullopt;
    }
    return std::string(v->get_string());
}

FieldErrors validate(const User& u) {
    FieldErrors e;
    bool ok = u.username.size() >= 3 && u.username.size() <= 32;
    for (char c : u.username)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-');
    if (!ok)
        e["username"] = field_message(labels, "username", "应为 3–32 位字母、数字、_ . -",
                                      "must be 3–32 letters, digits, _ . -");
    check_optional_text(labels, e, "display_name", u.display_name, 50);
    check_choice(labels, e, "role", u.role, dict::user_role);
    if (e.contains("role")) return e;
    bool regional = u.role == "bureau_admin" || u.role == "inspector";
    bool institutional = u.role == "institution_admin" || u.role == "teacher";
    if (regional && !u.region)
        e["region"] = field_message(labels, "region", "不能为空（该角色按区划管理）",
                                    "is required for this role");
    if (!regional && u.region)
        e["region"] = field_message(labels, "region", "只适用于教育局管理员和督导",
                                    "applies only to bureau admins and inspectors");
    if (institutional && !u.institution)
        e["institution"] = field_message(labels, "institution", "不能为空（该角色属于某个单位）",
                                         "is required for this role");
    if (!institutional && u.institution)
        e["institution"] = field_message(labels, "institution", "只适用于单位管理员和教师",
                                         "applies only to institution admins and teachers");
    if (u.staff && u.role != "teacher" && u.role != "institution_admin")
        e["staff"] = field_message(labels, "staff", "只适用于单位管理员和教师",
                                   "applies only to institution admins and teachers");
    return e;
}

FieldErrors validate_password(const std::string& password, const std::string& username) {
    FieldErrors e;
    if (auto why = password_weakness(password, username))
        e["password"] = field_message(labels, "password", why->zh, why->en);
    return e;
}

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 5> role_names{{
    {Role::system_admin, "system_admin"},
    {Role::bureau_admin, "bureau_admin"},
    {Role::institution_admin, "institution_admin"},
    {Role::teacher, "teacher"},
    {Role::inspector, "inspector"},
}};
}  // namespace

std::string_view role_name(Role r) {
    for (const auto& [role, name] : role_names)
        if (role == r) return name;
    return "teacher";
}

std::optional<Role> parse_role(std::string_view name) {
    for (const auto& [role, n] : role_names)
        if (n == name) return role;
    return std::nullopt;
}

bool may_grant_role(const Actor& actor, std::string_view role) {
    if (actor.is_system()) return true;
    if (actor.role == Role::bureau_admin) return role != "system_admin";
    if (actor.role == Role::institution_admin)
        return role == "teacher" || role == "institution_admin";
    return false;
}

}  // namespace bangfu::core
