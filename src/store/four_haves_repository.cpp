#include "store/four_haves_repository.hpp"

#include <array>
#include <map>

#include "store/clock.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::four_haves {

namespace {
// What a program contributes to every check: its organisation and its program-level
// inspections.
struct ProgramFacts {
    std::vector<std::string> roles;
    std::string office;
};

ProgramFacts program_facts(Connection& c, std::int64_t program) {
    ProgramFacts f;
    for (const auto& r :
         c.query("SELECT DISTINCT role FROM leading_group_members WHERE program = ?", {program}))
        f.roles.push_back(r.text(0));
    auto row = c.query_one("SELECT office FROM programs WHERE id = ?", {program});
    if (row) f.office = row->text(0);
    return f;
}

std::vector<core::PlanFact> plan_facts(Connection& c, const std::string& condition,
                                       const Params& params) {
    std::vector<core::PlanFact> plans;
    for (const auto& r :
         c.query("SELECT id, title, kind, approval, start_date, end_date FROM plans "
                 "WHERE " +
                     condition + " ORDER BY start_date DESC, id",
                 params))
        plans.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
    return plans;
}

std::vector<std::string> dates(Connection& c, const std::string& sql, const Params& params) {
    std::vector<std::string> out;
    for (const auto& r : c.query(sql, params)) out.push_back(r.text(0));
    return out;
}

core::FourHaves pairing_check(Connection& c, std::int64_t pairing, std::int64_t program,
                              const ProgramFacts& pf, const core::Date& today) {
    core::FourHavesInput in;
    in.pairing = true;
    in.leading_group_roles = pf.roles;
    in.program_office = pf.office;
    in.plans = plan_facts(c, "pairing = ?", {pairing});
    in.inspection_dates = dates(c,
                                "SELECT inspected_on FROM inspections WHERE pairing = ? OR "
                                "(program = ? AND pairing IS NULL)",
                                {pairing, program});
    in.today = today;
    return core::check_four_haves(in);
}
}  // namespace

core::FourHaves for_program(Connection& c, const core::Actor& a, std::int64_t program) {
    Where w;
    w.add("p.id = ?", {program});
    Scope(a).programs(w);
    if (!c.query_one("SELECT p.id FROM programs p" + w.sql(), w.params()))
        core::throw_not_found({"帮扶项目", "Program"});
    auto pf = program_facts(c, program);
    core::FourHavesInput in;
    in.leading_group_roles = pf.roles;
    in.program_office = pf.office;
    in.plans = plan_facts(c, "program = ? AND pairing IS NULL", {program});
    in.inspection_dates =
        dates(c, "SELECT inspected_on FROM inspections WHERE program = ?", {program});
    in.today = today_china();
    return core::check_four_haves(in);
}

core::FourHaves for_pairing(Connection& c, const core::Actor& a, std::int64_t pairing) {
    Where w;
    w.add("pr.id = ?", {pairing});
    Scope(a).pairings(w);
    auto row = c.query_one("SELECT pr.program FROM pairings pr" + w.sql(), w.params());
    if (!row) core::throw_not_found({"结对关系", "Pairing"});
    auto program = row->integer(0);
    return pairing_check(c, pairing, program, program_facts(c, program), today_china());
}

boost::json::object to_json(const PairingCompliance& x) {
    return {{"pairing", x.pairing},
            {"program", x.program},
            {"program_name", x.program_name},
            {"supporter", x.supporter},
            {"supporter_name", x.supporter_name},
            {"recipient", x.recipient},
            {"recipient_name", x.recipient_name},
            {"start_date", x.start_date},
            {"four_haves", core::to_json(x.result)}};
}

Page<PairingCompliance> non_compliant(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 3> known{"program", "region", "institution"};
    check_known_filters(q, known);
    Where w;
    Scope(a).pairings(w);
    w.add("pr.status = 'active'");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("pr.program = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("pr.supporter = ? OR pr.recipient = ?", {id, id});
        }
        if (k == "region") {
            if (c.query_int("SELECT COUNT(*) FROM regions WHERE code = ?", {v}) == 0)
                bad_parameter(k, {"行政区划 " + v + " 不存在", "region " + v + " does not exist"});
            // The program's owner, the supporter or the recipient in the region's subtree.
            auto path = c.query_one("SELECT path FROM regions WHERE code = ?", {v})->text(0);
            Where any;
            Scope::bureau_of(path).subtree(any, "p.region_path");
            Scope::bureau_of(path).subtree(any, "s.region_path");
            Scope::bureau_of(path).subtree(any, "ri.region_path");
            w.add("(" + any.conditions_joined(" OR ") + ")", any.params());
        }
    }
    auto today = today_china();
    std::map<std::int64_t, ProgramFacts> programs;
    std::vector<PairingCompliance> missing;
    for (const auto& r :
         c.query("SELECT pr.id, pr.program, p.name, pr.supporter, s.name, pr.recipient, ri.name, "
                 "pr.start_date FROM pairings pr JOIN programs p ON p.id = pr.program "
                 "JOIN institutions s ON s.id = pr.supporter "
                 "JOIN institutions ri ON ri.id = pr.recipient" +
                     w.sql() + " ORDER BY p.name_key, p.id, ri.name_key, pr.id",
                 w.params())) {
        PairingCompliance x{r.integer(0), r.integer(1), r.text(2),
                            r.integer(3), r.text(4),    r.integer(5),
                            r.text(6),    r.text(7),    {}};
        auto it = programs.find(x.program);
        if (it == programs.end())
            it = programs.emplace(x.program, program_facts(c, x.program)).first;
        x.result = pairing_check(c, x.pairing, x.program, it->second, today);
        if (!x.result.complete) missing.push_back(std::move(x));
    }
    Page<PairingCompliance> page{
        {}, static_cast<std::int64_t>(missing.size()), q.page, q.page_size};
    auto from = std::min<std::int64_t>((q.page - 1) * q.page_size, page.total);
    auto to = std::min<std::int64_t>(from + q.page_size, page.total);
    page.items.assign(std::make_move_iterator(missing.begin() + from),
                      std::make_move_iterator(missing.begin() + to));
    return page;
}

}  // namespace bangfu::store::four_haves
