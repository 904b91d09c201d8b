#include "store/pairing_repository.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/file_repository.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::pairings {

namespace {
constexpr std::string_view select_sql =
    "SELECT pr.id, pr.program, p.name, pr.supporter, s.name, s.region, rs.name, pr.recipient, "
    "ri.name, ri.region, rr.name, pr.start_date, pr.end_date, pr.agreement_title, "
    "pr.agreement_text, pr.agreement_file, f.name, f.size, pr.status, pr.note, pr.created_at, "
    "pr.updated_at FROM pairings pr JOIN programs p ON p.id = pr.program "
    "JOIN institutions s ON s.id = pr.supporter JOIN regions rs ON rs.code = s.region "
    "JOIN institutions ri ON ri.id = pr.recipient JOIN regions rr ON rr.code = ri.region "
    "LEFT JOIN files f ON f.id = pr.agreement_file";

const core::Text pairing_text{"结对关系", "Pairing"};
const core::Text program_text{"帮扶项目", "Program"};
const core::Text agreement_text{"协议文件", "Agreement file"};

core::Pairing from_row(const Row& row) {
    core::Pairing x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.supporter = row.integer(3);
    x.supporter_name = row.text(4);
    x.supporter_region = row.text(5);
    x.supporter_region_name = row.text(6);
    x.recipient = row.integer(7);
    x.recipient_name = row.text(8);
    x.recipient_region = row.text(9);
    x.recipient_region_name = row.text(10);
    x.start_date = row.text(11);
    x.end_date = row.opt_text(12);
    x.agreement_title = row.text(13);
    x.agreement_text = row.text(14);
    x.agreement_file = row.opt_integer(15);
    x.agreement_file_name = row.text(16);
    x.agreement_file_size = row.integer(17);
    x.status = row.text(18);
    x.note = row.text(19);
    x.created_at = row.text(20);
    x.updated_at = row.text(21);
    return x;
}

// "?, ?, ?" for an IN list of `n` values.
std::string placeholders(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
    return s;
}

// The dimension dictionary (built-in and added entries), in its order.
std::vector<dictionaries::Entry> dimension_entries(Connection& c) {
    return dictionaries::entries(c, "pairing_dimension");
}

core::Text dimension_label(const std::vector<dictionaries::Entry>& entries,
                           const std::string& code) {
    for (const auto& e : entries)
        if (e.value == code) return {e.zh, e.en};
    return {code, code};
}

// Dimensions of the pairings `ids`, in dictionary order, with their labels.
void load_dimensions(Connection& c, std::vector<core::Pairing>& items) {
    if (items.empty()) return;
    Params p;
    std::map<std::int64_t, core::Pairing*> by_id;
    for (auto& x : items) {
        p.push_back(x.id);
        by_id[x.id] = &x;
    }
    auto entries = dimension_entries(c);
    auto rank = [&](const std::string& code) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].value == code) return i;
        return entries.size();
    };
    std::map<std::int64_t, std::vector<std::string>> dims;
    for (const auto& row :
         c.query("SELECT pairing, dimension FROM pairing_dimensions WHERE pairing IN (" +
                     placeholders(p.size()) + ") ORDER BY pairing, dimension",
                 p))
        dims[row.integer(0)].push_back(row.text(1));
    for (auto& [id, list] : dims) {
        std::stable_sort(list.begin(), list.end(),
                         [&](const auto& l, const auto& r) { return rank(l) < rank(r); });
        auto* x = by_id.at(id);
        x->dimensions = list;
        x->dimension_labels.clear();
        for (const auto& d : list) x->dimension_labels.push_back(dimension_label(entries, d));
    }
}

// The pairing without scope (for writes: the caller checks scope on what it loaded).
std::optional<core::Pairing> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE pr.id = ?", {id});
    if (!row) return std::nullopt;
    std::vector<core::Pairing> one{from_row(*row)};
    load_dimensions(c, one);
    return std::move(one.front());
}

