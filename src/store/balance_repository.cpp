#include "store/balance_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/scope.hpp"
#include "store/sql_builder.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::balance {

namespace json = boost::json;
namespace bal = core::balance;

namespace {

constexpr std::string_view conditions_columns =
    "c.institution, c.school_year, c.primary_students, c.junior_students, c.degree_teachers, "
    "c.backbone_teachers, c.pe_arts_teachers, c.room_area_centi, c.sports_area_centi, "
    "c.equipment_fen, c.multimedia_rooms, c.updated_at, c.updated_by_name";
constexpr std::string_view taking_part_kinds =
    "i.kind IN ('primary', 'junior', 'nine_year', 'complete_middle')";

bal::SchoolConditions conditions_at(const Row& r, std::size_t first) {
    bal::SchoolConditions x;
    x.institution = r.integer(first);
    x.school_year = r.integer(first + 1);
    x.primary_students = r.integer(first + 2);
    x.junior_students = r.integer(first + 3);
    x.degree_teachers = r.integer(first + 4);
    x.backbone_teachers = r.integer(first + 5);
    x.pe_arts_teachers = r.integer(first + 6);
    x.room_area_centi = r.integer(first + 7);
    x.sports_area_centi = r.integer(first + 8);
    x.equipment_fen = r.integer(first + 9);
    x.multimedia_rooms = r.integer(first + 10);
    x.updated_at = r.text(first + 11);
    x.updated_by_name = r.text(first + 12);
    return x;
}

struct School {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    std::string region_path;
    std::int64_t student_count = 0;
};

// The institution as the actor reads it: 404 when it is not there for them.
School readable_school(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("i.id = ?", {id});
    Scope(a).institutions(w);
    auto r = c.query_one(
        "SELECT i.id, i.name, i.kind, i.region_path, i.student_count FROM institutions i" + w.sql(),
        w.params());
    if (!r) core::throw_not_found({"单位", "Institution"});
    return {r->integer(0), r->text(1), r->text(2), r->text(3), r->integer(4)};
}

// The institution a write addresses: 404 when there is none, 403 when it is out of scope.
School writable_school(Connection& c, const core::Actor& a, std::int64_t id) {
    auto s = load_or_refuse(c, "institutions", id, [&] { return readable_school(c, a, id); });
    Scope(a).check_institution_write(s.id, s.region_path);
    return s;
}

std::int64_t year_or_current(std::optional<std::int64_t> y) {
    return y ? *y : current_school_year();
}

std::optional<bal::SchoolConditions> stored(Connection& c, std::int64_t institution,
                                            std::int64_t year) {
    auto r = c.query_one("SELECT " + std::string(conditions_columns) +
                             " FROM school_conditions c WHERE c.institution = ? AND "
                             "c.school_year = ?",
                         {institution, year});
    if (!r) return std::nullopt;
    return conditions_at(*r, 0);
}

std::optional<bal::SchoolConditions> stored_before(Connection& c, std::int64_t institution,
                                                   std::int64_t year) {
    auto r = c.query_one("SELECT " + std::string(conditions_columns) +
                             " FROM school_conditions c WHERE c.institution = ? AND "
                             "c.school_year < ? ORDER BY c.school_year DESC LIMIT 1",
                         {institution, year});
    if (!r) return std::nullopt;
    return conditions_at(*r, 0);
}

// Default values from the registry (staff of the school).
void registry_defaults(Connection& c, const School& s, ConditionsView& v) {
    Where w;
    w.add("st.institution = ?", {s.id});
    w.add("st.archived = 0");
    Scope::institution_of(s.id, s.region_path).staff(w, "st");
    auto backbone = c.query_int("SELECT COUNT(*) FROM staff st" + w.sql() +
                                    " AND st.backbone IN ('county', 'city', 'province')",
                                w.params());
    auto pe_arts = c.query_int("SELECT COUNT(*) FROM staff st" + w.sql() +
                                   " AND st.role = 'teacher' AND (st.subjects LIKE '%,pe,%' OR "
                                   "st.subjects LIKE '%,music,%' OR st.subjects LIKE '%,art,%')",
                               w.params());
    v.backbone_teachers =
        Default{backbone,
                {fmt::format("教职工名册中县级及以上骨干教师 {} 人", backbone),
                 fmt::format("{} county-level-or-higher backbone teachers in the staff register",
                             backbone)}};
    v.pe_arts_teachers = Default{
        pe_arts,
        {fmt::format("教职工名册中任教体育、音乐、美术的教师 {} 人", pe_arts),
         fmt::format("{} teachers of PE, music or fine arts in the staff register", pe_arts)}};
    if (s.student_count > 0)
        v.students =
            Default{s.student_count,
                    {fmt::format("单位信息中的在校生数 {} 人", s.student_count),
                     fmt::format("{} students in the institution record", s.student_count)}};
}

ConditionsView view_of(Connection& c, const School& s, std::int64_t year) {
    ConditionsView v;
    v.institution = s.id;
    v.name = s.name;
    v.kind = s.kind;
    v.takes_part = bal::takes_part(s.kind);
    v.school_year = year;
    v.conditions = stored(c, s.id, year);
    v.previous = stored_before(c, s.id, year);
    registry_defaults(c, s, v);
    return v;
}

std::int64_t required_year(std::optional<std::int64_t> year) {
    if (!year)
        core::throw_validation(
            {{"school_year",
              {"请指定学年，如 2025-2026", "school_year is required, e.g. 2025-2026"}}});
    return *year;
}

audit::Target conditions_target(const School& s, std::int64_t year) {
    return {"school_conditions", fmt::format("{}:{}", s.id, bal::format_school_year(year)),
            s.region_path, s.id};
}

void write_conditions(Connection& c, const core::Actor& a, const School& s,
                      const bal::SchoolConditions& x) {
    auto before = stored(c, s.id, x.school_year);
    auto now = now_utc();
    Params values{x.primary_students,
                  x.junior_students,
                  x.degree_teachers,
                  x.backbone_teachers,
                  x.pe_arts_teachers,
                  x.room_area_centi,
                  x.sports_area_centi,
                  x.equipment_fen,
                  x.multimedia_rooms,
                  now,
                  nullable(a.user_id ? std::optional(a.user_id) : std::nullopt),
                  a.display_name.empty() ? a.username : a.display_name};
    if (before) {
        values.push_back(s.id);
        values.push_back(x.school_year);
        c.execute(
            "UPDATE school_conditions SET primary_students = ?, junior_students = ?, "
            "degree_teachers = ?, backbone_teachers = ?, pe_arts_teachers = ?, room_area_centi = "
            "?, sports_area_centi = ?, equipment_fen = ?, multimedia_rooms = ?, updated_at = ?, "
            "updated_by = ?, updated_by_name = ? WHERE institution = ? AND school_year = ?",
            values);
    } else {
        values.push_back(s.id);
        values.push_back(x.school_year);
        values.push_back(now);
        c.execute(
            "INSERT INTO school_conditions (primary_students, junior_students, degree_teachers, "
            "backbone_teachers, pe_arts_teachers, room_area_centi, sports_area_centi, "
            "equipment_fen, multimedia_rooms, updated_at, updated_by, updated_by_name, "
            "institution, school_year, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)",
            values);
    }
    auto after = *stored(c, s.id, x.school_year);
    audit::record(c, a, before ? "update" : "create", conditions_target(s, x.school_year),
                  before ? json::value(bal::to_json(*before)) : json::value(nullptr),
                  bal::to_json(after));
}

void check_and_write(Connection& c, const core::Actor& a, const School& s,
                     bal::SchoolConditions x) {
    x.institution = s.id;
    auto errors = bal::validate(x, s.kind);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    write_conditions(c, a, s, x);
}

// ---- regions and policies -------------------------------------------------------------------

RegionRef region_named(Connection& c, const std::string& code) {
    if (code.empty()) bad_parameter("region", {"请指定行政区划", "region is required"});
    auto r = c.query_one("SELECT code, name, level, path FROM regions WHERE code = ?", {code});
    if (!r) core::throw_not_found({"行政区划", "Region"});
    return {r->text(0), r->text(1), r->text(2), r->text(3)};
}

// A region whose figures the actor reads: the system admin any, bureau admins and inspectors
// their own and below. Everyone else finds nothing (404), as for any record out of scope.
RegionRef readable_region(Connection& c, const core::Actor& a, const std::string& code) {
    auto r = region_named(c, code);
    Scope s(a);
    if (!(s.everything() || (s.regional() && s.holds(r.path))))
        core::throw_not_found({"行政区划", "Region"});
    return r;
}

struct StoredPolicy {
    std::string path;
    bal::BalancePolicy policy;
};

// Every stored policy, by its region's path. Policies are few (a province, some cities).
std::vector<StoredPolicy> stored_policies(Connection& c) {
    std::vector<StoredPolicy> out;
    for (const auto& r :
         c.query("SELECT rg.path, p.region, p.policy_json, p.updated_at, rg.name FROM "
                 "balance_policies p JOIN regions rg ON rg.code = p.region ORDER BY rg.path")) {
        bal::BalancePolicy p;
        core::FieldErrors ignored;
        auto parsed = json::parse(r.text(2));
        if (parsed.is_object()) bal::read_json(p, parsed.as_object(), ignored);
        p.region = r.text(1);
        p.region_name = r.text(4);
        p.is_default = false;
        p.updated_at = r.text(3);
        out.push_back({r.text(0), std::move(p)});
    }
    return out;
}

// The policy governing the region at `path`: the nearest stored one at or above it.
bal::BalancePolicy policy_for(const std::vector<StoredPolicy>& all, std::string_view path) {
    const StoredPolicy* best = nullptr;
    for (const auto& p : all)
        if (path.starts_with(p.path) && (!best || p.path.size() > best->path.size())) best = &p;
    return best ? best->policy : bal::BalancePolicy{};
}

std::string policy_json(const bal::BalancePolicy& p) {
    auto o = bal::to_json(p);
    o.erase("region");
    o.erase("region_name");
    o.erase("is_default");
    o.erase("updated_at");
    return json::serialize(o);
}

RegionRef policy_region_for_write(Connection& c, const core::Actor& a, const std::string& code) {
    auto r = region_named(c, code);
    Scope s(a);
    if (s.everything()) return r;
    s.require_admin();
    if (s.role() != core::Role::bureau_admin || !s.holds(r.path)) refuse_out_of_scope("region");
    return r;
}

// ---- a county's schools ---------------------------------------------------------------------

struct CountySchool {
    bal::SchoolInput input;
    bool weak = false;
    bool has_inputs = false;
    std::string region_path;
};

// The schools of the subtree at `path` taking part, with their inputs of `year` (if any).
// Archived schools count for the years they have inputs for.
std::vector<CountySchool> subtree_schools(Connection& c, const std::string& path,
                                          std::int64_t year) {
    Where w;
    Scope::bureau_of(path).subtree(w, "i.region_path");
    w.add(std::string(taking_part_kinds));
    w.add("(i.archived = 0 OR c.institution IS NOT NULL)");
    std::vector<CountySchool> out;
    Params params{year};
    for (const auto& p : w.params()) params.push_back(p);
    for (const auto& r :
         c.query("SELECT i.id, i.name, i.kind, i.weak, i.region_path, " +
                     std::string(conditions_columns) +
                     " FROM institutions i LEFT JOIN school_conditions c ON c.institution = i.id "
                     "AND c.school_year = ?" +
                     w.sql() + " ORDER BY i.name_key, i.id",
                 params)) {
        CountySchool s;
        s.input.institution = r.integer(0);
        s.input.name = r.text(1);
        s.input.kind = r.text(2);
        s.weak = r.boolean(3);
        s.region_path = r.text(4);
        s.has_inputs = !r.is_null(5);
        if (s.has_inputs) s.input.conditions = conditions_at(r, 5);
        out.push_back(std::move(s));
    }
    return out;
}

bal::CountyBalance compute(const bal::BalancePolicy& p, const std::vector<CountySchool>& schools) {
    std::vector<bal::SchoolInput> inputs;
    std::vector<bal::SchoolRef> missing;
    for (const auto& s : schools) {
        if (s.has_inputs)
            inputs.push_back(s.input);
        else
            missing.push_back({s.input.institution, s.input.name});
    }
    return bal::compute_balance(p, inputs, std::move(missing));
}

bool has_any_inputs(const std::vector<CountySchool>& schools) {
    return std::any_of(schools.begin(), schools.end(),
                       [](const CountySchool& s) { return s.has_inputs; });
}

// Recipients of pairings active at some time in the school year, in the subtree.
std::set<std::int64_t> paired_recipients(Connection& c, const std::string& path,
                                         std::int64_t year) {
    Where w;
    Scope::bureau_of(path).subtree(w, "i.region_path");
    w.add("pr.start_date <= ?", {fmt::format("{}-08-31", year + 1)});
    w.add("(pr.end_date IS NULL OR pr.end_date >= ?)", {fmt::format("{}-09-01", year)});
    std::set<std::int64_t> out;
    for (const auto& r :
         c.query("SELECT DISTINCT pr.recipient FROM pairings pr JOIN institutions i ON i.id = "
                 "pr.recipient" +
                     w.sql(),
                 w.params()))
        out.insert(r.integer(0));
    return out;
}

std::vector<std::int64_t> years_with_inputs(Connection& c, const std::string& path) {
    Where w;
    Scope::bureau_of(path).subtree(w, "i.region_path");
    std::vector<std::int64_t> out;
    for (const auto& r : c.query("SELECT DISTINCT c.school_year FROM school_conditions c JOIN "
                                 "institutions i ON i.id = c.institution" +
                                     w.sql() + " ORDER BY c.school_year",
                                 w.params()))
        out.push_back(r.integer(0));
    return out;
}

json::object region_json(const RegionRef& r) {
    return {{"code", r.code}, {"name", r.name}, {"level", r.level}};
}

// The figures of a county without its schools' rows (tables side by side, trends).
json::array stage_summaries(const bal::CountyBalance& b) {
    json::array out;
    for (const auto& s : b.stages) out.push_back(bal::summary_json(s));
    return out;
}

}  // namespace

