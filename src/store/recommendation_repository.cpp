#include "store/recommendation_repository.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/balance.hpp"
#include "core/dictionary.hpp"
#include "store/assignment_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/balance_repository.hpp"
#include "store/batch_repository.hpp"
#include "store/clock.hpp"
#include "store/dispatch_policy_repository.hpp"
#include "store/pairing_repository.hpp"
#include "store/scope.hpp"
#include "store/sql_builder.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::recommendations {

namespace json = boost::json;
namespace bal = core::balance;

namespace {

// Only the system admin and bureau admins compute and decide recommendations.
void require_recommender(const core::Actor& a) {
    Scope s(a);
    if (s.everything() || s.role() == core::Role::bureau_admin) return;
    core::throw_forbidden({"推荐结对和支教方案只能由教育局管理员生成和处理",
                           "only bureau admins compute and decide recommendations"});
}

[[noreturn]] void invalid(const std::string& field, std::string zh, std::string en) {
    core::throw_validation({{field, {std::move(zh), std::move(en)}}});
}

Region region_for_write(Connection& c, const core::Actor& a, const std::string& code) {
    require_recommender(a);
    if (code.empty())
        invalid("region", "请指定行政区划（region），如 421222", "region is required, e.g. 421222");
    auto r = c.query_one("SELECT code, name, path FROM regions WHERE code = ?", {code});
    if (!r)
        invalid("region", fmt::format("行政区划（region）{} 不存在", code),
                fmt::format("no region {}", code));
    Region out{r->text(0), r->text(1), r->text(2)};
    Scope s(a);
    if (!s.everything() && !s.holds(out.path)) refuse_out_of_scope("region");
    return out;
}

// "/a/b/c/d/" → its first `n` segments ("/a/b/c/"), or "" when it has fewer.
std::string path_prefix(const std::string& path, int n) {
    std::size_t pos = 0;
    for (int i = 0; i < n; ++i) {
        pos = path.find('/', pos + 1);
        if (pos == std::string::npos) return "";
    }
    return path.substr(0, pos + 1);
}

// Latitude, longitude, region path from three columns starting at `first`.
core::Location location_at(const Row& r, std::size_t first) {
    core::Location l;
    l.latitude = r.opt_real(first);
    l.longitude = r.opt_real(first + 1);
    const auto& path = r.text(first + 2);
    // Above county level (a city's own school): its region is its group.
    l.county = path_prefix(path, 3);
    if (l.county.empty()) l.county = path;
    l.township = path_prefix(path, 4);
    return l;
}

// Coordinates of the institution `i`, else of its region `r` (a township's).
constexpr std::string_view place_columns =
    "COALESCE(i.latitude, r.latitude), COALESCE(i.longitude, r.longitude), i.region_path";

constexpr std::string_view conditions_columns =
    "c.institution, c.primary_students, c.junior_students, c.degree_teachers, "
    "c.backbone_teachers, c.pe_arts_teachers, c.room_area_centi, c.sports_area_centi, "
    "c.equipment_fen, c.multimedia_rooms";

// The school's balance figures of its main stage against the policy's standards.
core::Profile profile_of(const bal::BalancePolicy& policy, const core::PairingSchool& s,
                         const Row& r) {
    bal::SchoolInput in;
    in.institution = s.id;
    in.name = s.name;
    in.kind = s.kind;
    auto& x = in.conditions;
    x.institution = s.id;
    x.primary_students = r.integer(1);
    x.junior_students = r.integer(2);
    x.degree_teachers = r.integer(3);
    x.backbone_teachers = r.integer(4);
    x.pe_arts_teachers = r.integer(5);
    x.room_area_centi = r.integer(6);
    x.sports_area_centi = r.integer(7);
    x.equipment_fen = r.integer(8);
    x.multimedia_rooms = r.integer(9);
    auto stage = (s.kind == "junior" || s.kind == "complete_middle") ? bal::Stage::junior
                                                                     : bal::Stage::primary;
    auto figures = bal::evaluate_school(policy, stage, in);
    core::Profile p;
    p.known = true;
    p.values = figures.values;
    p.standards = policy.standards_of(stage);
    p.missed = figures.missed;
    return p;
}

std::string school_year_text(std::int64_t y) {
    return bal::format_school_year(y);
}

// A run as the actor may see it: 404 otherwise.
Run load_run(Connection& c, const core::Actor& a, std::int64_t id) {
    auto r = c.query_one(
        "SELECT rr.id, rr.kind, COALESCE(rr.region, ''), COALESCE(rg.name, ''), rr.region_path, "
        "rr.school_year, COALESCE(rr.dimension, ''), rr.batch, rr.objective, rr.unmatched_json, "
        "rr.created_at FROM recommendation_runs rr LEFT JOIN regions rg ON rg.code = rr.region "
        "WHERE rr.id = ?",
        {id});
    Scope s(a);
    if (!r || !(s.everything() || (s.role() == core::Role::bureau_admin && s.holds(r->text(4)))))
        core::throw_not_found({"推荐方案", "Recommendation run"});
    Run run;
    run.id = r->integer(0);
    run.kind = r->text(1);
    run.region = r->text(2);
    run.region_name = r->text(3);
    run.region_path = r->text(4);
    run.year = r->opt_integer(5);
    run.dimension = r->text(6);
    run.batch = r->opt_integer(7);
    run.objective = r->integer(8);
    run.created_at = r->text(10);
    auto unmatched = json::parse(r->text(9));
    for (const auto& v : unmatched.as_array()) {
        const auto& o = v.as_object();
        Unmatched u;
        u.institution = o.at("institution").as_int64();
        u.institution_name = json::value_to<std::string>(o.at("institution_name"));
        if (o.at("need").is_int64()) u.need = o.at("need").as_int64();
        u.subject = json::value_to<std::string>(o.at("subject"));
        u.missing = o.at("missing").as_int64();
        u.reason = {json::value_to<std::string>(o.at("reason_zh")),
                    json::value_to<std::string>(o.at("reason_en"))};
        run.unmatched.push_back(std::move(u));
    }
    Where w;
    w.add("p.run = ?", {run.id});
    for (const auto& row : c.query(
             "SELECT p.id, p.supporter, p.recipient, p.staff, p.need, p.subject, p.cost, "
             "p.distance_km, p.reasons_json, p.status, p.decision_reason, p.result, si.name, "
             "ri.name, COALESCE(st.name, '') FROM recommendation_proposals p JOIN institutions si "
             "ON si.id = p.supporter JOIN institutions ri ON ri.id = p.recipient LEFT JOIN staff "
             "st ON st.id = p.staff" +
                 w.sql() + " ORDER BY p.id",
             w.params())) {
        Proposal p;
        p.id = row.integer(0);
        p.supporter = row.integer(1);
        p.recipient = row.integer(2);
        p.staff = row.opt_integer(3);
        p.need = row.opt_integer(4);
        p.subject = row.text(5);
        p.cost = row.integer(6);
        p.distance_km = row.opt_real(7).value_or(0);
        auto reasons = json::parse(row.text(8));
        for (const auto& t : reasons.as_array())
            p.reasons.push_back(
                {json::value_to<std::string>(t.at("zh")), json::value_to<std::string>(t.at("en"))});
        p.status = row.text(9);
        p.decision_reason = row.text(10);
        p.result = row.opt_integer(11);
        p.supporter_name = row.text(12);
        p.recipient_name = row.text(13);
        p.staff_name = row.text(14);
        run.proposals.push_back(std::move(p));
    }
    return run;
}

json::array reasons_json(const std::vector<core::Text>& reasons) {
    json::array out;
    for (const auto& t : reasons) out.push_back(json::object{{"zh", t.zh}, {"en", t.en}});
    return out;
}

std::string joined_zh(const std::vector<core::Text>& reasons) {
    std::string out;
    for (const auto& t : reasons) out += (out.empty() ? "" : "；") + t.zh;
    return out;
}

core::Batch writable_batch(Connection& c, const core::Actor& a, std::int64_t id,
                           std::string* program_path = nullptr) {
    require_recommender(a);
    auto batch = load_or_refuse(c, "dispatch_batches", id, [&] { return batches::get(c, a, id); });
    auto ref = load_work_ref(c, a, batch.program, std::nullopt);
    Scope(a).check_program_write(ref);
    if (program_path) *program_path = ref.program_path;
    return batch;
}

std::int64_t id_of(const json::value& v) {
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64()) return static_cast<std::int64_t>(v.as_uint64());
    return 0;
}

