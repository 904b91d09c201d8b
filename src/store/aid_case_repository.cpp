#include "store/aid_case_repository.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "core/aid_cadence.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/clock.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::aid {

namespace {
const core::Text case_text{"帮扶关系", "Aid case"};

constexpr std::string_view select_sql =
    "SELECT ac.id, ac.beneficiary, b.name, b.kind, b.institution, bi.name, b.grade, b.class_name, "
    "ac.program, p.name, ac.helper_kind, ac.helper_staff, hs.name, ac.helper_name, "
    "ac.helper_institution, hi.name, ac.start_date, ac.end_date, ac.goals, ac.created_at, "
    "ac.updated_at, (SELECT COUNT(*) FROM aid_records r WHERE r.aid_case = ac.id), "
    "(SELECT MAX(r.record_date) FROM aid_records r WHERE r.aid_case = ac.id)";
constexpr std::string_view from_sql =
    " FROM aid_cases ac JOIN beneficiaries b ON b.id = ac.beneficiary "
    "JOIN institutions bi ON bi.id = b.institution "
    "LEFT JOIN programs p ON p.id = ac.program "
    "LEFT JOIN staff hs ON hs.id = ac.helper_staff "
    "JOIN institutions hi ON hi.id = ac.helper_institution";

core::AidCase from_row(const Row& row) {
    core::AidCase x;
    x.id = row.integer(0);
    x.beneficiary = row.integer(1);
    x.beneficiary_name = row.text(2);
    x.beneficiary_kind = row.text(3);
    x.beneficiary_institution = row.integer(4);
    x.beneficiary_institution_name = row.text(5);
    x.grade = row.text(6);
    x.class_name = row.text(7);
    x.program = row.opt_integer(8);
    x.program_name = row.text(9);
    x.helper_kind = row.text(10);
    x.helper_staff = row.opt_integer(11);
    // A staff helper is shown by their current name in the registry.
    x.helper_name = x.helper_staff ? row.text(12) : row.text(13);
    x.helper_institution = row.integer(14);
    x.helper_institution_name = row.text(15);
    x.start_date = row.text(16);
    x.end_date = row.opt_text(17);
    x.goals = row.text(18);
    x.created_at = row.text(19);
    x.updated_at = row.text(20);
    x.record_count = row.integer(21);
    x.last_record_date = row.text(22);
    return x;
}

std::string in_list(const std::vector<core::AidCase>& items, Params& p) {
    std::string in;
    for (const auto& x : items) {
        in += in.empty() ? "?" : ", ?";
        p.push_back(x.id);
    }
    return in;
}

// The plan of each case with its last records, and from them what is due on `today`.
void load_cadences(Connection& c, std::vector<core::AidCase>& items, const core::Date& today) {
    if (items.empty()) return;
    Params p;
    std::string in = in_list(items, p);
    std::map<std::int64_t, core::AidCase*> by_id;
    for (auto& x : items) by_id[x.id] = &x;
    for (const auto& row : c.query("SELECT aid_case, kind, every_count, every_unit, note FROM "
                                   "aid_cadences WHERE aid_case IN (" +
                                       in + ") ORDER BY aid_case, id",
                                   p)) {
        core::AidCadence cad;
        cad.kind = row.text(1);
        cad.every_count = row.integer(2);
        cad.every_unit = row.text(3);
        cad.note = row.text(4);
        by_id.at(row.integer(0))->cadences.push_back(std::move(cad));
    }
    // What was due on `today` depends on the records made by then: for a past day (as_of),
    // later records must not count.
    std::map<std::pair<std::int64_t, std::string>, std::string> last;
    p.push_back(core::format_date(today));
    for (const auto& row : c.query("SELECT aid_case, kind, MAX(record_date) FROM aid_records "
                                   "WHERE aid_case IN (" +
                                       in + ") AND record_date <= ? GROUP BY aid_case, kind",
                                   p))
        last[{row.integer(0), row.text(1)}] = row.text(2);
    for (auto& x : items) {
        auto start = core::parse_date(x.start_date).value_or(core::Date{});
        std::optional<core::Date> end;
        if (x.end_date) end = core::parse_date(*x.end_date);
        x.status = core::case_ended(end, today) ? "ended"
                   : today < start              ? "not_started"
                                                : "active";
        for (auto& cad : x.cadences) {
            std::optional<core::Date> l;
            if (auto it = last.find({x.id, cad.kind}); it != last.end()) {
                cad.last_date = it->second;
                l = core::parse_date(it->second);
            }
            auto due = core::cadence_due(cad.every_count, cad.every_unit, start, end, l, today);
            cad.due_date = core::format_date(due.due);
            cad.overdue = due.overdue;
            cad.days_overdue = due.days_overdue;
            if (x.next_due_date.empty() || cad.due_date < x.next_due_date)
                x.next_due_date = cad.due_date;
            x.overdue = x.overdue || due.overdue;
        }
    }
}

std::optional<core::AidCase> find_scoped(Connection& c, const core::Actor& a, std::int64_t id,
                                         const core::Date& today) {
    Where w;
    w.add("ac.id = ?", {id});
    Scope(a).aid_cases(w);
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) return std::nullopt;
    std::vector<core::AidCase> one{from_row(*row)};
    load_cadences(c, one, today);
    return std::move(one.front());
}