std::int64_t current_school_year() {
    auto today = today_china();
    return today.month >= 9 ? today.year : today.year - 1;
}

// ---- a school's inputs ----------------------------------------------------------------------

json::object to_json(const ConditionsView& v, std::string_view lang) {
    json::object defaults;
    auto put = [&](std::string_view key, const std::optional<Default>& d) {
        if (d) defaults[key] = {{"value", d->value}, {"source", d->source.in(lang)}};
    };
    put("backbone_teachers", v.backbone_teachers);
    put("pe_arts_teachers", v.pe_arts_teachers);
    put("students", v.students);
    return {{"institution", v.institution},
            {"name", v.name},
            {"kind", v.kind},
            {"takes_part", v.takes_part},
            {"school_year", bal::format_school_year(v.school_year)},
            {"entered", v.conditions.has_value()},
            {"conditions", v.conditions ? json::value(bal::to_json(*v.conditions)) : nullptr},
            {"previous", v.previous ? json::value(bal::to_json(*v.previous)) : nullptr},
            {"defaults", std::move(defaults)}};
}

ConditionsView get_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                              std::optional<std::int64_t> school_year) {
    auto s = readable_school(c, a, institution);
    return view_of(c, s, year_or_current(school_year));
}

ConditionsView put_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                              std::optional<std::int64_t> school_year, const json::object& body) {
    Transaction tx(c, Transaction::write);
    auto s = writable_school(c, a, institution);
    auto year = required_year(school_year);
    bal::SchoolConditions x;
    x.school_year = year;
    core::FieldErrors errors;
    bal::read_json(x, body, errors);
    for (auto& [k, v] : bal::validate(x, s.kind))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_and_write(c, a, s, x);
    auto v = view_of(c, s, year);
    tx.commit();
    return v;
}