// The end of the school year an assignment starting on `start` serves: the next 15 July.
std::string school_year_end(const std::string& start) {
    auto d = core::parse_date(start);
    if (!d) return start;
    return fmt::format("{}-07-15", d->month >= 8 ? d->year + 1 : d->year);
}

// The list a replacing PUT sends: the body itself, or the body's `key`; 422 otherwise.
const json::array* list_of(const json::value& body, const char* key, const char* zh,
                           const char* en) {
    if (body.is_array()) return &body.as_array();
    if (body.is_object() && body.as_object().contains(key) && body.as_object().at(key).is_array())
        return &body.as_object().at(key).as_array();
    invalid(key, zh, en);
}

}  // namespace

// ---- inputs ---------------------------------------------------------------------------------

PairingInputs pairing_inputs(Connection& c, const core::Actor& a, const std::string& region,
                             std::int64_t year, const std::string& dimension) {
    PairingInputs in;
    in.region = region_for_write(c, a, region);
    if (dimension.empty() || !core::dict::pairing_dimension.find(dimension))
        invalid("dimension",
                fmt::format("结对维度（dimension）应为：{}",
                            core::dict::pairing_dimension.labels("zh")),
                "dimension must be one of: " + core::dict::pairing_dimension.labels("en"));
    if (year < 2000 || year > 2999)
        invalid("year", "学年（year）应为学年的起始年份，如 2026", "year must be like 2026");
    in.year = year;
    in.dimension = dimension;

    // Active pairings of the dimension, everywhere: a cycle may run through other regions.
    std::map<std::int64_t, std::int64_t> supporting;
    std::set<std::int64_t> received;
    for (const auto& r :
         c.query("SELECT pd.pairing, pr.supporter, pr.recipient, pd.dimension FROM pairings pr "
                 "JOIN pairing_dimensions pd ON pd.pairing = pr.id WHERE pr.status = 'active' AND "
                 "pd.dimension = ?",
                 {dimension})) {
        in.edges.push_back({r.integer(0), r.integer(1), r.integer(2), r.text(3)});
        ++supporting[r.integer(1)];
        received.insert(r.integer(2));
    }

    Scope subtree = Scope::bureau_of(in.region.path);
    Where w;
    subtree.subtree(w, "i.region_path");
    w.add("i.archived = 0");
    w.add("i.kind <> 'bureau'");
    // Balance figures of the year, by institution.
    auto policy = balance::get_policy(c, a, in.region.code);
    std::map<std::int64_t, Row> conditions;
    {
        Params params = w.params();
        params.push_back(year);
        for (auto& r : c.query("SELECT " + std::string(conditions_columns) +
                                   " FROM school_conditions c JOIN institutions i ON i.id = "
                                   "c.institution" +
                                   w.sql() + " AND c.school_year = ?",
                               params))
            conditions.emplace(r.integer(0), std::move(r));
    }
    for (const auto& r : c.query("SELECT i.id, i.name, i.kind, i.weak, i.student_count, " +
                                     std::string(place_columns) +
                                     ", i.pairing_capacity FROM institutions i JOIN regions r ON "
                                     "r.code = i.region" +
                                     w.sql() + " ORDER BY i.id",
                                 w.params())) {
        core::PairingSchool s;
        s.id = r.integer(0);
        s.name = r.text(1);
        s.kind = r.text(2);
        s.students = r.integer(4);
        s.where = location_at(r, 5);
        if (auto it = conditions.find(s.id); it != conditions.end() && bal::takes_part(s.kind))
            s.profile = profile_of(policy, s, it->second);
        if (r.boolean(3)) {
            if (!received.contains(s.id)) in.recipients.push_back(std::move(s));
            continue;
        }
        core::Supporter sup;
        static_cast<core::PairingSchool&>(sup) = std::move(s);
        if (auto cap = r.opt_integer(8)) {
            sup.capacity = *cap;
            sup.capacity_set = true;
        }
        if (auto it = supporting.find(sup.id); it != supporting.end()) sup.already = it->second;
        in.supporters.push_back(std::move(sup));
    }

    Where rw;
    subtree.subtree(rw, "i.region_path");
    rw.add("x.dimension = ?", {dimension});
    rw.add("x.school_year = ?", {year});
    for (const auto& r : c.query("SELECT x.supporter, x.recipient FROM pairing_rejections x JOIN "
                                 "institutions i ON i.id = x.recipient" +
                                     rw.sql(),
                                 rw.params()))
        in.rejected.insert({r.integer(0), r.integer(1)});
    return in;
}

