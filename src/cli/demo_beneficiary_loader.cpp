// The demo's beneficiaries (data/demo/beneficiaries.json; see data/demo/README.md for where each
// record comes from and the scheme of the fictional ID numbers).
#include "cli/demo_beneficiary_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/beneficiary.hpp"
#include "core/inbound_cohort.hpp"
#include "core/program.hpp"
#include "core/region.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/inbound_cohort_repository.hpp"
#include "store/program_repository.hpp"
#include "store/region_repository.hpp"

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

std::int64_t one_id(store::Connection& c, std::string_view sql, const std::string& value,
                    const std::string& what) {
    auto rows = c.query(sql, {value});
    if (rows.size() != 1)
        throw std::runtime_error("demo data: " + what + " matches " + std::to_string(rows.size()) +
                                 " records");
    return rows.front().integer(0);
}
}  // namespace

int load_demo_beneficiaries(store::Connection& c, std::string_view registry_json,
                            std::string_view beneficiaries_json) {
    auto registry = json::parse(registry_json).as_object();
    auto doc = json::parse(beneficiaries_json).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";
    std::map<std::string, std::string> institution_names;  // registry key → name
    for (const auto& v : registry.at("institutions").as_array())
        institution_names[text(v.as_object(), "key")] = text(v.as_object(), "name");
    auto institution = [&](const std::string& ref) {
        auto it = ref.size() > 1 ? institution_names.find(ref.substr(1)) : institution_names.end();
        if (it == institution_names.end())
            throw std::runtime_error("demo data: unknown institution " + ref);
        return one_id(c, "SELECT id FROM institutions WHERE name = ?", it->second, ref);
    };
    int added = 0;

    for (const auto& v : doc.at("regions").as_array()) {
        const auto& o = v.as_object();
        if (c.query_int("SELECT COUNT(*) FROM regions WHERE code = ?", {text(o, "code")}) > 0)
            continue;
        core::Region r{text(o, "code"), text(o, "name"), text(o, "level"), text(o, "parent"), ""};
        try {
            store::regions::create(c, actor, r, {});
        } catch (const core::Error& err) {
            invalid("region " + r.code, err);
        }
        ++added;
    }
    for (const auto& v : doc.at("programs").as_array()) {
        const auto& o = v.as_object();
        if (c.query_int("SELECT COUNT(*) FROM programs WHERE name = ? AND region = ?",
                        {text(o, "name"), text(o, "region")}) > 0)
            continue;
        core::Program x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::programs::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("program " + x.name, err);
        }
        ++added;
    }
    for (std::string_view section : {"students", "households"}) {
        for (const auto& v : doc.at(section).as_array()) {
            auto o = v.as_object();
            auto inst = institution(text(o, "institution"));
            auto name = text(o, "name");
            if (c.query_int("SELECT COUNT(*) FROM beneficiaries WHERE name = ? AND institution = ?",
                            {name, inst}) > 0)
                continue;
            o.erase("key");  // the stable name other demo files refer to (name + institution)
            o["institution"] = inst;
            core::Beneficiary x;
            core::FieldErrors e;
            core::read_json(x, o, e);
            try {
                store::beneficiaries::create(c, actor, x, e);
            } catch (const core::Error& err) {
                invalid(std::string(section) + " " + name, err);
            }
            ++added;
        }
    }
    for (const auto& v : doc.at("inbound_cohorts").as_array()) {
        auto o = v.as_object();
        auto program = one_id(c, "SELECT id FROM programs WHERE name = ?", text(o, "program"),
                              "program " + text(o, "program"));
        auto host = institution(text(o, "host_institution"));
        o["program"] = program;
        o["host_institution"] = host;
        core::InboundCohort x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        if (c.query_int("SELECT COUNT(*) FROM inbound_cohorts WHERE program = ? AND "
                        "host_institution = ? AND school_year = ? AND grade = ? AND major = ?",
                        {program, host, x.school_year, x.grade, x.major}) > 0)
            continue;
        try {
            store::inbound_cohorts::create(c, actor, x, e);
        } catch (const core::Error& err) {
            invalid("inbound cohort " + x.grade + " " + x.major, err);
        }
        ++added;
    }
    return added;
}

}  // namespace bangfu::cli