// Cases are set up by admins; teachers record on theirs, inspectors only read.
void check_case_write(const core::Actor& a) {
    if (a.role == core::Role::teacher)
        core::throw_forbidden({"无权操作：帮扶关系由单位或教育局管理员建立和修改",
                               "Forbidden: aid cases are set up by institution or bureau admins"});
    if (!a.is_admin()) refuse_read_only();
}

// Whether the beneficiary exists, and whether the actor may read it (the scope of
// beneficiaries, store/beneficiary_repository.hpp).
std::pair<bool, bool> beneficiary_access(Connection& c, const core::Actor& a, std::int64_t id) {
    if (c.query_int("SELECT COUNT(*) FROM beneficiaries WHERE id = ?", {id}) == 0)
        return {false, false};
    Where w;
    w.add("b.id = ?", {id});
    Scope(a).beneficiaries(w);
    return {true, c.query_int("SELECT COUNT(*) FROM beneficiaries b" + w.sql(), w.params()) > 0};
}

// Every rule of a case about to be written: the core rules, then the referenced rows. Fills in a
// staff helper's institution.
void check_case(Connection& c, const core::Actor& a, core::AidCase& x, core::FieldErrors errors,
                const core::AidCase* before = nullptr) {
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.contains("beneficiary") && x.beneficiary > 0 &&
        !(before && before->beneficiary == x.beneficiary)) {
        auto [exists, readable] = beneficiary_access(c, a, x.beneficiary);
        if (!exists)
            errors["beneficiary"] = {"帮扶对象不存在", "the beneficiary does not exist"};
        else if (!readable)
            refuse_out_of_scope("beneficiary");
    }
    if (!errors.contains("program") && x.program &&
        c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {*x.program}) == 0)
        errors["program"] = {"帮扶项目不存在", "the program does not exist"};
    if (x.helper_kind == "staff" && !errors.contains("helper_staff") && x.helper_staff) {
        auto row =
            c.query_one("SELECT institution, name FROM staff WHERE id = ?", {*x.helper_staff});
        if (!row) {
            errors["helper_staff"] = {"帮扶教职工不存在",
                                      "the helping staff member does not exist"};
        } else {
            if (x.helper_institution > 0 && x.helper_institution != row->integer(0) &&
                !errors.contains("helper_institution"))
                errors["helper_institution"] = {"应为该教职工所在单位",
                                                "must be the staff member's institution"};
            x.helper_institution = row->integer(0);
            x.helper_name = row->text(1);
        }
    } else if (!errors.contains("helper_institution") && x.helper_institution > 0 &&
               c.query_int("SELECT COUNT(*) FROM institutions WHERE id = ?",
                           {x.helper_institution}) == 0) {
        errors["helper_institution"] = {"帮扶人单位不存在",
                                        "the helper's institution does not exist"};
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
}

boost::json::object audit_json(const core::AidCase& x) {
    auto o = core::to_json(x, "zh");
    // What is due depends on the day it is read: not part of the change.
    for (auto key : {"overdue", "status", "next_due_date"}) o.erase(key);
    for (auto& cad : o["cadences"].as_array())
        for (auto key : {"last_date", "due_date", "overdue", "days_overdue"})
            cad.as_object().erase(key);
    return o;
}