DispatchInputs dispatch_inputs(Connection& c, const core::Actor& a, std::int64_t batch) {
    DispatchInputs in;
    in.batch = writable_batch(c, a, batch, &in.program_path);
    in.policy = dispatch_policies::effective(c, in.batch.program);
    for (const auto& r :
         c.query("SELECT n.id, n.recipient, i.name, n.subject, n.number, " +
                     std::string(place_columns) +
                     " FROM dispatch_needs n JOIN institutions i ON i.id = n.recipient JOIN "
                     "regions r ON r.code = i.region WHERE n.batch = ? ORDER BY n.id",
                 {batch})) {
        core::Need n;
        n.id = r.integer(0);
        n.recipient = r.integer(1);
        n.recipient_name = r.text(2);
        n.subject = r.text(3);
        n.number = r.integer(4);
        n.where = location_at(r, 5);
        in.needs.push_back(std::move(n));
    }
    for (const auto& r :
         c.query("SELECT s.id, s.institution, s.subjects, s.years_teaching, s.health, s.title, "
                 "s.backbone, s.birth_date, " +
                     std::string(place_columns) +
                     " FROM dispatch_volunteers v JOIN staff s ON s.id = v.staff JOIN "
                     "institutions i ON i.id = s.institution JOIN regions r ON r.code = i.region "
                     "WHERE v.batch = ? AND s.archived = 0 ORDER BY s.id",
                 {batch})) {
        auto subjects = assignments::decode_subjects(r.text(2));
        if (subjects.empty()) continue;
        core::Volunteer v;
        v.staff = r.integer(0);
        v.institution = r.integer(1);
        v.subject = subjects.front();
        v.candidate.years_teaching = r.integer(3);
        v.candidate.health = r.text(4);
        v.candidate.title = r.text(5);
        v.candidate.backbone = r.text(6);
        v.candidate.birth_date = r.opt_text(7);
        v.candidate.volunteered = true;
        v.where = location_at(r, 8);
        in.volunteers.push_back(std::move(v));
    }
    // Teachers per subject at the senders, and those away during the batch's send-off.
    std::map<std::pair<std::int64_t, std::string>, core::SenderSubject> senders;
    for (const auto& r :
         c.query("SELECT s.institution, s.subjects FROM staff s WHERE s.archived = 0 AND s.role = "
                 "'teacher' AND s.institution IN (SELECT st.institution FROM dispatch_volunteers v "
                 "JOIN staff st ON st.id = v.staff WHERE v.batch = ?)",
                 {batch}))
        for (const auto& subject : assignments::decode_subjects(r.text(1))) {
            auto& x = senders[{r.integer(0), subject}];
            x.institution = r.integer(0);
            x.subject = subject;
            ++x.teachers;
        }
    for (const auto& r : c.query(
             "SELECT da.sending_institution, da.subjects FROM dispatch_assignments da WHERE "
             "da.status IN ('planned', 'active') AND da.start_date <= ? AND da.end_date >= ? AND "
             "da.sending_institution IN (SELECT st.institution FROM dispatch_volunteers v JOIN "
             "staff st ON st.id = v.staff WHERE v.batch = ?)",
             {in.batch.sendoff_date, in.batch.sendoff_date, batch}))
        for (const auto& subject : assignments::decode_subjects(r.text(1)))
            if (auto it = senders.find({r.integer(0), subject}); it != senders.end())
                ++it->second.away;
    for (auto& [k, v] : senders) in.senders.push_back(std::move(v));
    return in;
}