// The pairing if the actor may read it, else 404.
core::Pairing find_readable(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("pr.id = ?", {id});
    Scope(a).pairings(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(pairing_text);
    std::vector<core::Pairing> one{from_row(*row)};
    load_dimensions(c, one);
    return std::move(one.front());
}

// Two concurrent writes must not both pass the graph rules against the same old state. SQLite's
// BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock that conflicts with itself
// but not with readers.
void lock_pairings(Connection& c) {
    if (c.engine() == Engine::postgresql)
        c.execute("LOCK TABLE pairings IN SHARE ROW EXCLUSIVE MODE");
}

struct Party {
    std::string name;
    std::string path;
};

// The supporter or recipient named by `field`; a missing or archived institution is an error on
// the field. Institutions outside the actor's read scope are allowed: a counterpart program pairs
// schools of two provinces.
std::optional<Party> load_party(Connection& c, std::int64_t id, std::string_view field,
                                core::FieldErrors& errors) {
    if (errors.contains(std::string(field))) return std::nullopt;
    auto row = c.query_one(
        "SELECT i.name, r.path, i.archived FROM institutions i JOIN regions r ON r.code = "
        "i.region WHERE i.id = ?",
        {id});
    if (!row) {
        errors[std::string(field)] = {"单位不存在（编号 " + std::to_string(id) + "）",
                                      "institution " + std::to_string(id) + " does not exist"};
        return std::nullopt;
    }
    if (row->boolean(2)) {
        errors[std::string(field)] = {
            "单位「" + row->text(0) + "」已归档，不能再结对",
            "institution " + row->text(0) + " is archived and cannot be paired"};
        return std::nullopt;
    }
    return Party{row->text(0), row->text(1)};
}

// A bureau pairs schools of which at least one is its own: it cannot pair two schools of other
// regions, even inside its own program.
void check_parties_in_scope(const core::Actor& a, const Party& supporter, const Party& recipient) {
    if (a.is_system()) return;
    if (Scope(a).holds(supporter.path) || Scope(a).holds(recipient.path)) return;
    core::FieldErrors fields{{"supporter",
                              {"支援方和受援方至少有一方应在您的管辖范围内",
                               "the supporter or the recipient must be in your data scope"}},
                             {"recipient",
                              {"支援方和受援方至少有一方应在您的管辖范围内",
                               "the supporter or the recipient must be in your data scope"}}};
    throw core::Error(core::ErrorKind::forbidden,
                      {"无权操作：支援方和受援方都不在您的管辖范围内",
                       "Forbidden: neither the supporter nor the recipient is in your data scope"},
                      std::move(fields));
}

void check_dimensions(Connection& c, const core::Pairing& x, core::FieldErrors& errors) {
    for (const auto& d : x.dimensions) {
        if (errors.contains("dimensions")) return;
        dictionaries::check_value(c, "pairing_dimension", core::pairing_labels(), errors,
                                  "dimensions", d);
    }
}

// Loads the program for a write, adding a program error to `errors` instead of throwing so the
// user sees every error at once.
std::optional<WorkRef> load_program(Connection& c, const core::Actor& a, std::int64_t program,
                                    core::FieldErrors& errors) {
    if (errors.contains("program") || program <= 0) return std::nullopt;
    try {
        return load_work_ref(c, a, program, std::nullopt);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::validation) throw;
        // A program that exists but lies outside the actor's scope is a refusal (403), not a
        // typo in the form.
        if (c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {program}) > 0)
            refuse_out_of_scope("program");
        for (const auto& [k, v] : e.fields()) errors.emplace(k, v);
        return std::nullopt;
    }
}