void write_cadences(Connection& c, std::int64_t id, const std::vector<core::AidCadence>& cs) {
    c.execute("DELETE FROM aid_cadences WHERE aid_case = ?", {id});
    for (const auto& x : cs)
        c.execute(
            "INSERT INTO aid_cadences (aid_case, kind, every_count, every_unit, note) VALUES (?, "
            "?, "
            "?, ?, ?)",
            {id, x.kind, x.every_count, x.every_unit, x.note});
}

Params write_params(const core::AidCase& x) {
    return {x.beneficiary,
            nullable(x.program),
            x.helper_kind,
            nullable(x.helper_staff),
            x.helper_kind == "staff" ? std::string() : x.helper_name,
            x.helper_institution,
            x.start_date,
            nullable(x.end_date),
            x.goals};
}

core::Date parse_as_of(const std::string& v) {
    auto d = core::parse_date(v);
    if (!d) bad_parameter("as_of", {"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
    return *d;
}

// The overdue condition on `today` (a parameter): due before today and the case not ended.
void add_overdue(Where& w, bool overdue, const std::string& today) {
    if (overdue)
        w.add("ac.next_due_date < ? AND (ac.end_date IS NULL OR ac.end_date >= ?)", {today, today});
    else
        w.add("ac.next_due_date IS NULL OR ac.next_due_date >= ? OR ac.end_date < ?",
              {today, today});
}

Where filtered(Connection& c, const core::Actor& a, const ListQuery& q, const std::string& today) {
    static constexpr std::array<std::string_view, 11> known{
        "beneficiary", "program",     "helper_staff", "helper_institution",
        "institution", "helper_kind", "status",       "overdue",
        "as_of",       "region",      "year"};
    check_known_filters(q, known);
    Where w;
    Scope(a).aid_cases(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "beneficiary") w.add("ac.beneficiary = ?", {parse_id_filter(k, v)});
        if (k == "program") w.add("ac.program = ?", {parse_id_filter(k, v)});
        if (k == "helper_staff") w.add("ac.helper_staff = ?", {parse_id_filter(k, v)});
        if (k == "helper_institution") w.add("ac.helper_institution = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("ac.helper_institution = ? OR b.institution = ?", {id, id});
        }
        if (k == "helper_kind")
            w.add("ac.helper_kind = ?", {choice_filter(k, v, core::dict::aid_helper_kind)});
        if (k == "region") filter_aid_region(c, w, v);
        // Running at some time in the calendar year (the summary's aid cases of the year).
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)",
                  {std::to_string(y) + "-12-31", std::to_string(y) + "-01-01"});
        }
        if (k == "overdue") add_overdue(w, parse_bool_filter(k, v), today);
        if (k == "status") {
            if (v == "ended")
                w.add("ac.end_date < ?", {today});
            else if (v == "active")
                w.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)",
                      {today, today});
            else if (v == "not_started")
                w.add("ac.start_date > ?", {today});
            else
                bad_parameter(k, {"应为 active（进行中）、ended（已结束）或 not_started（未开始）",
                                  "must be active, ended or not_started"});
        }
    }
    if (!q.q.empty())
        w.add(
            "lower(b.name) LIKE lower(?) ESCAPE '\\' OR lower(ac.helper_name) LIKE lower(?) "
            "ESCAPE '\\' OR ac.helper_staff IN (SELECT qs.id FROM staff qs WHERE lower(qs.name) "
            "LIKE lower(?) ESCAPE '\\')",
            {contains_pattern(q.q), contains_pattern(q.q), contains_pattern(q.q)});
    return w;
}

std::vector<core::AidCase> query_cases(Connection& c, const Where& w, const std::string& order,
                                       const std::string& limit, const core::Date& today) {
    std::vector<core::AidCase> items;
    for (const auto& row : c.query(
             std::string(select_sql) + std::string(from_sql) + w.sql() + order + limit, w.params()))
        items.push_back(from_row(row));
    load_cadences(c, items, today);
    return items;
}
}  // namespace

