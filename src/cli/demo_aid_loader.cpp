// The demo's one-to-one aid (data/demo/aid.json; data/demo/README.md says where each case comes
// from).
#include "cli/demo_aid_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/aid.hpp"
#include "store/aid_case_repository.hpp"
#include "store/aid_record_repository.hpp"

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

std::int64_t one_id(store::Connection& c, std::string_view sql, const store::Params& p,
                    const std::string& what) {
    auto rows = c.query(sql, p);
    if (rows.size() != 1)
        throw std::runtime_error("demo data: " + what + " matches " + std::to_string(rows.size()) +
                                 " records");
    return rows.front().integer(0);
}
}  // namespace

int load_demo_aid(store::Connection& c, std::string_view registry_json, std::string_view aid_json) {
    auto registry = json::parse(registry_json).as_object();
    auto doc = json::parse(aid_json).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";
    std::map<std::string, std::string> institution_names;  // registry key → name
    for (const auto& v : registry.at("institutions").as_array())
        institution_names[text(v.as_object(), "key")] = text(v.as_object(), "name");
    auto institution = [&](const std::string& ref) {
        auto it = ref.size() > 1 ? institution_names.find(ref.substr(1)) : institution_names.end();
        if (it == institution_names.end())
            throw std::runtime_error("demo data: unknown institution " + ref);
        return one_id(c, "SELECT id FROM institutions WHERE name = ?", {it->second}, ref);
    };
    int added = 0;
    for (const auto& v : doc.at("cases").as_array()) {
        auto o = v.as_object();
        auto name = text(o, "beneficiary");
        auto beneficiary =
            one_id(c, "SELECT id FROM beneficiaries WHERE name = ? AND institution = ?",
                   {name, institution(text(o, "institution"))}, "beneficiary " + name);
        if (c.query_int("SELECT COUNT(*) FROM aid_cases WHERE beneficiary = ? AND helper_kind = ? "
                        "AND start_date = ?",
                        {beneficiary, text(o, "helper_kind"), text(o, "start_date")}) > 0)
            continue;
        auto records = o.contains("records") ? o.at("records").as_array() : json::array{};
        auto outcomes = o.contains("outcomes") ? o.at("outcomes").as_array() : json::array{};
        o.erase("records");
        o.erase("outcomes");
        o.erase("institution");
        o["beneficiary"] = beneficiary;
        if (o.contains("helper_staff")) {
            auto staff = text(o, "helper_staff");
            o["helper_staff"] =
                one_id(c, "SELECT id FROM staff WHERE name = ?", {staff}, "staff " + staff);
        }
        if (o.contains("helper_institution"))
            o["helper_institution"] = institution(text(o, "helper_institution"));
        core::AidCase x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            x = store::aid::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("aid case of " + name, err);
        }
        ++added;
        for (const auto& r : records) {
            core::AidRecord y;
            core::FieldErrors re;
            core::read_json(y, r.as_object(), re);
            try {
                store::aid::create_record(c, actor, x.id, y, re);
            } catch (const core::Error& err) {
                invalid("aid record of " + name + " on " + y.record_date, err);
            }
            ++added;
        }
        for (const auto& r : outcomes) {
            core::AidOutcome y;
            core::FieldErrors re;
            core::read_json(y, r.as_object(), re);
            try {
                store::aid::create_outcome(c, actor, x.id, y, re);
            } catch (const core::Error& err) {
                invalid("aid outcome of " + name, err);
            }
            ++added;
        }
    }
    return added;
}

}  // namespace bangfu::cli
