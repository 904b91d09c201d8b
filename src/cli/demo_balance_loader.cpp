// The demo's school resources for the balance index (data/demo/balance.json; data/demo/README.md,
// "Demo balance index", gives the figures and the verdicts they are designed to produce).
#include "cli/demo_balance_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/balance.hpp"
#include "core/money.hpp"
#include "store/balance_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

namespace {
std::string text(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
}  // namespace

int load_demo_balance(store::Connection& c, std::string_view registry_json,
                      std::string_view balance_json) {
    auto registry = json::parse(registry_json).as_object();
    auto doc = json::parse(balance_json).as_object();
    auto actor = cli_actor();
    actor.username = "(demo)";
    std::map<std::string, std::string> names;  // registry key → name
    for (const auto& v : registry.at("institutions").as_array())
        names[text(v.as_object(), "key")] = text(v.as_object(), "name");
    store::Transaction tx(c, store::Transaction::write);
    int added = 0;
    for (const auto& v : doc.at("conditions").as_array()) {
        const auto& o = v.as_object();
        auto ref = text(o, "institution");
        auto it = ref.size() > 1 ? names.find(ref.substr(1)) : names.end();
        if (it == names.end()) throw std::runtime_error("demo data: unknown institution " + ref);
        auto rows = c.query("SELECT id FROM institutions WHERE name = ?", {it->second});
        if (rows.size() != 1)
            throw std::runtime_error("demo data: institution " + it->second + " matches " +
                                     std::to_string(rows.size()) + " records");
        auto what = it->second + " " + text(o, "school_year");
        core::balance::SchoolConditions x;
        x.institution = rows.front().integer(0);
        auto year = core::balance::parse_school_year(text(o, "school_year"));
        if (!year) throw std::runtime_error("demo data: bad school year of " + what);
        x.school_year = *year;
        if (c.query_int("SELECT COUNT(*) FROM school_conditions WHERE institution = ? AND "
                        "school_year = ?",
                        {x.institution, x.school_year}) > 0)
            continue;
        auto count = [&](std::string_view key) { return o.at(key).to_number<std::int64_t>(); };
        x.primary_students = count("primary_students");
        x.junior_students = count("junior_students");
        x.degree_teachers = count("degree_teachers");
        x.backbone_teachers = count("backbone_teachers");
        x.pe_arts_teachers = count("pe_arts_teachers");
        x.multimedia_rooms = count("multimedia_rooms");
        auto room = core::balance::parse_area(text(o, "room_area_m2"));
        auto sports = core::balance::parse_area(text(o, "sports_area_m2"));
        auto equipment = core::parse_yuan(text(o, "equipment_value_yuan"));
        if (!room || !sports || !equipment)
            throw std::runtime_error("demo data: bad area or amount of " + what);
        x.room_area_centi = *room;
        x.sports_area_centi = *sports;
        x.equipment_fen = *equipment;
        try {
            store::balance::save_conditions(c, actor, x);
        } catch (const core::Error& err) {
            std::string msg = "demo data: " + what + ": " + err.message().en;
            for (const auto& [k, m] : err.fields()) msg += " " + k + " " + m.en + ";";
            throw std::runtime_error(msg);
        }
        ++added;
    }
    tx.commit();
    return added;
}

}  // namespace bangfu::cli