core::Date take_as_of(ListQuery& q) {
    auto it = q.filters.find("as_of");
    if (it == q.filters.end()) return today_china();
    auto d = parse_as_of(it->second);
    q.filters.erase(it);
    return d;
}

core::AidCase load(Connection& c, const core::Actor& a, std::int64_t id, const core::Date& today) {
    auto x = find_scoped(c, a, id, today);
    if (!x) core::throw_not_found(case_text);
    return std::move(*x);
}

void check_record_write(const core::Actor& a, const core::AidCase& x) {
    if (a.role == core::Role::teacher) {
        if (!a.staff || x.helper_staff != a.staff) refuse_out_of_scope();
        return;
    }
    if (!a.is_admin()) refuse_read_only();
}

void refresh_due(Connection& c, std::int64_t id) {
    auto row = c.query_one("SELECT start_date FROM aid_cases WHERE id = ?", {id});
    if (!row) return;
    auto start = core::parse_date(row->text(0)).value_or(core::Date{});
    std::map<std::string, core::Date> last;
    for (const auto& r :
         c.query("SELECT kind, MAX(record_date) FROM aid_records WHERE aid_case = ? GROUP BY kind",
                 {id}))
        if (auto d = core::parse_date(r.text(1))) last[r.text(0)] = *d;
    std::optional<std::string> next;
    for (const auto& r : c.query(
             "SELECT kind, every_count, every_unit FROM aid_cadences WHERE aid_case = ?", {id})) {
        std::optional<core::Date> l;
        if (auto it = last.find(r.text(0)); it != last.end()) l = it->second;
        // The due date does not depend on today: any date will do for it.
        auto due = core::format_date(
            core::cadence_due(r.integer(1), r.text(2), start, std::nullopt, l, start).due);
        if (!next || due < *next) next = due;
    }
    c.execute("UPDATE aid_cases SET next_due_date = ? WHERE id = ?", {nullable(next), id});
}

audit::Target audit_target(Connection& c, std::string entity, std::int64_t id,
                           const core::AidCase& x) {
    auto path = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {x.beneficiary_institution});
    return {std::move(entity), std::to_string(id), path ? path->text(0) : std::string(),
            x.beneficiary_institution};
}

namespace {
constexpr std::array<SortField, 5> case_sorts{
    SortField{"next_due_date", "COALESCE(ac.next_due_date, '9999-12-31')"},
    SortField{"start_date", "ac.start_date"}, SortField{"beneficiary_name", "b.name_key"},
    SortField{"id", "ac.id"}, SortField{"updated_at", "ac.updated_at"}};

// The overdue filter on a past day. The stored next due dates count every record, also those
// made after that day, so the cases matching the other filters are read and what was overdue
// on the day is worked out from the records made by then; the page is cut here, not in SQL.
// Costs a read of every matching case: fine for a county, slow for a whole province.
Page<core::AidCase> list_overdue_on_past_day(Connection& c, const core::Actor& a, ListQuery q,
                                             const core::Date& day) {
    bool want = parse_bool_filter("overdue", q.filters.at("overdue"));
    q.filters.erase("overdue");
    Where w = filtered(c, a, q, core::format_date(day));
    std::vector<core::AidCase> matching;
    for (auto& x :
         query_cases(c, w, order_by(q.sort, case_sorts, "next_due_date", "ac.id"), "", day))
        if (x.overdue == want) matching.push_back(std::move(x));
    // The default order is by the next due date: on that day's, not the stored one.
    if (q.sort.empty() || q.sort == "next_due_date")
        std::stable_sort(matching.begin(), matching.end(),
                         [](const core::AidCase& x, const core::AidCase& y) {
                             return x.next_due_date < y.next_due_date;
                         });
    Page<core::AidCase> page{{}, static_cast<std::int64_t>(matching.size()), q.page, q.page_size};
    auto from = std::min<std::size_t>(matching.size(),
                                      static_cast<std::size_t>((q.page - 1) * q.page_size));
    auto to = std::min<std::size_t>(matching.size(), from + static_cast<std::size_t>(q.page_size));
    for (auto i = from; i < to; ++i) page.items.push_back(std::move(matching[i]));
    return page;
}
}  // namespace

