#include "store/batch_repository.hpp"

#include <array>
#include <charconv>

#include "core/subsidy.hpp"
#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::batches {

namespace {
constexpr std::string_view select_sql =
    "SELECT b.id, b.program, p.name, b.name, b.sendoff_date, b.sendoff_event, b.planned_count, "
    "(SELECT COUNT(*) FROM dispatch_assignments ba WHERE ba.batch = b.id AND ba.status <> "
    "'withdrawn'), b.note, b.created_at, b.updated_at FROM dispatch_batches b JOIN programs p ON "
    "p.id = b.program";

const core::Text batch_text{"支教批次", "Dispatch batch"};

core::Batch from_row(const Row& row) {
    core::Batch x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.name = row.text(3);
    x.sendoff_date = row.text(4);
    x.sendoff_event = row.text(5);
    x.planned_count = row.integer(6);
    x.assigned_count = row.integer(7);
    x.note = row.text(8);
    x.created_at = row.text(9);
    x.updated_at = row.text(10);
    return x;
}

std::optional<core::Batch> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE b.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The program, readable by the actor; a validation error on `program` otherwise.
WorkRef program_ref(Connection& c, const core::Actor& a, const core::Batch& x,
                    core::FieldErrors& errors) {
    if (errors.contains("program") || x.program <= 0) return {};
    try {
        return load_work_ref(c, a, x.program, std::nullopt);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::validation) throw;
        for (const auto& [k, v] : e.fields()) errors[k] = v;
    }
    return {};
}

WorkRef stored_ref(Connection& c, const core::Batch& x) {
    core::Actor system;
    system.role = core::Role::system_admin;
    return load_work_ref(c, system, x.program, std::nullopt);
}

void check_name_free(Connection& c, const core::Batch& x, core::FieldErrors& errors) {
    if (errors.contains("name")) return;
    if (c.query_int("SELECT COUNT(*) FROM dispatch_batches WHERE program = ? AND name_key = ? AND "
                    "id <> ?",
                    {x.program, core::collation_key(x.name), x.id}) > 0)
        errors["name"] = {"该帮扶项目已有同名批次", "the program already has a batch of that name"};
}
}  // namespace

Page<core::Batch> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 5> known{"program", "year", "school_year",
                                                           "institution", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).programs(w);
    // school_year / institution / region: the batches with a teacher serving in that school year
    // (1 September Y-1 to 31 August Y; withdrawn ones left out) / sent from or to the institution
    // / of the region's dispatch rows: the batches the yearly summary counts.
    Where members;
    for (const auto& [k, v] : q.filters) {
        if (k == "school_year") {
            int year = parse_year_filter(k, v);
            auto [from, to] = core::appraisal_year_window(year);
            members.add("da.start_date <= ? AND da.end_date >= ? AND da.status <> 'withdrawn'",
                        {core::format_date(to), core::format_date(from)});
        }
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            members.add("da.sending_institution = ? OR da.recipient_institution = ?", {id, id});
        }
        if (k == "region")
            filter_dispatch_region(c, members, v, "da", "sending_institution",
                                   "recipient_institution");
        if (k == "program") w.add("b.program = ?", {parse_id_filter(k, v)});
        if (k == "year") {
            parse_year_filter(k, v);  // refuses anything but a four-digit year
            w.add("b.sendoff_date >= ? AND b.sendoff_date <= ?", {v + "-01-01", v + "-12-31"});
        }
    }
    if (!members.sql().empty())
        w.add("b.id IN (SELECT da.batch FROM dispatch_assignments da" + members.sql() + ")",
              members.params());
    if (!q.q.empty()) {
        auto pattern = contains_pattern(q.q);
        w.add(
            "lower(b.name) LIKE lower(?) ESCAPE '\\' OR lower(b.sendoff_event) LIKE lower(?) "
            "ESCAPE '\\'",
            {pattern, pattern});
    }
    static constexpr std::array<SortField, 4> sorts{
        SortField{"sendoff_date", "b.sendoff_date"}, SortField{"name", "b.name"},
        SortField{"planned_count", "b.planned_count"}, SortField{"id", "b.id"}};
    Page<core::Batch> page{{}, 0, q.page, q.page_size};
    page.total = c.query_int(
        "SELECT COUNT(*) FROM dispatch_batches b JOIN programs p ON p.id = b.program" + w.sql(),
        w.params());
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() +
                     order_by(q.sort, sorts, "-sendoff_date", "b.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::Batch get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("b.id = ?", {id});
    Scope(a).programs(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(batch_text);
    return from_row(*row);
}

core::Batch create(Connection& c, const core::Actor& a, core::Batch x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin()) refuse_read_only();
    for (const auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto ref = program_ref(c, a, x, errors);
    check_name_free(c, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_program_write(ref);
    auto now = now_utc();
    x.id = c.query_int(
        "INSERT INTO dispatch_batches (program, name, name_key, sendoff_date, sendoff_event, "
        "planned_count, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {x.program, x.name, core::collation_key(x.name), x.sendoff_date, x.sendoff_event,
         x.planned_count, x.note, now, now});
    auto created = find(c, x.id);
    audit::record(
        c, a, "create",
        audit::Target{"dispatch_batch", std::to_string(x.id), ref.program_path, std::nullopt},
        nullptr, core::to_json(*created));
    tx.commit();
    return *created;
}

core::Batch update(Connection& c, const core::Actor& a, std::int64_t id,
                   const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(batch_text);
    Scope(a).check_program_write(stored_ref(c, *existing));
    core::Batch x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    if (x.program != existing->program &&
        c.query_int("SELECT COUNT(*) FROM dispatch_assignments WHERE batch = ?", {id}) > 0)
        errors["program"] = {"批次已有支教记录，不能改到其他帮扶项目",
                             "the batch has assignments and cannot move to another program"};
    for (const auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto ref = program_ref(c, a, x, errors);
    check_name_free(c, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_program_write(ref);
    c.execute(
        "UPDATE dispatch_batches SET program = ?, name = ?, name_key = ?, sendoff_date = ?, "
        "sendoff_event = ?, planned_count = ?, note = ?, updated_at = ? WHERE id = ?",
        {x.program, x.name, core::collation_key(x.name), x.sendoff_date, x.sendoff_event,
         x.planned_count, x.note, now_utc(), id});
    auto updated = find(c, id);
    audit::record(
        c, a, "update",
        audit::Target{"dispatch_batch", std::to_string(id), ref.program_path, std::nullopt},
        core::to_json(*existing), core::to_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(batch_text);
    auto ref = stored_ref(c, *existing);
    Scope(a).check_program_write(ref);
    if (c.query_int("SELECT COUNT(*) FROM dispatch_assignments WHERE batch = ?", {id}) > 0)
        core::throw_conflict(
            {"该批次已有支教记录，不能删除", "the batch has assignments and cannot be deleted"});
    c.execute("DELETE FROM dispatch_batches WHERE id = ?", {id});
    audit::record(
        c, a, "delete",
        audit::Target{"dispatch_batch", std::to_string(id), ref.program_path, std::nullopt},
        core::to_json(*existing), nullptr);
    tx.commit();
}

}  // namespace bangfu::store::batches