void delete_conditions(Connection& c, const core::Actor& a, std::int64_t institution,
                       std::optional<std::int64_t> school_year) {
    Transaction tx(c, Transaction::write);
    auto s = writable_school(c, a, institution);
    auto year = required_year(school_year);
    auto before = stored(c, s.id, year);
    if (!before) core::throw_not_found({"该学年的办学条件", "Inputs of that school year"});
    c.execute("DELETE FROM school_conditions WHERE institution = ? AND school_year = ?",
              {s.id, year});
    audit::record(c, a, "delete", conditions_target(s, year), bal::to_json(*before), nullptr);
    tx.commit();
}

void save_conditions(Connection& c, const core::Actor& a, const bal::SchoolConditions& x) {
    auto s = writable_school(c, a, x.institution);
    check_and_write(c, a, s, x);
}

// ---- figures --------------------------------------------------------------------------------

json::object to_json(const CountyFigures& f, std::string_view lang) {
    auto o = bal::to_json(f.result, lang);
    o["region"] = f.region.code;
    o["region_name"] = f.region.name;
    o["year"] = f.year;
    o["school_year"] = bal::format_school_year(f.year);
    o["policy"] = bal::to_json(f.policy);
    if (f.previous_year) {
        o["pairing_effect"] = {{"previous_year", *f.previous_year},
                               {"stages", bal::to_json(f.effect)}};
        o["previous"] = {{"year", *f.previous_year},
                         {"verdict", bal::verdict_key(f.previous->verdict)},
                         {"stages", stage_summaries(*f.previous)}};
    } else {
        o["pairing_effect"] = nullptr;
        o["previous"] = nullptr;
    }
    return o;
}

