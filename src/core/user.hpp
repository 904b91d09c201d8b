#pragma once
// Users, roles and the data scope each role gives (DESIGN.md §1).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

// The five roles of DESIGN.md §1. Users keep the role as text (the dictionary `user_role`, as
// stored and sent); an Actor holds the enum, so a misspelt role is a compile error, not a
// comparison that is silently never true.
enum class Role { system_admin, bureau_admin, institution_admin, teacher, inspector };
std::string_view role_name(Role r);
// The role of a stored or typed name; nullopt for anything else.
std::optional<Role> parse_role(std::string_view name);

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    std::string role;                         // dict::user_role
    std::optional<std::string> region;        // bureau_admin, inspector
    std::optional<std::int64_t> institution;  // institution_admin, teacher
    std::optional<std::int64_t> staff;        // the staff record of a teacher, when linked
    bool disabled = false;
    std::string created_at;
    std::string updated_at;
};

// Who is acting, resolved from the session or token, with the scope their role grants.
struct Actor {
    std::int64_t user_id = 0;
    std::string username;
    Role role = Role::teacher;  // the narrowest scope, should a caller forget to set it
    std::optional<std::string> region;
    std::optional<std::int64_t> institution;
    std::optional<std::int64_t> staff;
    // The region path the actor's data lives under: their region's for bureau admins and
    // inspectors, their institution's region's for institution roles; empty for a system admin.
    std::string scope_path;
    std::string display_name;
    // Permissions granted beyond the role (table user_permissions), e.g. "beneficiary_personal".
    std::vector<std::string> permissions{};

    bool is_system() const { return role == Role::system_admin; }
    bool is_regional() const { return role == Role::bureau_admin || role == Role::inspector; }
    bool is_institutional() const {
        return role == Role::institution_admin || role == Role::teacher;
    }
    bool is_admin() const {
        return role == Role::system_admin || role == Role::bureau_admin ||
               role == Role::institution_admin;
    }
    // Inspectors and teachers only read the registry.
    bool may_write_registry() const { return is_admin(); }
    // System admins hold every permission implicitly; everyone else only what was granted.
    bool holds(std::string_view permission) const {
        if (is_system()) return true;
        for (const auto& p : permissions)
            if (p == permission) return true;
        return false;
    }
};

std::span<const FieldLabel> user_labels();
boost::json::object to_json(const User& u);
// Reads the fields of a user (password excluded: see read_password).
void read_json(User& u, const boost::json::object& o, FieldErrors& e);
std::optional<std::string> read_password(const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const User& u);
// Password policy (core/password_quality): 10–128 characters, no control characters, not built
// from the username, not guessable by libpwquality's dictionary checks. Empty means acceptable.
FieldErrors validate_password(const std::string& password, const std::string& username);
// Which roles an actor may give to the users they manage.
bool may_grant_role(const Actor& actor, std::string_view role);

}  // namespace bangfu::core