Page<core::AidCase> list(Connection& c, const core::Actor& a, ListQuery q) {
    auto today = take_as_of(q);
    if (auto it = q.filters.find("overdue"); it != q.filters.end() && today < today_china())
        return list_overdue_on_past_day(c, a, q, today);
    Where w = filtered(c, a, q, core::format_date(today));
    Page<core::AidCase> page{{}, 0, q.page, q.page_size};
    page.total = c.query_int(
        "SELECT COUNT(*) FROM aid_cases ac JOIN beneficiaries b ON b.id = "
        "ac.beneficiary" +
            w.sql(),
        w.params());
    page.items = query_cases(c, w, order_by(q.sort, case_sorts, "next_due_date", "ac.id"),
                             limit_offset(q), today);
    return page;
}

core::AidCase get(Connection& c, const core::Actor& a, std::int64_t id, const core::Date& today) {
    return load(c, a, id, today);
}

core::AidCase create(Connection& c, const core::Actor& a, core::AidCase x,
                     core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    check_case_write(a);
    check_case(c, a, x, std::move(errors));
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO aid_cases (beneficiary, program, helper_kind, helper_staff, helper_name, "
        "helper_institution, start_date, end_date, goals, created_at, updated_at) VALUES (?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    write_cadences(c, x.id, x.cadences);
    refresh_due(c, x.id);
    auto created = load(c, a, x.id, today_china());
    audit::record(c, a, "create", audit_target(c, "aid_case", x.id, created), nullptr,
                  audit_json(created));
    tx.commit();
    return created;
}

core::AidCase update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto today = today_china();
    auto existing = load_or_refuse(c, "aid_cases", id, [&] { return load(c, a, id, today); });
    check_case_write(a);
    core::AidCase x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    check_case(c, a, x, std::move(errors), &existing);
    // Records stay inside the case's dates.
    auto outside = c.query_int(
        "SELECT COUNT(*) FROM aid_records WHERE aid_case = ? AND (record_date < ? OR "
        "record_date > ?)",
        {id, x.start_date, x.end_date.value_or("9999-12-31")});
    if (outside > 0)
        core::throw_validation(
            {{patch.contains("end_date") ? "end_date" : "start_date",
              {"有 " + std::to_string(outside) + " 条帮扶记录不在新的起止日期内",
               std::to_string(outside) + " records lie outside the new dates"}}});
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE aid_cases SET beneficiary = ?, program = ?, helper_kind = ?, helper_staff = ?, "
        "helper_name = ?, helper_institution = ?, start_date = ?, end_date = ?, goals = ?, "
        "updated_at = ? WHERE id = ?",
        p);
    if (patch.contains("cadences")) write_cadences(c, id, x.cadences);
    refresh_due(c, id);
    auto updated = load(c, a, id, today);
    audit::record(c, a, "update", audit_target(c, "aid_case", id, updated), audit_json(existing),
                  audit_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing =
        load_or_refuse(c, "aid_cases", id, [&] { return load(c, a, id, today_china()); });
    check_case_write(a);
    if (existing.record_count > 0)
        core::throw_conflict({"该帮扶关系已有 " + std::to_string(existing.record_count) +
                                  " 条帮扶记录，不能删除；请填写结束日期结束帮扶",
                              "the case has " + std::to_string(existing.record_count) +
                                  " records and cannot be deleted; set an end date to end it"});
    c.execute("DELETE FROM aid_outcomes WHERE aid_case = ?", {id});
    c.execute("DELETE FROM aid_cadences WHERE aid_case = ?", {id});
    c.execute("DELETE FROM aid_cases WHERE id = ?", {id});
    audit::record(c, a, "delete", audit_target(c, "aid_case", id, existing), audit_json(existing),
                  nullptr);
    tx.commit();
}