CountyFigures county(Connection& c, const core::Actor& a, const std::string& region,
                     std::int64_t year) {
    auto r = readable_region(c, a, region);
    if (r.level != "county")
        core::throw_validation(
            {{"region",
              {"优质均衡按县域评估：请选择县（市、区），或查看各县对比",
               "the balance index is evaluated per county: choose a county, or compare the "
               "counties"}}});
    CountyFigures f;
    f.region = r;
    f.year = year;
    f.policy = policy_for(stored_policies(c), r.path);
    auto schools = subtree_schools(c, r.path, year);
    f.result = compute(f.policy, schools);
    auto before = subtree_schools(c, r.path, year - 1);
    if (has_any_inputs(before)) {
        f.previous_year = year - 1;
        f.previous = compute(f.policy, before);
        std::set<std::int64_t> weak;
        for (const auto& s : schools)
            if (s.weak) weak.insert(s.input.institution);
        f.effect =
            bal::pairing_effect(*f.previous, f.result, paired_recipients(c, r.path, year), weak);
    }
    return f;
}

json::object to_json(const CountiesFigures& f, std::string_view lang) {
    json::array rows;
    for (const auto& row : f.counties)
        rows.push_back({{"region", row.region.code},
                        {"name", row.region.name},
                        {"parent_name", row.parent_name},
                        {"verdict", bal::verdict_key(row.result.verdict)},
                        {"verdict_label", bal::verdict_label(row.result.verdict).in(lang)},
                        {"schools", row.schools},
                        {"missing", static_cast<std::int64_t>(row.result.missing.size())},
                        {"excluded", static_cast<std::int64_t>(row.result.excluded.size())},
                        {"stages", stage_summaries(row.result)}});
    return {{"region", f.region.code},
            {"region_name", f.region.name},
            {"year", f.year},
            {"school_year", bal::format_school_year(f.year)},
            {"counties", std::move(rows)}};
}