void check_rules(Connection& c, const core::Pairing& x) {
    if (x.dimensions.empty()) return;
    Params p{x.id};
    for (const auto& d : x.dimensions) p.push_back(d);
    std::vector<core::PairingEdge> edges;
    for (const auto& row :
         c.query("SELECT pr.id, pr.supporter, pr.recipient, d.dimension FROM pairings pr "
                 "JOIN pairing_dimensions d ON d.pairing = pr.id WHERE pr.status = 'active' AND "
                 "pr.id <> ? AND d.dimension IN (" +
                     placeholders(x.dimensions.size()) + ")",
                 p))
        edges.push_back({row.integer(0), row.integer(1), row.integer(2), row.text(3)});
    auto entries = dimension_entries(c);
    std::map<std::int64_t, std::string> names;
    core::PairingNames naming{
        [&](std::int64_t id) {
            auto it = names.find(id);
            if (it != names.end()) return it->second;
            auto row = c.query_one("SELECT name FROM institutions WHERE id = ?", {id});
            return names[id] = row ? row->text(0) : "#" + std::to_string(id);
        },
        [&](const std::string& code) { return dimension_label(entries, code); }};
    auto errors = core::check_pairing_rules(x, edges, naming);
    if (!errors.empty()) core::throw_validation(std::move(errors));
}

Params write_params(const core::Pairing& x) {
    return {x.program,         x.supporter,      x.recipient, x.start_date, nullable(x.end_date),
            x.agreement_title, x.agreement_text, x.status,    x.note};
}

void write_dimensions(Connection& c, const core::Pairing& x) {
    c.execute("DELETE FROM pairing_dimensions WHERE pairing = ?", {x.id});
    for (const auto& d : x.dimensions)
        c.execute("INSERT INTO pairing_dimensions (pairing, dimension) VALUES (?, ?)", {x.id, d});
}

WorkRef pairing_ref(const WorkRef& program, const core::Pairing& x) {
    WorkRef ref = program;
    ref.pairing = x.id;
    ref.supporter = x.supporter;
    ref.recipient = x.recipient;
    ref.pairing_status = x.status;
    return ref;
}

// Read-only roles and institution admins are refused before their input is looked at.
void check_role(const core::Actor& a) {
    if (!a.is_system() && a.role != core::Role::bureau_admin)
        Scope(a).check_program_write(WorkRef{});
}

std::string yuan(std::int64_t fen) {
    bool negative = fen < 0;
    std::uint64_t v = negative ? -static_cast<std::uint64_t>(fen) : fen;
    std::string cents = std::to_string(v % 100);
    if (cents.size() < 2) cents = "0" + cents;
    return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}
}  // namespace

Page<core::Pairing> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 9> known{
        "program", "institution", "supporter", "recipient", "dimension",
        "status",  "region",      "year",      "start_year"};
    check_known_filters(q, known);
    Where w;
    Scope(a).pairings(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("pr.program = ?", {parse_id_filter(k, v)});
        if (k == "supporter") w.add("pr.supporter = ?", {parse_id_filter(k, v)});
        if (k == "recipient") w.add("pr.recipient = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("pr.supporter = ? OR pr.recipient = ?", {id, id});
        }
        if (k == "status")
            w.add("pr.status = ?", {choice_filter(k, v, core::dict::pairing_status)});
        if (k == "dimension") {
            auto entry = dictionaries::find(c, "pairing_dimension", v);
            if (!entry)
                bad_parameter(k, {"没有这项帮扶内容：" + v, "no such pairing dimension: " + v});
            w.add("pr.id IN (SELECT fd.pairing FROM pairing_dimensions fd WHERE fd.dimension = ?)",
                  {entry->value});
        }
        // year: in force at some time in the year; start_year: begun in it (the yearly
        // summary's active and new pairings).
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("pr.start_date <= ? AND (pr.end_date IS NULL OR pr.end_date >= ?)",
                  {std::to_string(y) + "-12-31", std::to_string(y) + "-01-01"});
        }
        if (k == "start_year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("pr.start_date >= ? AND pr.start_date <= ?",
                  {std::to_string(y) + "-01-01", std::to_string(y) + "-12-31"});
        }
        // The pairings a bureau of the region reads: run under a program of its subtree, or
        // either institution in it (store/region_filter.hpp: what its yearly summary counts).
        if (k == "region") filter_pairing_region(c, w, v);
    }
    if (!q.q.empty()) {
        auto pattern = contains_pattern(q.q);
        w.add(
            "pr.supporter IN (SELECT qi.id FROM institutions qi WHERE lower(qi.name) LIKE "
            "lower(?) ESCAPE '\\') OR pr.recipient IN (SELECT qi.id FROM institutions qi WHERE "
            "lower(qi.name) LIKE lower(?) ESCAPE '\\')",
            {pattern, pattern});
    }
    static constexpr std::array<SortField, 8> sorts{SortField{"id", "pr.id"},
                                                    SortField{"start_date", "pr.start_date"},
                                                    SortField{"end_date", "pr.end_date"},
                                                    SortField{"program", "p.name_key"},
                                                    SortField{"supporter", "s.name_key"},
                                                    SortField{"recipient", "ri.name_key"},
                                                    SortField{"status", "pr.status"},
                                                    SortField{"updated_at", "pr.updated_at"}};
    Page<core::Pairing> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "pairings pr", w);
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() +
                     order_by(q.sort, sorts, "-start_date", "pr.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    load_dimensions(c, page.items);
    return page;
}