// ---- needs, volunteers, capacity ------------------------------------------------------------

json::object to_json(const NeedRow& n) {
    return {{"id", n.id},
            {"recipient", n.recipient},
            {"recipient_name", n.recipient_name},
            {"subject", n.subject},
            {"number", n.number},
            {"school_year", school_year_text(n.school_year)},
            {"note", n.note}};
}

std::vector<NeedRow> needs(Connection& c, const core::Actor& a, std::int64_t batch) {
    batches::get(c, a, batch);
    Where w;
    w.add("n.batch = ?", {batch});
    Scope(a).institutions(w, "i");
    std::vector<NeedRow> out;
    for (const auto& r : c.query("SELECT n.id, n.recipient, i.name, n.subject, n.number, "
                                 "n.school_year, n.note FROM dispatch_needs n JOIN institutions i "
                                 "ON i.id = n.recipient" +
                                     w.sql() + " ORDER BY n.id",
                                 w.params()))
        out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.integer(4), r.integer(5),
                       r.text(6)});
    return out;
}

std::vector<NeedRow> put_needs(Connection& c, const core::Actor& a, std::int64_t batch,
                               const json::value& body) {
    Transaction tx(c, Transaction::write);
    std::string path;
    writable_batch(c, a, batch, &path);
    const auto* items =
        list_of(body, "needs", "需求（needs）应为列表：[{recipient, subject, number, school_year}]",
                "needs must be a list of {recipient, subject, number, school_year}");
    core::FieldErrors errors;
    std::vector<NeedRow> rows;
    for (std::size_t k = 0; k < items->size(); ++k) {
        auto field = [&](std::string_view name) { return fmt::format("needs[{}].{}", k, name); };
        if (!(*items)[k].is_object()) {
            errors[fmt::format("needs[{}]", k)] = {"应为对象", "must be an object"};
            continue;
        }
        const auto& o = (*items)[k].as_object();
        NeedRow n;
        n.recipient = o.contains("recipient") ? id_of(o.at("recipient")) : 0;
        if (n.recipient <= 0 ||
            c.query_int("SELECT COUNT(*) FROM institutions WHERE id = ? AND archived = 0",
                        {n.recipient}) == 0)
            errors[field("recipient")] = {"受援单位（recipient）不存在", "no such institution"};
        if (o.contains("subject") && o.at("subject").is_string())
            n.subject = std::string(o.at("subject").as_string());
        if (!core::dict::subject.find(n.subject))
            errors[field("subject")] = {
                "学科（subject）应为：" + core::dict::subject.labels("zh"),
                "subject must be one of: " + core::dict::subject.labels("en")};
        n.number = o.contains("number") ? id_of(o.at("number")) : 0;
        if (n.number < 1 || n.number > 100)
            errors[field("number")] = {"人数（number）应为 1 到 100 的整数",
                                       "number must be an integer from 1 to 100"};
        std::optional<std::int64_t> year;
        if (o.contains("school_year")) {
            const auto& y = o.at("school_year");
            if (y.is_string())
                year = bal::parse_school_year(std::string(y.as_string()));
            else if (id_of(y) >= 2000 && id_of(y) <= 2999)
                year = id_of(y);
        }
        if (!year)
            errors[field("school_year")] = {"学年（school_year）应如 2026-2027",
                                            "school_year must be like 2026-2027"};
        else
            n.school_year = *year;
        if (o.contains("note") && o.at("note").is_string())
            n.note = std::string(o.at("note").as_string());
        rows.push_back(std::move(n));
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto before = needs(c, a, batch);
    c.execute("DELETE FROM dispatch_needs WHERE batch = ?", {batch});
    auto now = now_utc();
    for (const auto& n : rows)
        c.execute(
            "INSERT INTO dispatch_needs (batch, recipient, subject, number, school_year, "
            "note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {batch, n.recipient, n.subject, n.number, n.school_year, n.note, now, now});
    auto after = needs(c, a, batch);
    json::array b, af;
    for (const auto& n : before) b.push_back(to_json(n));
    for (const auto& n : after) af.push_back(to_json(n));
    audit::record(c, a, "update", {"dispatch_needs", std::to_string(batch), path, std::nullopt}, b,
                  af);
    tx.commit();
    return after;
}

std::vector<std::int64_t> volunteers(Connection& c, const core::Actor& a, std::int64_t batch) {
    batches::get(c, a, batch);
    Where w;
    w.add("v.batch = ?", {batch});
    Scope(a).staff(w, "s");
    std::vector<std::int64_t> out;
    for (const auto& r : c.query("SELECT v.staff FROM dispatch_volunteers v JOIN staff s ON s.id "
                                 "= v.staff" +
                                     w.sql() + " ORDER BY v.staff",
                                 w.params()))
        out.push_back(r.integer(0));
    return out;
}

std::vector<std::int64_t> put_volunteers(Connection& c, const core::Actor& a, std::int64_t batch,
                                         const json::value& body) {
    Transaction tx(c, Transaction::write);
    std::string path;
    writable_batch(c, a, batch, &path);
    const auto* items = list_of(body, "staff", "志愿者（staff）应为教职工编号的列表",
                                "staff must be a list of staff ids");
    std::set<std::int64_t> ids;
    for (std::size_t k = 0; k < items->size(); ++k) {
        auto id = id_of((*items)[k]);
        if (id <= 0 ||
            c.query_int("SELECT COUNT(*) FROM staff WHERE id = ? AND archived = 0", {id}) == 0)
            invalid(fmt::format("staff[{}]", k), "志愿者（staff）不存在或已离职",
                    "no such staff member");
        ids.insert(id);
    }
    auto before = volunteers(c, a, batch);
    c.execute("DELETE FROM dispatch_volunteers WHERE batch = ?", {batch});
    auto now = now_utc();
    for (auto id : ids)
        c.execute("INSERT INTO dispatch_volunteers (batch, staff, created_at) VALUES (?, ?, ?)",
                  {batch, id, now});
    json::array b, af;
    for (auto id : before) b.push_back(id);
    for (auto id : ids) af.push_back(id);
    audit::record(c, a, "update",
                  {"dispatch_volunteers", std::to_string(batch), path, std::nullopt}, b, af);
    tx.commit();
    return {ids.begin(), ids.end()};
}

void set_capacity(Connection& c, const core::Actor& a, std::int64_t institution,
                  std::optional<std::int64_t> capacity) {
    Transaction tx(c, Transaction::write);
    auto row = load_or_refuse(c, "institutions", institution, [&] {
        Where w;
        w.add("i.id = ?", {institution});
        Scope(a).institutions(w);
        auto r = c.query_one(
            "SELECT i.region_path, i.pairing_capacity FROM institutions i" + w.sql(), w.params());
        if (!r) core::throw_not_found({"单位", "Institution"});
        return *r;
    });
    Scope(a).check_institution_write(institution, row.text(0), "capacity");
    if (capacity && (*capacity < 0 || *capacity > 20))
        invalid("capacity", "可帮扶学校数（capacity）应为 0 到 20 的整数，留空为默认",
                "capacity must be an integer from 0 to 20, or null for the default");
    c.execute("UPDATE institutions SET pairing_capacity = ?, updated_at = ? WHERE id = ?",
              {nullable(capacity), now_utc(), institution});
    auto old = row.opt_integer(1);
    audit::record(c, a, "update",
                  {"institution_capacity", std::to_string(institution), row.text(0), institution},
                  old ? json::value(*old) : json::value(nullptr),
                  capacity ? json::value(*capacity) : json::value(nullptr));
    tx.commit();
}

// ---- runs -----------------------------------------------------------------------------------

json::object to_json(const Proposal& p, std::string_view lang) {
    json::array reasons;
    for (const auto& t : p.reasons) reasons.push_back(json::string(t.in(lang)));
    json::object o{{"id", p.id},
                   {"supporter", p.supporter},
                   {"supporter_name", p.supporter_name},
                   {"recipient", p.recipient},
                   {"recipient_name", p.recipient_name},
                   {"cost", p.cost},
                   {"distance_km", std::round(p.distance_km * 10) / 10},
                   {"reasons", std::move(reasons)},
                   {"status", p.status},
                   {"decision_reason", p.decision_reason},
                   {"result", p.result ? json::value(*p.result) : json::value(nullptr)}};
    if (p.staff) {
        o["staff"] = *p.staff;
        o["staff_name"] = p.staff_name;
        o["need"] = p.need ? json::value(*p.need) : json::value(nullptr);
        o["subject"] = p.subject;
    }
    return o;
}

json::object to_json(const Run& r, std::string_view lang) {
    json::array proposals, unmatched;
    for (const auto& p : r.proposals) proposals.push_back(to_json(p, lang));
    for (const auto& u : r.unmatched) {
        json::object o{{"institution", u.institution},
                       {"institution_name", u.institution_name},
                       {"reason", u.reason.in(lang)}};
        if (r.kind == "dispatch") {
            o["need"] = u.need ? json::value(*u.need) : json::value(nullptr);
            o["subject"] = u.subject;
            o["missing"] = u.missing;
        }
        unmatched.push_back(std::move(o));
    }
    json::object o{{"id", r.id},
                   {"kind", r.kind},
                   {"objective", r.objective},
                   {"proposals", std::move(proposals)},
                   {"unmatched", std::move(unmatched)},
                   {"created_at", r.created_at}};
    if (r.kind == "pairing") {
        o["region"] = r.region;
        o["region_name"] = r.region_name;
        o["year"] = r.year ? json::value(*r.year) : json::value(nullptr);
        o["school_year"] = r.year ? school_year_text(*r.year) : "";
        o["dimension"] = r.dimension;
    } else {
        o["batch"] = r.batch ? json::value(*r.batch) : json::value(nullptr);
    }
    return o;
}

Run save_run(Connection& c, const core::Actor& a, Run r) {
    Transaction tx(c, Transaction::write);
    require_recommender(a);
    json::array unmatched;
    for (const auto& u : r.unmatched)
        unmatched.push_back(json::object{{"institution", u.institution},
                                         {"institution_name", u.institution_name},
                                         {"need", u.need ? json::value(*u.need) : nullptr},
                                         {"subject", u.subject},
                                         {"missing", u.missing},
                                         {"reason_zh", u.reason.zh},
                                         {"reason_en", u.reason.en}});
    auto now = now_utc();
    r.id = c.query_int(
        "INSERT INTO recommendation_runs (kind, region, region_path, school_year, dimension, "
        "batch, objective, unmatched_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?) RETURNING id",
        {r.kind, r.region.empty() ? Param{nullptr} : Param{r.region}, r.region_path,
         nullable(r.year), r.dimension.empty() ? Param{nullptr} : Param{r.dimension},
         nullable(r.batch), r.objective, json::serialize(unmatched),
         nullable(a.user_id ? std::optional(a.user_id) : std::nullopt), now});
    // Many rows per statement: a province's run holds thousands.
    constexpr std::size_t chunk = 200;
    for (std::size_t from = 0; from < r.proposals.size(); from += chunk) {
        std::string sql =
            "INSERT INTO recommendation_proposals (run, supporter, recipient, staff, need, "
            "subject, cost, distance_km, reasons_json) VALUES ";
        Params params;
        auto to = std::min(r.proposals.size(), from + chunk);
        for (std::size_t k = from; k < to; ++k) {
            const auto& p = r.proposals[k];
            sql += k == from ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            for (Param v : {Param{r.id}, Param{p.supporter}, Param{p.recipient}, nullable(p.staff),
                            nullable(p.need), Param{p.subject}, Param{p.cost}, Param{p.distance_km},
                            Param{json::serialize(reasons_json(p.reasons))}})
                params.push_back(std::move(v));
        }
        c.execute(sql, params);
    }
    audit::record(c, a, "create", {"recommendation_run", std::to_string(r.id), r.region_path, {}},
                  nullptr,
                  json::object{{"kind", r.kind},
                               {"objective", r.objective},
                               {"proposals", r.proposals.size()},
                               {"unmatched", r.unmatched.size()}});
    auto saved = load_run(c, a, r.id);
    tx.commit();
    return saved;
}

Run get_run(Connection& c, const core::Actor& a, std::int64_t id) {
    require_recommender(a);
    Transaction tx(c, Transaction::read);
    auto r = load_run(c, a, id);
    tx.commit();
    return r;
}

Decision read_decision(const json::object& body) {
    Decision d;
    if (body.contains("ids") && body.at("ids").is_array())
        for (const auto& v : body.at("ids").as_array())
            if (auto id = id_of(v); id > 0) d.ids.push_back(id);
    if (d.ids.empty())
        invalid("ids", "请选择要处理的推荐（ids，推荐编号的列表）",
                "ids must list the proposals to decide");
    auto text = [&](std::string_view k) -> std::optional<std::string> {
        if (body.contains(k) && body.at(k).is_string()) return std::string(body.at(k).as_string());
        return std::nullopt;
    };
    d.reason = text("reason").value_or("");
    if (body.contains("program")) {
        auto p = id_of(body.at("program"));
        if (p <= 0) invalid("program", "帮扶项目（program）应为项目编号", "program must be an id");
        d.program = p;
    }
    d.start_date = text("start_date");
    d.end_date = text("end_date");
    for (auto [k, v] : {std::pair{"start_date", &d.start_date}, std::pair{"end_date", &d.end_date}})
        if (*v && !core::parse_date(**v))
            invalid(k, fmt::format("日期（{}）应如 2026-09-01", k),
                    fmt::format("{} must be a date like 2026-09-01", k));
    return d;
}

namespace {

struct Loaded {
    Run run;
    Proposal proposal;
};

// The proposals to decide, each still open; 404 for one the actor may not see.
std::vector<Loaded> open_proposals(Connection& c, const core::Actor& a, const Decision& d) {
    require_recommender(a);
    std::vector<Loaded> out;
    std::map<std::int64_t, Run> runs;
    for (auto id : d.ids) {
        auto run_id = c.query_one("SELECT run FROM recommendation_proposals WHERE id = ?", {id});
        if (!run_id)
            invalid("ids", fmt::format("推荐（ids）{} 不存在", id),
                    fmt::format("no proposal {}", id));
        auto run_key = run_id->integer(0);
        auto it = runs.find(run_key);
        if (it == runs.end())
            it = runs.emplace(run_key, load_or_refuse(c, "recommendation_runs", run_key,
                                                      [&] { return load_run(c, a, run_key); }))
                     .first;
        const auto& run = it->second;
        auto p = std::find_if(run.proposals.begin(), run.proposals.end(),
                              [&](const Proposal& x) { return x.id == id; });
        if (p->status != "proposed")
            core::throw_conflict({fmt::format("推荐 {} 已{}，不能再处理", id,
                                              p->status == "accepted" ? "接受" : "驳回"),
                                  fmt::format("proposal {} is already {}", id, p->status)},
                                 {{"ids", {fmt::format("推荐 {} 已处理", id), "already decided"}}});
        out.push_back({run, *p});
    }
    return out;
}

void decided(Connection& c, const core::Actor& a, const Loaded& l, std::string_view status,
             const std::string& reason, std::optional<std::int64_t> result) {
    c.execute(
        "UPDATE recommendation_proposals SET status = ?, decision_reason = ?, result = ?, "
        "decided_by = ?, decided_at = ? WHERE id = ?",
        {std::string(status), reason, nullable(result),
         nullable(a.user_id ? std::optional(a.user_id) : std::nullopt), now_utc(), l.proposal.id});
    audit::record(
        c, a, std::string(status == "accepted" ? "accept" : "reject"),
        {"recommendation_proposal", std::to_string(l.proposal.id), l.run.region_path, std::nullopt},
        json::object{{"status", "proposed"}},
        json::object{{"status", status},
                     {"reason", reason},
                     {"result", result ? json::value(*result) : nullptr}});
}

}  // namespace

std::vector<Proposal> accept(Connection& c, const core::Actor& a, const Decision& d) {
    Transaction tx(c, Transaction::write);
    auto loaded = open_proposals(c, a, d);
    std::vector<Proposal> out;
    for (const auto& l : loaded) {
        const auto& p = l.proposal;
        std::string note = fmt::format("按推荐方案 {} 生成：{}", l.run.id, joined_zh(p.reasons));
        if (!d.reason.empty()) note += "。" + d.reason;
        std::int64_t result = 0;
        if (l.run.kind == "pairing") {
            if (!d.program)
                invalid("program", "接受结对推荐须选择帮扶项目（program）",
                        "program is required to accept pairing proposals");
            core::Pairing x;
            x.program = *d.program;
            x.supporter = p.supporter;
            x.recipient = p.recipient;
            x.dimensions = {l.run.dimension};
            x.start_date = core::format_date(today_china());
            x.status = "active";
            x.agreement_title = fmt::format("{}—{} 结对", p.supporter_name, p.recipient_name);
            x.note = note;
            result = pairings::create(c, a, std::move(x), {}).id;
        } else {
            auto batch = batches::get(c, a, *l.run.batch);
            core::Assignment x;
            x.program = batch.program;
            x.batch = batch.id;
            x.staff = *p.staff;
            x.sending_institution = p.supporter;
            x.recipient_institution = p.recipient;
            x.start_date = d.start_date.value_or(batch.sendoff_date);
            x.end_date = d.end_date.value_or(school_year_end(x.start_date));
            x.subjects = {p.subject};
            x.volunteered = true;
            x.status = "planned";
            x.note = note;
            result = assignments::create(c, a, std::move(x), {}).id;
        }
        decided(c, a, l, "accepted", d.reason, result);
        auto after = p;
        after.status = "accepted";
        after.decision_reason = d.reason;
        after.result = result;
        out.push_back(std::move(after));
    }
    tx.commit();
    return out;
}

std::vector<Proposal> reject(Connection& c, const core::Actor& a, const Decision& d) {
    Transaction tx(c, Transaction::write);
    auto loaded = open_proposals(c, a, d);
    if (d.reason.empty())
        invalid("reason", "请填写驳回理由（reason）", "reason is required to reject");
    std::vector<Proposal> out;
    for (const auto& l : loaded) {
        const auto& p = l.proposal;
        if (l.run.kind == "pairing")
            c.execute(
                "INSERT INTO pairing_rejections (supporter, recipient, dimension, "
                "school_year, reason, proposal, created_by, created_at) VALUES (?, ?, ?, ?, "
                "?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {p.supporter, p.recipient, l.run.dimension, nullable(l.run.year), d.reason, p.id,
                 nullable(a.user_id ? std::optional(a.user_id) : std::nullopt), now_utc()});
        decided(c, a, l, "rejected", d.reason, std::nullopt);
        auto after = p;
        after.status = "rejected";
        after.decision_reason = d.reason;
        out.push_back(std::move(after));
    }
    tx.commit();
    return out;
}

}  // namespace bangfu::store::recommendations