CountiesFigures counties(Connection& c, const core::Actor& a, const std::string& region,
                         std::int64_t year) {
    auto r = readable_region(c, a, region);
    CountiesFigures f;
    f.region = r;
    f.year = year;
    // The counties of the subtree (the region itself when it is one), in path order.
    std::map<std::string, std::size_t> by_path;
    {
        Where w;
        Scope::bureau_of(r.path).subtree(w, "rg.path");
        w.add("rg.level = 'county'");
        for (const auto& row : c.query(
                 "SELECT rg.code, rg.name, rg.level, rg.path, COALESCE(up.name, '') FROM regions "
                 "rg LEFT JOIN regions up ON up.code = rg.parent" +
                     w.sql() + " ORDER BY rg.path",
                 w.params())) {
            by_path[row.text(3)] = f.counties.size();
            f.counties.push_back(
                {{row.text(0), row.text(1), row.text(2), row.text(3)}, row.text(4), {}, 0});
        }
    }
    // One read of every school of the subtree; each goes to the county whose path prefixes its
    // own (a school may sit in a township below the county).
    std::vector<std::vector<CountySchool>> schools(f.counties.size());
    for (auto& s : subtree_schools(c, r.path, year)) {
        for (auto slash = s.region_path.find('/', 1); slash != std::string::npos;
             slash = s.region_path.find('/', slash + 1)) {
            auto it = by_path.find(s.region_path.substr(0, slash + 1));
            if (it == by_path.end()) continue;
            schools[it->second].push_back(std::move(s));
            break;
        }
    }
    auto policies = stored_policies(c);
    for (std::size_t k = 0; k < f.counties.size(); ++k) {
        auto& row = f.counties[k];
        row.schools = static_cast<std::int64_t>(schools[k].size());
        row.result = compute(policy_for(policies, row.region.path), schools[k]);
    }
    return f;
}

