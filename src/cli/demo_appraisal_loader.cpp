// The demo's subsidies and appraisals (data/demo/appraisal.json).
#include "cli/demo_appraisal_loader.hpp"

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>

#include "cli/database_open.hpp"
#include "core/appraisal.hpp"
#include "core/subsidy.hpp"
#include "store/appraisal_repository.hpp"
#include "store/subsidy_repository.hpp"

namespace bangfu::cli {

namespace json = boost::json;

namespace {
[[noreturn]] void invalid(const std::string& what, const core::Error& err) {
    std::string msg = "demo appraisals: " + what + ": " + err.message().en;
    for (const auto& [k, v] : err.fields()) msg += " " + k + " " + v.en + ";";
    throw std::runtime_error(msg);
}

std::string text(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t program_id(store::Connection& c, const std::string& name) {
    auto row = c.query_one("SELECT id FROM programs WHERE name = ?", {name});
    if (!row) throw std::runtime_error("demo appraisals: unknown program " + name);
    return row->integer(0);
}

// The party who owns each step, as an actor (the demo has no user for most of them).
core::Actor party(core::Role role, std::optional<std::int64_t> institution,
                  std::optional<std::int64_t> staff) {
    core::Actor a;
    a.username = "(demo)";
    a.role = role;
    a.institution = institution;
    a.staff = staff;
    return a;
}
}  // namespace

int load_demo_appraisals(store::Connection& c, std::string_view appraisal_json) {
    auto doc = json::parse(appraisal_json).as_object();
    auto office = cli_actor();
    office.username = "(demo)";
    int added = 0;

    std::map<std::int64_t, bool> had_items;
    for (const auto& v : doc.at("subsidy_items").as_array()) {
        auto o = v.as_object();
        auto program = program_id(c, text(o, "program"));
        if (!had_items.contains(program))
            had_items[program] =
                c.query_int("SELECT COUNT(*) FROM subsidy_items WHERE program = ?", {program}) > 0;
        if (had_items[program]) continue;
        o.erase("program");
        core::SubsidyItem x;
        core::FieldErrors e;
        core::read_json(x, o, e);
        try {
            store::subsidies::create_item(c, office, program, x, e);
        } catch (const core::Error& err) {
            invalid("subsidy item " + x.name, err);
        }
        ++added;
    }

    for (const auto& v : doc.at("appraisals").as_array()) {
        const auto& o = v.as_object();
        auto program = program_id(c, text(o, "program"));
        auto year = o.at("year").as_int64();
        auto rows = c.query(
            "SELECT da.id, da.staff, da.sending_institution, da.recipient_institution FROM "
            "dispatch_assignments da JOIN staff s ON s.id = da.staff WHERE da.program = ? AND "
            "s.name = ? ORDER BY da.start_date",
            {program, text(o, "staff")});
        if (rows.empty())
            throw std::runtime_error("demo appraisals: no assignment of " + text(o, "staff"));
        // The staff member's assignment that served in that appraisal year.
        std::optional<core::Appraisal> started;
        const store::Row* assignment = nullptr;
        for (const auto& r : rows) {
            if (c.query_one("SELECT id FROM appraisals WHERE assignment = ? AND year = ?",
                            {r.integer(0), year})) {
                assignment = nullptr;
                break;  // loaded before
            }
            try {
                started = store::appraisals::create(
                    c, office, json::object{{"assignment", r.integer(0)}, {"year", year}});
                assignment = &r;
                break;
            } catch (const core::Error& err) {
                if (err.kind() != core::ErrorKind::validation || &r == &rows.back())
                    invalid("appraisal of " + text(o, "staff"), err);
            }
        }
        if (!assignment) continue;
        ++added;
        auto teacher = party(core::Role::teacher, std::nullopt, assignment->integer(1));
        auto sender = party(core::Role::institution_admin, assignment->integer(2), std::nullopt);
        auto recipient = party(core::Role::institution_admin, assignment->integer(3), std::nullopt);
        auto until = text(o, "until");
        using A = core::AppraisalAction;
        struct Step {
            A action;
            const core::Actor* actor;
            json::object body;
        };
        const Step steps[] = {
            {A::self, &teacher, {{"self_summary", text(o, "self_summary")}}},
            {A::rate,
             &recipient,
             {{"rating", text(o, "rating")},
              {"recipient_comment", text(o, "recipient_comment")},
              {"recipient_summary", text(o, "recipient_summary")}}},
            {A::sender,
             &sender,
             {{"sender_opinion", text(o, "sender_opinion")},
              {"sender_summary", text(o, "sender_summary")}}},
            {A::approve, &office, {{"office_comment", text(o, "office_comment")}}},
        };
        for (const auto& s : steps) {
            try {
                store::appraisals::step(c, *s.actor, started->id, s.action, s.body);
            } catch (const core::Error& err) {
                invalid("appraisal step " + std::string(core::action_name(s.action)) + " of " +
                            text(o, "staff"),
                        err);
            }
            if (core::action_name(s.action) == until) break;
        }
    }
    return added;
}

}  // namespace bangfu::cli