core::Pairing get(Connection& c, const core::Actor& a, std::int64_t id) {
    return find_readable(c, a, id);
}

core::Pairing create(Connection& c, const core::Actor& a, core::Pairing x,
                     core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    check_role(a);
    lock_pairings(c);
    x.id = 0;
    if (x.status.empty()) x.status = "active";
    auto today = today_china();
    if (x.status == "ended" && !x.end_date) x.end_date = core::format_date(today);
    for (auto& [k, v] : core::validate(x, today)) errors.emplace(k, v);
    check_dimensions(c, x, errors);
    auto program = load_program(c, a, x.program, errors);
    std::optional<Party> supporter, recipient;
    if (x.supporter > 0) supporter = load_party(c, x.supporter, "supporter", errors);
    if (x.recipient > 0) recipient = load_party(c, x.recipient, "recipient", errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_program_write(*program);
    check_parties_in_scope(a, *supporter, *recipient);
    check_rules(c, x);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO pairings (program, supporter, recipient, start_date, end_date, "
        "agreement_title, agreement_text, status, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    write_dimensions(c, x);
    auto created = *find(c, x.id);
    audit::record(c, a, "create", work_audit_target("pairing", x.id, pairing_ref(*program, x)),
                  nullptr, core::to_json(created));
    tx.commit();
    return created;
}

core::Pairing update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "pairings", id, [&] { return find_readable(c, a, id); });
    check_role(a);
    lock_pairings(c);
    auto old_program = load_work_ref(c, a, existing.program, std::nullopt);
    Scope(a).check_program_write(old_program);
    core::Pairing x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    auto today = today_china();
    if (x.status == "ended" && !x.end_date) x.end_date = core::format_date(today);
    for (auto& [k, v] : core::validate(x, today)) errors.emplace(k, v);
    check_dimensions(c, x, errors);
    std::optional<WorkRef> program = old_program;
    if (x.program != existing.program) program = load_program(c, a, x.program, errors);
    auto supporter = load_party(c, x.supporter, "supporter", errors);
    auto recipient = load_party(c, x.recipient, "recipient", errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_program_write(*program);
    if (x.supporter != existing.supporter || x.recipient != existing.recipient)
        check_parties_in_scope(a, *supporter, *recipient);
    check_rules(c, x);
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE pairings SET program = ?, supporter = ?, recipient = ?, start_date = ?, "
        "end_date = ?, agreement_title = ?, agreement_text = ?, status = ?, note = ?, "
        "updated_at = ? WHERE id = ?",
        p);
    write_dimensions(c, x);
    auto updated = *find(c, id);
    audit::record(c, a, x.status != existing.status && x.status == "ended" ? "end" : "update",
                  work_audit_target("pairing", id, pairing_ref(*program, updated)),
                  core::to_json(existing), core::to_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "pairings", id, [&] { return find_readable(c, a, id); });
    check_role(a);
    auto program = load_work_ref(c, a, existing.program, std::nullopt);
    Scope(a).check_program_write(program);
    // What is recorded under the pairing is part of the history; deleting the pairing would
    // orphan or destroy it. Ending the pairing is the way out.
    struct Referrer {
        std::string_view table;
        std::string_view zh;
        std::string_view en;
    };
    static constexpr std::array<Referrer, 5> referrers{
        Referrer{"plans", "计划", "plans"}, Referrer{"activities", "活动", "activities"},
        Referrer{"donations", "捐赠", "donations"},
        Referrer{"inspections", "检查督导", "inspections"},
        Referrer{"shared_resources", "共享资源", "shared resources"}};
    std::string zh, en;
    for (const auto& r : referrers) {
        auto n = c.query_int("SELECT COUNT(*) FROM " + std::string(r.table) + " WHERE pairing = ?",
                             {id});
        if (n == 0) continue;
        zh += (zh.empty() ? "" : "、") + std::to_string(n) + " 条" + std::string(r.zh) + "记录";
        en += (en.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(r.en);
    }
    if (!zh.empty())
        core::throw_conflict(
            {"该结对下已有 " + zh + "，不能删除；如结对已停止，请改为结束结对",
             "the pairing has " + en + " recorded under it and cannot be deleted; end it instead"});
    c.execute("DELETE FROM pairing_dimensions WHERE pairing = ?", {id});
    // The row refers to its agreement file: delete the row first, then the files it owned.
    c.execute("DELETE FROM pairings WHERE id = ?", {id});
    files::remove_all(c, "pairing", id);
    audit::record(c, a, "delete", work_audit_target("pairing", id, pairing_ref(program, existing)),
                  core::to_json(existing), nullptr);
    tx.commit();
}

boost::json::object to_json(const TimelineItem& t) {
    return {{"date", t.date},
            {"end_date", t.end_date ? boost::json::value(*t.end_date) : nullptr},
            {"kind", t.kind},
            {"type", t.type},
            {"id", t.id},
            {"title", t.title},
            {"summary", t.summary},
            {"amount_fen", t.amount_fen ? boost::json::value(*t.amount_fen) : nullptr}};
}

std::vector<TimelineItem> timeline(Connection& c, const core::Actor& a, std::int64_t id,
                                   std::string_view lang) {
    auto x = find_readable(c, a, id);
    bool en = lang == "en";
    auto label = [&](std::string_view dictionary, const std::string& code) -> std::string {
        if (code.empty()) return "";
        if (dictionaries::is_extensible(dictionary)) {
            if (auto e = dictionaries::find(c, dictionary, code)) return en ? e->en : e->zh;
            return code;
        }
        for (const auto* d : core::dict::all())
            if (d->name() == dictionary)
                if (const auto* o = d->find(code)) return std::string(en ? o->en : o->zh);
        return code;
    };
    auto join = [](std::initializer_list<std::string> parts, std::string_view sep) {
        std::string out;
        for (const auto& p : parts)
            if (!p.empty()) out += (out.empty() ? "" : std::string(sep)) + p;
        return out;
    };
    std::string sep = en ? "; " : "；";
    std::vector<TimelineItem> items;
    items.push_back({x.start_date, std::nullopt, "pairing_start", "", x.id,
                     en ? "Pairing started" : "结对开始",
                     join({x.supporter_name + " → " + x.recipient_name, x.agreement_title}, sep),
                     std::nullopt});
    for (const auto& row :
         c.query("SELECT id, kind, title, start_date, end_date, approval FROM plans "
                 "WHERE pairing = ?",
                 {id}))
        items.push_back(
            {row.text(3), row.opt_text(4), "plan", row.text(1), row.integer(0), row.text(2),
             join({label("plan_kind", row.text(1)), label("plan_approval", row.text(5))}, sep),
             std::nullopt});
    for (const auto& row :
         c.query("SELECT ac.id, ac.type, ac.start_date, ac.end_date, ac.subject, ac.topic, h.name, "
                 "v.name, ac.leaders_count + ac.teachers_count + ac.students_count + "
                 "ac.medical_count FROM activities ac JOIN institutions h ON h.id = "
                 "ac.host_institution LEFT JOIN institutions v ON v.id = ac.visiting_institution "
                 "WHERE ac.pairing = ?",
                 {id})) {
        std::string type = label("activity_type", row.text(1));
        std::string where = row.is_null(7) ? (en ? "at " : "地点：") + row.text(6)
                                           : row.text(7) + " → " + row.text(6);
        std::string people = row.integer(8) > 0 ? (en ? std::to_string(row.integer(8)) + " people"
                                                      : std::to_string(row.integer(8)) + " 人次")
                                                : "";
        auto end = row.opt_text(3);
        if (end && *end == row.text(2)) end.reset();
        items.push_back({row.text(2), end, "activity", row.text(1), row.integer(0),
                         join({type, row.text(5)}, en ? ": " : "："),
                         join({where, label("subject", row.text(4)), people}, sep), std::nullopt});
    }
    for (const auto& row :
         c.query("SELECT id, kind, donated_on, amount_fen, category, quantity, unit, purpose, "
                 "donor_name FROM donations WHERE pairing = ?",
                 {id})) {
        auto fen = row.integer(3);
        std::string amount = en ? "CNY " + yuan(fen) : yuan(fen) + " 元";
        std::string what = label("donation_kind", row.text(1));
        std::string category = row.is_null(4) ? "" : label("material_category", row.text(4));
        std::string quantity = row.is_null(5) ? "" : std::to_string(row.integer(5)) + row.text(6);
        items.push_back({row.text(2), std::nullopt, "donation", row.text(1), row.integer(0),
                         join({what, category, quantity, amount}, " "),
                         join({row.text(7), row.text(8)}, sep), fen});
    }
    for (const auto& row :
         c.query("SELECT id, inspected_on, inspectors, checked, findings FROM inspections "
                 "WHERE pairing = ?",
                 {id}))
        items.push_back({row.text(1), std::nullopt, "inspection", "", row.integer(0),
                         join({en ? "Inspection" : "检查督导", row.text(2)}, en ? ": " : "："),
                         join({row.text(3), row.text(4)}, sep), std::nullopt});
    if (x.status == "ended" && x.end_date)
        items.push_back({*x.end_date, std::nullopt, "pairing_end", "", x.id,
                         en ? "Pairing ended" : "结对结束", x.note, std::nullopt});
    // Date order; on one date the pairing's start comes first and its end last.
    auto rank = [](const TimelineItem& t) {
        return t.kind == "pairing_start" ? 0 : t.kind == "pairing_end" ? 2 : 1;
    };
    std::stable_sort(items.begin(), items.end(), [&](const auto& l, const auto& r) {
        if (l.date != r.date) return l.date < r.date;
        if (rank(l) != rank(r)) return rank(l) < rank(r);
        if (l.kind != r.kind) return l.kind < r.kind;
        return l.id < r.id;
    });
    return items;
}

boost::json::object to_json(const Graph& g) {
    boost::json::array nodes, edges;
    for (const auto& n : g.nodes)
        nodes.push_back(boost::json::object{{"id", n.id},
                                            {"name", n.name},
                                            {"kind", n.kind},
                                            {"weak", n.weak},
                                            {"region_name", n.region_name},
                                            {"as_supporter", n.as_supporter},
                                            {"as_recipient", n.as_recipient},
                                            {"ladder", n.as_supporter > 0 && n.as_recipient > 0}});
    for (const auto& e : g.edges) {
        boost::json::array dims;
        for (const auto& d : e.dimensions) dims.push_back(boost::json::value(d));
        edges.push_back(boost::json::object{{"pairing", e.pairing},
                                            {"supporter", e.supporter},
                                            {"recipient", e.recipient},
                                            {"dimensions", std::move(dims)},
                                            {"status", e.status}});
    }
    return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

Graph program_graph(Connection& c, const core::Actor& a, std::int64_t program, const ListQuery& q) {
    static constexpr std::array<std::string_view, 2> known{"dimension", "status"};
    check_known_filters(q, known);
    Where pw;
    pw.add("p.id = ?", {program});
    Scope(a).programs(pw);
    if (c.query_int("SELECT COUNT(*) FROM programs p" + pw.sql(), pw.params()) == 0)
        core::throw_not_found(program_text);
    ListQuery lq;
    lq.filters = q.filters;
    lq.filters["program"] = std::to_string(program);
    lq.page_size = 1'000'000;  // the whole program: a graph with a page missing would mislead
    auto page = list(c, a, lq);
    Graph g;
    std::map<std::int64_t, GraphNode> nodes;
    for (const auto& x : page.items) {
        g.edges.push_back({x.id, x.supporter, x.recipient, x.dimensions, x.status});
        nodes[x.supporter].as_supporter++;
        nodes[x.recipient].as_recipient++;
    }
    if (!nodes.empty()) {
        Params p;
        for (const auto& [id, n] : nodes) p.push_back(id);
        for (const auto& row : c.query(
                 "SELECT i.id, i.name, i.kind, i.weak, r.name FROM institutions i JOIN regions r "
                 "ON r.code = i.region WHERE i.id IN (" +
                     placeholders(p.size()) + ")",
                 p)) {
            auto& n = nodes[row.integer(0)];
            n.id = row.integer(0);
            n.name = row.text(1);
            n.kind = row.text(2);
            n.weak = row.boolean(3);
            n.region_name = row.text(4);
        }
    }
    for (auto& [id, n] : nodes) g.nodes.push_back(std::move(n));
    std::sort(g.edges.begin(), g.edges.end(),
              [](const auto& l, const auto& r) { return l.pairing < r.pairing; });
    return g;
}

namespace {
// The pairing for a change of its agreement file, with the program-write check.
std::pair<core::Pairing, WorkRef> writable(Connection& c, const core::Actor& a, std::int64_t id) {
    auto x = load_or_refuse(c, "pairings", id, [&] { return find_readable(c, a, id); });
    check_role(a);
    auto program = load_work_ref(c, a, x.program, std::nullopt);
    Scope(a).check_program_write(program);
    return {x, pairing_ref(program, x)};
}
}  // namespace

core::Pairing attach_agreement(Connection& c, const core::Actor& a, std::int64_t id,
                               std::string_view name, std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = writable(c, a, id);
    auto target = work_audit_target("pairing", id, ref);
    auto info =
        files::store(c, a, core::FilePurpose::document, "pairing", id, name, content, target);
    c.execute("UPDATE pairings SET agreement_file = ?, updated_at = ? WHERE id = ?",
              {info.id, now_utc(), id});
    // One agreement per pairing: a new upload replaces the old file.
    if (existing.agreement_file) files::remove(c, a, *existing.agreement_file, target);
    auto updated = *find(c, id);
    tx.commit();
    return updated;
}

std::pair<files::FileInfo, std::string> agreement(Connection& c, const core::Actor& a,
                                                  std::int64_t id) {
    auto x = find_readable(c, a, id);
    if (!x.agreement_file) core::throw_not_found(agreement_text);
    auto info = files::find(c, *x.agreement_file);
    if (!info) core::throw_not_found(agreement_text);
    return {*info, files::content(c, info->id)};
}

core::Pairing remove_agreement(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = writable(c, a, id);
    if (!existing.agreement_file) core::throw_not_found(agreement_text);
    c.execute("UPDATE pairings SET agreement_file = NULL, updated_at = ? WHERE id = ?",
              {now_utc(), id});
    files::remove(c, a, *existing.agreement_file, work_audit_target("pairing", id, ref));
    auto updated = *find(c, id);
    tx.commit();
    return updated;
}

}  // namespace bangfu::store::pairings