json::object county_trend(Connection& c, const core::Actor& a, const std::string& region,
                          std::string_view lang) {
    auto r = readable_region(c, a, region);
    auto policy = policy_for(stored_policies(c), r.path);
    json::array years;
    for (auto year : years_with_inputs(c, r.path)) {
        auto result = compute(policy, subtree_schools(c, r.path, year));
        years.push_back({{"year", year},
                         {"school_year", bal::format_school_year(year)},
                         {"verdict", bal::verdict_key(result.verdict)},
                         {"verdict_label", bal::verdict_label(result.verdict).in(lang)},
                         {"missing", static_cast<std::int64_t>(result.missing.size())},
                         {"stages", stage_summaries(result)}});
    }
    return {{"region", r.code}, {"region_name", r.name}, {"years", std::move(years)}};
}

json::object school_trend(Connection& c, const core::Actor& a, std::int64_t institution,
                          std::string_view lang) {
    auto s = readable_school(c, a, institution);
    // The county the school belongs to: the county-level region above (or at) its region.
    std::optional<RegionRef> county_region;
    for (auto slash = s.region_path.find('/', 1); slash != std::string::npos;
         slash = s.region_path.find('/', slash + 1)) {
        auto row = c.query_one(
            "SELECT code, name, level, path FROM regions WHERE path = ? AND level = 'county'",
            {s.region_path.substr(0, slash + 1)});
        if (row) {
            county_region = RegionRef{row->text(0), row->text(1), row->text(2), row->text(3)};
            break;
        }
    }
    auto policy = policy_for(stored_policies(c), s.region_path);
    json::array years;
    std::vector<std::int64_t> own_years;
    for (const auto& r : c.query(
             "SELECT school_year FROM school_conditions WHERE institution = ? ORDER BY school_year",
             {s.id}))
        own_years.push_back(r.integer(0));
    for (auto year : own_years) {
        // The county's figures of that year (aggregates only), to place the school in them.
        std::optional<bal::CountyBalance> county_result;
        if (county_region)
            county_result = compute(policy, subtree_schools(c, county_region->path, year));
        auto conditions = *stored(c, s.id, year);
        bal::SchoolInput input{s.id, s.name, s.kind, conditions};
        json::array stages;
        json::value excluded = nullptr;
        if (conditions.primary_students + conditions.junior_students < policy.min_students)
            excluded = lang == "en" ? fmt::format(
                                          "fewer than {} students (teaching point): not "
                                          "counted in the county's CVs",
                                          policy.min_students)
                                    : fmt::format("学生不足{}人的教学点，不参与县域差异系数计算",
                                                  policy.min_students);
        for (auto stage : bal::stages) {
            auto figures = bal::evaluate_school(policy, stage, input);
            if (figures.students <= 0) continue;
            auto o = bal::to_json(figures);
            json::array county_indicators;
            if (county_result) {
                for (const auto& st : county_result->stages) {
                    if (st.stage != stage) continue;
                    county_indicators = bal::indicators_json(st);
                    for (const auto& sc : st.schools)
                        if (sc.institution == s.id)
                            o["variance_share"] = bal::values_json(sc.variance_share);
                }
            }
            o["county_indicators"] = std::move(county_indicators);
            json::object standards;
            for (auto i : bal::indicators)
                standards[bal::indicator_key(i)] =
                    policy.standards_of(stage)[static_cast<std::size_t>(i)];
            o["standards"] = std::move(standards);
            o["stage"] = bal::stage_key(stage);
            stages.push_back(std::move(o));
        }
        years.push_back(
            {{"year", year},
             {"school_year", bal::format_school_year(year)},
             {"excluded", excluded},
             {"county_verdict",
              county_result ? json::value(bal::verdict_key(county_result->verdict)) : nullptr},
             {"stages", std::move(stages)}});
    }
    return {{"institution", s.id},
            {"name", s.name},
            {"kind", s.kind},
            {"takes_part", bal::takes_part(s.kind)},
            {"county", county_region ? json::value(region_json(*county_region)) : nullptr},
            {"years", std::move(years)}};
}

