// The demo's teacher dispatch (data/demo/dispatch.json, written by make_dispatch_json.py).
#include "cli/demo_dispatch_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/dispatch.hpp"
#include "core/staff.hpp"
#include "store/assignment_repository.hpp"
#include "store/attachment_study_repository.hpp"
#include "store/batch_repository.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

namespace {
[[noreturn]] void invalid(const std::string& what, const core::Error& err) {
    std::string msg = "demo dispatch: " + what + ": " + err.message().en;
    for (const auto& [k, v] : err.fields()) msg += " " + k + " " + v.en + ";";
    throw std::runtime_error(msg);
}

std::string text(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// References: "@key" an institution of registry.json, "$name" a staff member, "*key" a batch of
// this file; "program" is the program's name (programs come from pairing.json).
class References {
  public:
    explicit References(store::Connection& c) : c_(c) {}
    std::map<std::string, std::string> institution_names;
    std::map<std::string, std::int64_t> batches;

    std::int64_t institution(const std::string& key) {
        auto it = institution_names.find(key);
        if (it == institution_names.end())
            throw std::runtime_error("demo dispatch: unknown institution @" + key);
        return one("SELECT id FROM institutions WHERE name = ?", it->second, "@" + key);
    }
    std::int64_t program(const std::string& name) {
        return one("SELECT id FROM programs WHERE name = ?", name, name);
    }
    json::object resolve(json::object o) {
        for (auto& [k, v] : o) {
            if (!v.is_string()) continue;
            std::string s(v.get_string());
            if (k == "program") {
                v = program(s);
            } else if (s.size() > 1 && s[0] == '@') {
                v = institution(s.substr(1));
            } else if (s.size() > 1 && s[0] == '$') {
                v = one("SELECT id FROM staff WHERE name = ?", s.substr(1), s);
            } else if (s.size() > 1 && s[0] == '*') {
                auto it = batches.find(s.substr(1));
                if (it == batches.end()) throw std::runtime_error("demo dispatch: unknown " + s);
                v = it->second;
            }
        }
        return o;
    }

  private:
    std::int64_t one(std::string_view sql, const std::string& value, const std::string& ref) {
        auto rows = c_.query(sql, {value});
        if (rows.size() != 1)
            throw std::runtime_error("demo dispatch: reference " + ref + " matches " +
                                     std::to_string(rows.size()) + " records");
        return rows.front().integer(0);
    }
    store::Connection& c_;
};
}  // namespace

int load_demo_dispatch(store::Connection& c, std::string_view registry_json,
                       std::string_view dispatch_json) {
    auto registry = json::parse(registry_json).as_object();
    auto doc = json::parse(dispatch_json).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";
    References refs(c);
    for (const auto& v : registry.at("institutions").as_array())
        refs.institution_names[text(v.as_object(), "key")] = text(v.as_object(), "name");
    int added = 0;

    // Staff first (the teachers the seeds do not name), when not there yet.
    for (const auto& v : doc.at("staff").as_array()) {
        auto o = refs.resolve(v.as_object());
        if (c.query_one("SELECT id FROM staff WHERE name = ? AND institution = ?",
                        {text(o, "name"), o.at("institution").as_int64()}))
            continue;
        core::Staff x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::staff::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("staff " + x.name, err);
        }
        ++added;
    }

    // Programs whose dispatch is loaded now: those without any batch or assignment yet.
    std::map<std::string, bool> fresh;
    auto is_fresh = [&](const std::string& program) {
        auto it = fresh.find(program);
        if (it != fresh.end()) return it->second;
        auto id = refs.program(program);
        bool empty =
            c.query_int("SELECT COUNT(*) FROM dispatch_batches WHERE program = ?", {id}) == 0 &&
            c.query_int("SELECT COUNT(*) FROM dispatch_assignments WHERE program = ?", {id}) == 0 &&
            c.query_int("SELECT COUNT(*) FROM attachment_studies WHERE program = ?", {id}) == 0;
        return fresh[program] = empty;
    };
    for (const auto& v : doc.at("batches").as_array()) {
        const auto& raw = v.as_object();
        if (!is_fresh(text(raw, "program"))) continue;
        auto o = refs.resolve(raw);
        o.erase("key");
        core::Batch x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            refs.batches[text(raw, "key")] = store::batches::create(c, actor, x, e).id;
        } catch (const core::Error& err) {
            invalid("batch " + x.name, err);
        }
        ++added;
    }
    for (const auto& v : doc.at("assignments").as_array()) {
        const auto& raw = v.as_object();
        if (!fresh[text(raw, "program")]) continue;
        auto o = refs.resolve(raw);
        core::Assignment x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::assignments::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("assignment " + text(raw, "staff"), err);
        }
        ++added;
    }
    for (const auto& v : doc.at("attachments").as_array()) {
        const auto& raw = v.as_object();
        if (!is_fresh(text(raw, "program"))) continue;
        auto o = refs.resolve(raw);
        core::AttachmentStudy x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::attachment_studies::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("attachment study " + text(raw, "purpose"), err);
        }
        ++added;
    }
    return added;
}

}  // namespace bangfu::cli
