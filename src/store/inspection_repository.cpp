#include "store/inspection_repository.hpp"

#include <array>

#include "core/date.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::inspections {

namespace {
constexpr std::string_view select_sql =
    "SELECT x.id, x.program, p.name, x.pairing, s.name, r.name, x.inspected_on, x.inspectors, "
    "x.checked, x.findings, x.follow_ups, x.created_at, x.updated_at FROM inspections x "
    "JOIN programs p ON p.id = x.program LEFT JOIN pairings pr ON pr.id = x.pairing "
    "LEFT JOIN institutions s ON s.id = pr.supporter "
    "LEFT JOIN institutions r ON r.id = pr.recipient";

core::Inspection from_row(const Row& row) {
    core::Inspection x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = row.text(4) + " → " + row.text(5);
    x.inspected_on = row.text(6);
    x.inspectors = row.text(7);
    x.checked = row.text(8);
    x.findings = row.text(9);
    x.follow_ups = row.text(10);
    x.created_at = row.text(11);
    x.updated_at = row.text(12);
    return x;
}

const core::Text inspection_text{"检查督导记录", "Inspection"};

std::optional<core::Inspection> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE x.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The program and pairing of an existing row, for the write check. Loaded as the system sees
// them: whether the actor may write is decided by check_work_write (403), not by whether the
// actor can read the program (which would answer with a validation error).
WorkRef stored_ref(Connection& c, const core::Inspection& x) {
    core::Actor system;
    system.role = core::Role::system_admin;
    return load_work_ref(c, system, x.program, x.pairing);
}

// The program and pairing the input points to, as the actor may read them. Their errors are
// added to `errors`, so every problem of the input is reported at once.
std::optional<WorkRef> input_ref(Connection& c, const core::Actor& a, const core::Inspection& x,
                                 core::FieldErrors& errors) {
    if (errors.contains("program") || errors.contains("pairing") || x.program <= 0)
        return std::nullopt;
    try {
        return load_work_ref(c, a, x.program, x.pairing);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::validation) throw;
        for (const auto& [k, v] : e.fields()) errors[k] = v;
        return std::nullopt;
    }
}

void merge(core::FieldErrors& errors, core::FieldErrors more) {
    for (auto& [k, v] : more)
        if (!errors.contains(k)) errors[k] = std::move(v);
}

std::string date_filter(const std::string& name, const std::string& value) {
    if (!core::parse_date(value))
        bad_parameter(name, {"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
    return value;
}
}  // namespace

Page<core::Inspection> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 6> known{"program", "pairing",     "date_from",
                                                           "date_to", "institution", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).work(w, "x");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("x.program = ?", {parse_id_filter(k, v)});
        if (k == "region") filter_work_region(c, w, v, "x");
        // The rows of the institution's pairings (as an institution's yearly summary counts).
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add(
                "x.pairing IN (SELECT fp.id FROM pairings fp WHERE fp.supporter = ? OR "
                "fp.recipient = ?)",
                {id, id});
        }
        if (k == "pairing") w.add("x.pairing = ?", {parse_id_filter(k, v)});
        if (k == "date_from") w.add("x.inspected_on >= ?", {date_filter(k, v)});
        if (k == "date_to") w.add("x.inspected_on <= ?", {date_filter(k, v)});
    }
    if (!q.q.empty())
        w.add(
            "lower(x.inspectors) LIKE lower(?) ESCAPE '\\' OR lower(x.checked) LIKE lower(?) "
            "ESCAPE '\\' OR lower(x.findings) LIKE lower(?) ESCAPE '\\'",
            {contains_pattern(q.q), contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 2> sorts{SortField{"inspected_on", "x.inspected_on"},
                                                    SortField{"id", "x.id"}};
    Page<core::Inspection> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "inspections x", w);
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() +
                     order_by(q.sort, sorts, "-inspected_on", "x.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::Inspection get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("x.id = ?", {id});
    Scope(a).work(w, "x");
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(inspection_text);
    return from_row(*row);
}

core::Inspection create(Connection& c, const core::Actor& a, core::Inspection x,
                        core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin())
        Scope(a).check_work_write(WorkRef{});  // read-only roles: 403 before anything
    merge(errors, core::validate(x));
    auto ref = input_ref(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_work_write(*ref);
    auto now = now_utc();
    x.id = c.query_int(
        "INSERT INTO inspections (program, pairing, inspected_on, inspectors, checked, findings, "
        "follow_ups, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {x.program, nullable(x.pairing), x.inspected_on, x.inspectors, x.checked, x.findings,
         x.follow_ups, now, now});
    auto created = find(c, x.id);
    audit::record(c, a, "create", work_audit_target("inspection", x.id, *ref), nullptr,
                  core::to_json(*created));
    tx.commit();
    return *created;
}

core::Inspection update(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(inspection_text);
    auto old_ref = stored_ref(c, *existing);
    Scope(a).check_work_write(old_ref);
    core::Inspection x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    merge(errors, core::validate(x));
    std::optional<WorkRef> ref = old_ref;
    // Moving the record to another program or pairing: the new place must be readable and
    // writable by the actor too.
    if (x.program != existing->program || x.pairing != existing->pairing)
        ref = input_ref(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_work_write(*ref);
    c.execute(
        "UPDATE inspections SET program = ?, pairing = ?, inspected_on = ?, inspectors = ?, "
        "checked = ?, findings = ?, follow_ups = ?, updated_at = ? WHERE id = ?",
        {x.program, nullable(x.pairing), x.inspected_on, x.inspectors, x.checked, x.findings,
         x.follow_ups, now_utc(), id});
    auto updated = find(c, id);
    audit::record(c, a, "update", work_audit_target("inspection", id, *ref),
                  core::to_json(*existing), core::to_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(inspection_text);
    auto ref = stored_ref(c, *existing);
    Scope(a).check_work_write(ref);
    c.execute("DELETE FROM inspections WHERE id = ?", {id});
    audit::record(c, a, "delete", work_audit_target("inspection", id, ref),
                  core::to_json(*existing), nullptr);
    tx.commit();
}

}  // namespace bangfu::store::inspections