// ---- policy ---------------------------------------------------------------------------------

bal::BalancePolicy get_policy(Connection& c, const core::Actor& a, const std::string& region) {
    auto r = readable_region(c, a, region);
    return policy_for(stored_policies(c), r.path);
}

bal::BalancePolicy put_policy(Connection& c, const core::Actor& a, const std::string& region,
                              const json::object& body) {
    Transaction tx(c, Transaction::write);
    auto r = policy_region_for_write(c, a, region);
    auto all = stored_policies(c);
    auto current = policy_for(all, r.path);
    bool own = current.region == r.code;
    auto p = current;
    core::FieldErrors errors;
    bal::read_json(p, body, errors);
    for (auto& [k, v] : bal::validate(p))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    Param by = a.user_id ? Param{a.user_id} : Param{nullptr};
    if (own)
        c.execute(
            "UPDATE balance_policies SET policy_json = ?, updated_at = ?, updated_by = ? "
            "WHERE region = ?",
            {policy_json(p), now, by, r.code});
    else
        c.execute(
            "INSERT INTO balance_policies (region, policy_json, created_at, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?)",
            {r.code, policy_json(p), now, now, by});
    auto after = policy_for(stored_policies(c), r.path);
    audit::record(c, a, own ? "update" : "create",
                  audit::Target{"balance_policy", r.code, r.path, std::nullopt},
                  own ? json::value(bal::to_json(current)) : json::value(nullptr),
                  bal::to_json(after));
    tx.commit();
    return after;
}

bal::BalancePolicy delete_policy(Connection& c, const core::Actor& a, const std::string& region) {
    Transaction tx(c, Transaction::write);
    auto r = policy_region_for_write(c, a, region);
    auto current = policy_for(stored_policies(c), r.path);
    if (current.region != r.code)
        core::throw_not_found({"本行政区划的优质均衡标准", "A balance policy of this region"});
    c.execute("DELETE FROM balance_policies WHERE region = ?", {r.code});
    audit::record(c, a, "delete", audit::Target{"balance_policy", r.code, r.path, std::nullopt},
                  bal::to_json(current), nullptr);
    auto after = policy_for(stored_policies(c), r.path);
    tx.commit();
    return after;
}

}  // namespace bangfu::store::balance