Alerts alerts(Connection& c, const core::Actor& a, ListQuery q) {
    auto today = take_as_of(q);
    static constexpr std::array<std::string_view, 4> known{"institution", "program", "helper_staff",
                                                           "region"};
    check_known_filters(q, known);
    auto day = core::format_date(today);
    Where w = filtered(c, a, q, day);
    Alerts out;
    if (today < today_china()) {
        // A past day: the stored next due dates count records made since, so the cases running
        // that day are read and what was overdue is worked out from the records made by then.
        w.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)", {day, day});
        for (auto& x : query_cases(c, w, " ORDER BY ac.id", "", today))
            if (x.overdue) out.cases.push_back(std::move(x));
        std::stable_sort(out.cases.begin(), out.cases.end(),
                         [](const core::AidCase& x, const core::AidCase& y) {
                             return x.next_due_date < y.next_due_date;
                         });
    } else {
        add_overdue(w, true, day);
        out.cases = query_cases(c, w, " ORDER BY ac.next_due_date, ac.id", "", today);
    }
    std::map<std::tuple<std::string, std::int64_t, std::string, std::int64_t>, HelperAlert> helpers;
    std::map<std::int64_t, InstitutionAlert> institutions;
    std::map<std::int64_t, std::set<std::tuple<std::int64_t, std::string>>> helpers_of;
    for (const auto& x : out.cases) {
        auto key = std::tuple{x.helper_kind, x.helper_staff.value_or(0),
                              x.helper_staff ? std::string() : x.helper_name, x.helper_institution};
        auto& h = helpers[key];
        if (h.overdue_cases == 0) {
            h.helper_kind = x.helper_kind;
            h.helper_staff = x.helper_staff;
            h.helper_name = x.helper_name;
            h.helper_institution = x.helper_institution;
            h.helper_institution_name = x.helper_institution_name;
            h.oldest_due_date = x.next_due_date;
        }
        ++h.overdue_cases;
        h.oldest_due_date = std::min(h.oldest_due_date, x.next_due_date);
        auto& i = institutions[x.helper_institution];
        i.institution = x.helper_institution;
        i.institution_name = x.helper_institution_name;
        ++i.overdue_cases;
        helpers_of[x.helper_institution].insert({x.helper_staff.value_or(0), x.helper_name});
    }
    for (auto& [k, h] : helpers) out.by_helper.push_back(std::move(h));
    for (auto& [k, i] : institutions) {
        i.helpers = static_cast<std::int64_t>(helpers_of[k].size());
        out.by_institution.push_back(std::move(i));
    }
    std::stable_sort(out.by_helper.begin(), out.by_helper.end(),
                     [](const HelperAlert& x, const HelperAlert& y) {
                         return x.overdue_cases > y.overdue_cases;
                     });
    std::stable_sort(out.by_institution.begin(), out.by_institution.end(),
                     [](const InstitutionAlert& x, const InstitutionAlert& y) {
                         return x.overdue_cases > y.overdue_cases;
                     });
    return out;
}

boost::json::object to_json(const Alerts& x, std::string_view lang) {
    boost::json::array helpers, institutions, cases;
    for (const auto& h : x.by_helper)
        helpers.push_back(
            {{"helper_kind", h.helper_kind},
             {"helper_staff", h.helper_staff ? boost::json::value(*h.helper_staff) : nullptr},
             {"helper_name", h.helper_name},
             {"helper_institution", h.helper_institution},
             {"helper_institution_name", h.helper_institution_name},
             {"overdue_cases", h.overdue_cases},
             {"oldest_due_date", h.oldest_due_date}});
    for (const auto& i : x.by_institution)
        institutions.push_back({{"institution", i.institution},
                                {"institution_name", i.institution_name},
                                {"overdue_cases", i.overdue_cases},
                                {"helpers", i.helpers}});
    for (const auto& c : x.cases) cases.push_back(core::to_json(c, lang));
    return {{"by_helper", std::move(helpers)},
            {"by_institution", std::move(institutions)},
            {"cases", std::move(cases)}};
}

std::vector<core::AidCase> mine(Connection& c, const core::Actor& a, const core::Date& today) {
    if (!a.staff) return {};
    Where w;
    Scope(a).aid_cases(w);
    w.add("ac.helper_staff = ?", {*a.staff});
    auto day = core::format_date(today);
    w.add("ac.end_date IS NULL OR ac.end_date >= ?", {day});
    return query_cases(
        c, w, " ORDER BY COALESCE(ac.next_due_date, '9999-12-31'), b.name_key, ac.id", "", today);
}

}  // namespace bangfu::store::aid
