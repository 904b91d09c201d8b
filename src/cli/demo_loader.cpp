#include "cli/demo_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/institution.hpp"
#include "core/password.hpp"
#include "core/region.hpp"
#include "core/staff.hpp"
#include "core/user.hpp"
#include "store/auth_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/region_repository.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

namespace {
[[noreturn]] void invalid(const std::string& what, const core::FieldErrors& e) {
    std::string msg = "demo data: " + what + ":";
    for (const auto& [k, v] : e) msg += " " + k + " " + v.en + ";";
    throw std::runtime_error(msg);
}

std::string text(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
}  // namespace

DemoCounts load_demo(store::Connection& c, std::string_view json_text) {
    DemoCounts n;
    auto doc = json::parse(json_text).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";

    for (const auto& v : doc.at("regions").as_array()) {
        const auto& o = v.as_object();
        if (store::regions::find(c, text(o, "code"))) continue;
        core::Region r;
        core::FieldErrors e;
        core::read_json(r, o, e);
        try {
            store::regions::create(c, actor, r, e);
        } catch (const core::Error& err) {
            invalid("region " + r.code, err.fields());
        }
        ++n.regions;
    }

    std::map<std::string, std::int64_t> institution_ids;  // demo key → id
    for (const auto& v : doc.at("institutions").as_array()) {
        json::object o = v.as_object();
        std::string key = text(o, "key");
        o.erase("key");
        auto existing = c.query_one("SELECT id FROM institutions WHERE region = ? AND name = ?",
                                    {text(o, "region"), text(o, "name")});
        if (existing) {
            institution_ids[key] = existing->integer(0);
            continue;
        }
        core::Institution x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            institution_ids[key] = store::institutions::create(c, actor, x, e).id;
        } catch (const core::Error& err) {
            invalid("institution " + x.name, err.fields());
        }
        ++n.institutions;
    }

    auto institution_of = [&](const std::string& key) {
        auto it = institution_ids.find(key);
        if (it == institution_ids.end())
            throw std::runtime_error("demo data: unknown institution key " + key);
        return it->second;
    };

    for (const auto& v : doc.at("staff").as_array()) {
        json::object o = v.as_object();
        std::int64_t inst = institution_of(text(o, "institution"));
        o["institution"] = inst;
        if (c.query_one("SELECT id FROM staff WHERE institution = ? AND name = ?",
                        {inst, text(o, "name")}))
            continue;
        core::Staff x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::staff::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("staff " + x.name, err.fields());
        }
        ++n.staff;
    }

    std::map<std::string, store::auth::PasswordHash> hashes;
    for (const auto& v : doc.at("users").as_array()) {
        const auto& o = v.as_object();
        core::User u;
        u.username = text(o, "username");
        if (c.query_one("SELECT id FROM users WHERE username = ?", {u.username})) continue;
        u.display_name = text(o, "display_name");
        u.role = text(o, "role");
        if (o.contains("region")) u.region = text(o, "region");
        if (o.contains("institution")) {
            u.institution = institution_of(text(o, "institution"));
            // A teacher's account is linked to their staff record, so they see their own data.
            if (auto s = c.query_one("SELECT id FROM staff WHERE institution = ? AND name = ?",
                                     {*u.institution, u.display_name}))
                u.staff = s->integer(0);
        }
        auto e = core::validate(u);
        if (!e.empty()) invalid("user " + u.username, e);
        // Argon2id is slow on purpose: hash each distinct demo password once.
        auto password = text(o, "password");
        auto& hash = hashes[password];
        if (hash.encoded.empty()) hash.encoded = core::hash_password(password);
        store::auth::bootstrap_user(c, u, hash);
        ++n.users;
    }
    return n;
}

}  // namespace bangfu::cli
