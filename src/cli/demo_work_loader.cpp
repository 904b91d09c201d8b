// The demo's pairing work (data/demo/pairing.json): programs and everything recorded under them,
// loaded through the same read_json, validation and repositories as user input, so the demo
// can never hold what a user could not have entered.
#include <boost/json.hpp>

#include <functional>
#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "cli/demo_loader.hpp"
#include "core/activity.hpp"
#include "core/donation.hpp"
#include "core/inspection.hpp"
#include "core/pairing.hpp"
#include "core/plan.hpp"
#include "core/program.hpp"
#include "core/shared_resource.hpp"
#include "core/task.hpp"
#include "store/activity_repository.hpp"
#include "store/donation_repository.hpp"
#include "store/inspection_repository.hpp"
#include "store/leading_group_repository.hpp"
#include "store/pairing_repository.hpp"
#include "store/plan_repository.hpp"
#include "store/policy_document_repository.hpp"
#include "store/program_repository.hpp"
#include "store/resource_repository.hpp"
#include "store/task_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

namespace {

[[noreturn]] void invalid(const std::string& what, const core::Error& err) {
    std::string msg = "demo data: " + what + ": " + err.message().en;
    for (const auto& [k, v] : err.fields()) msg += " " + k + " " + v.en + ";";
    throw std::runtime_error(msg);
}

std::string text(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Demo records refer to each other by key: "@key" an institution of registry.json, "$name" a
// staff member, "#key" a program, "%key" a pairing, "&key" a plan. Resolving turns them into ids.
class References {
  public:
    explicit References(store::Connection& c) : c_(c) {}
    std::map<std::string, std::int64_t> programs, pairings, plans;

    json::object resolve(json::object o) {
        o.erase("key");
        for (auto& [k, v] : o) {
            if (v.is_string()) v = resolve_value(std::string(v.get_string()));
            if (v.is_array())
                for (auto& item : v.as_array()) {
                    if (item.is_object()) item = resolve(item.as_object());
                }
        }
        return o;
    }

  private:
    json::value resolve_value(const std::string& s) {
        if (s.size() < 2) return json::value(s);
        std::string key = s.substr(1);
        switch (s[0]) {
            case '@':
                return one("SELECT id FROM institutions WHERE name = ?", institution_name(key), s);
            case '$':
                return one("SELECT id FROM staff WHERE name = ?", key, s);
            case '#':
                return find(programs, key, s);
            case '%':
                return find(pairings, key, s);
            case '&':
                return find(plans, key, s);
            default:
                return json::value(s);
        }
    }
    std::int64_t find(const std::map<std::string, std::int64_t>& m, const std::string& key,
                      const std::string& ref) {
        auto it = m.find(key);
        if (it == m.end()) throw std::runtime_error("demo data: unknown reference " + ref);
        return it->second;
    }
    std::int64_t one(std::string_view sql, const std::string& value, const std::string& ref) {
        auto rows = c_.query(sql, {value});
        if (rows.size() != 1)
            throw std::runtime_error("demo data: reference " + ref + " matches " +
                                     std::to_string(rows.size()) + " records");
        return rows.front().integer(0);
    }
    std::string institution_name(const std::string& key) {
        auto it = institution_names.find(key);
        if (it == institution_names.end())
            throw std::runtime_error("demo data: unknown institution key @" + key);
        return it->second;
    }

  public:
    std::map<std::string, std::string> institution_names;  // registry key → name

  private:
    store::Connection& c_;
};

// Each section's records under the program they belong to: when the program already exists
// (the demo was loaded before), its records are skipped, so loading twice adds nothing.
bool belongs_to_new_program(const json::object& o, const std::map<std::string, bool>& fresh) {
    auto p = text(o, "program");
    if (p.empty() || p[0] != '#') return true;
    auto it = fresh.find(p.substr(1));
    return it != fresh.end() && it->second;
}

}  // namespace

int load_demo_work(store::Connection& c, std::string_view registry_json,
                   std::string_view work_json) {
    auto registry = json::parse(registry_json).as_object();
    auto doc = json::parse(work_json).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";
    References refs(c);
    for (const auto& v : registry.at("institutions").as_array())
        refs.institution_names[text(v.as_object(), "key")] = text(v.as_object(), "name");
    int added = 0;
    auto section = [&](std::string_view name) -> const json::array& {
        return doc.at(name).as_array();
    };

    std::map<std::string, bool> fresh;  // program key → created now
    for (const auto& v : section("programs")) {
        const auto& o = v.as_object();
        auto key = text(o, "key");
        if (auto existing = c.query_one("SELECT id FROM programs WHERE name = ? AND region = ?",
                                        {text(o, "name"), text(o, "region")})) {
            refs.programs[key] = existing->integer(0);
            fresh[key] = false;
            continue;
        }
        core::Program x;
        core::FieldErrors e;
        core::read_json(x, refs.resolve(o), e);
        try {
            refs.programs[key] = store::programs::create(c, actor, x, e).id;
        } catch (const core::Error& err) {
            invalid("program " + key, err);
        }
        fresh[key] = true;
        ++added;
    }
    // Runs `create` on each record of a section whose program was created now.
    auto each =
        [&](std::string_view name,
            const std::function<void(const json::object& raw, json::object resolved)>& create) {
            for (const auto& v : section(name)) {
                const auto& raw = v.as_object();
                if (!belongs_to_new_program(raw, fresh)) continue;
                try {
                    create(raw, refs.resolve(raw));
                } catch (const core::Error& err) {
                    invalid(std::string(name) + " " + boost::json::serialize(raw).substr(0, 80),
                            err);
                }
                ++added;
            }
        };
    auto program_of = [&](const json::object& resolved) {
        return resolved.at("program").as_int64();
    };

    each("leading_group", [&](const json::object&, json::object o) {
        auto program = program_of(o);
        o.erase("program");
        core::LeadingGroupMember x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        store::leading_group::create(c, actor, program, x, e);
    });
    each("documents", [&](const json::object&, json::object o) {
        auto program = program_of(o);
        o.erase("program");
        json::value file;
        if (auto* f = o.if_contains("file")) file = *f;
        o.erase("file");
        core::PolicyDocument x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        auto created = store::policy_documents::create(c, actor, program, x, e);
        if (file.is_object())
            store::policy_documents::attach_file(c, actor, program, created.id,
                                                 text(file.as_object(), "name"),
                                                 text(file.as_object(), "text"));
    });
    // BEGIN pairing-work sections of other slices (pairings, plans, tasks, activities, donations)
    each("pairings", [&](const json::object& raw, json::object o) {
        core::Pairing x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        refs.pairings[text(raw, "key")] = store::pairings::create(c, actor, x, e).id;
    });
    each("plans", [&](const json::object& raw, json::object o) {
        // The seeds' plans are approved: they are created as drafts and go through the same
        // steps a bureau takes (submitted, then approved).
        auto approval = text(o, "approval");
        o.erase("approval");
        core::Plan x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        auto created = store::plans::create(c, actor, x, e);
        refs.plans[text(raw, "key")] = created.id;
        if (approval == "submitted" || approval == "approved")
            store::plans::set_approval(c, actor, created.id, {{"approval", "submitted"}});
        if (approval == "approved")
            store::plans::set_approval(c, actor, created.id, {{"approval", "approved"}});
    });
    // Tasks name their plan, not their program: those of plans created now are added.
    for (const auto& v : section("tasks")) {
        const auto& raw = v.as_object();
        auto plan_ref = text(raw, "plan");
        if (plan_ref.size() < 2 || !refs.plans.contains(plan_ref.substr(1))) continue;
        try {
            auto o = refs.resolve(raw);
            auto plan = o.at("plan").as_int64();
            o.erase("plan");
            core::Task x;
            core::FieldErrors e;
            core::read_json(x, o, e);
            store::tasks::create(c, actor, plan, x, e);
        } catch (const core::Error& err) {
            invalid("task " + text(raw, "description"), err);
        }
        ++added;
    }
    each("activities", [&](const json::object&, json::object o) {
        core::Activity x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        store::activities::create(c, actor, std::move(x), std::move(e));
    });
    each("donations", [&](const json::object&, json::object o) {
        core::Donation x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        store::donations::create(c, actor, x, e);
    });
    // Shared resources belong to an owner, not a program: one shared through a pairing is loaded
    // with that pairing (created now, so not loaded before); one without, unless its owner
    // already shares a resource of that title.
    for (const auto& v : section("resources")) {
        const auto& raw = v.as_object();
        auto pairing = text(raw, "pairing");
        if (!pairing.empty() && pairing[0] == '%' && !refs.pairings.contains(pairing.substr(1)))
            continue;
        auto o = refs.resolve(raw);
        if (pairing.empty() &&
            c.query_one("SELECT id FROM shared_resources WHERE owner_institution = ? AND title = ?",
                        {o.at("owner_institution").as_int64(), text(o, "title")}))
            continue;
        json::value file;
        if (auto* f = o.if_contains("file")) file = *f;
        o.erase("file");
        try {
            core::SharedResource x;
            core::FieldErrors e;
            core::read_json(x, o, e);
            auto created = store::resources::create(c, actor, x, e);
            if (file.is_object())
                store::resources::attach_file(c, actor, created.id, text(file.as_object(), "name"),
                                              text(file.as_object(), "text"));
        } catch (const core::Error& err) {
            invalid("resources " + boost::json::serialize(raw).substr(0, 80), err);
        }
        ++added;
    }
    // END pairing-work sections
    each("inspections", [&](const json::object&, json::object o) {
        core::Inspection x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        store::inspections::create(c, actor, x, e);
    });
    return added;
}

}  // namespace bangfu::cli
