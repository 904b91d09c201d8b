#include "store/program_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/region_repository.hpp"
#include "store/scope.hpp"

namespace bangfu::store::programs {

namespace {
constexpr std::string_view select_sql =
    "SELECT p.id, p.name, p.kind, p.region, r.name, p.start_date, p.end_date, p.goals, p.office, "
    "p.status, p.archived, p.created_at, p.updated_at, r.path FROM programs p "
    "JOIN regions r ON r.code = p.region";

struct Loaded {
    core::Program x;
    std::string path;
};

Loaded from_row(const Row& row) {
    core::Program x;
    x.id = row.integer(0);
    x.name = row.text(1);
    x.kind = row.text(2);
    x.region = row.text(3);
    x.region_name = row.text(4);
    x.start_date = row.text(5);
    x.end_date = row.opt_text(6);
    x.goals = row.text(7);
    x.office = row.text(8);
    x.status = row.text(9);
    x.archived = row.boolean(10);
    x.created_at = row.text(11);
    x.updated_at = row.text(12);
    return {std::move(x), row.text(13)};
}

const core::Text program_text{"帮扶项目", "Program"};

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE p.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The region of the program must exist; its path decides who may write.
void check_region(Connection& c, const core::Program& x, core::FieldErrors& errors,
                  std::string& path) {
    if (errors.contains("region") || x.region.empty()) return;
    auto region = regions::find(c, x.region);
    if (!region) {
        errors["region"] = {"行政区划 " + x.region + " 不存在",
                            "region " + x.region + " does not exist"};
        return;
    }
    path = region->path;
}

// A program owned by a region at `path`, as check_program_write sees it. A bureau admin may own
// programs only in their subtree: the refusal names `region` so the form shows it there.
void check_owner(const core::Actor& a, const std::string& path) {
    WorkRef ref;
    ref.program_path = path;
    if (!a.is_system() && a.role == core::Role::bureau_admin && !path.starts_with(a.scope_path))
        refuse_out_of_scope("region");
    Scope(a).check_program_write(ref);
}

Params write_params(const core::Program& x) {
    return {x.name,       core::collation_key(x.name), x.kind,  x.region,
            x.start_date, nullable(x.end_date),        x.goals, x.office,
            x.status};
}

audit::Target target(std::int64_t id, const std::string& path) {
    return {"program", std::to_string(id), path, std::nullopt};
}

WorkRef ref_of(const Loaded& l) {
    WorkRef ref;
    ref.program = l.x.id;
    ref.program_region = l.x.region;
    ref.program_path = l.path;
    return ref;
}
}  // namespace

Page<core::Program> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 6> known{"region", "kind",     "status",
                                                           "year",   "archived", "institution"};
    check_known_filters(q, known);
    Where w;
    Scope(a).programs(w);
    bool archived = false;
    for (const auto& [k, v] : q.filters) {
        // The programs a bureau of the region reads: run by its subtree, or with a pairing in
        // it (store/region_filter.hpp: what its yearly summary counts).
        if (k == "region") filter_program_region(c, w, v);
        if (k == "kind") w.add("p.kind = ?", {choice_filter(k, v, core::dict::program_kind)});
        // year: running at some time in it; institution: with a pairing of it (the programs a
        // yearly summary counts).
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?)",
                  {std::to_string(y) + "-12-31", std::to_string(y) + "-01-01"});
        }
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add(
                "p.id IN (SELECT fp.program FROM pairings fp WHERE fp.supporter = ? OR "
                "fp.recipient = ?)",
                {id, id});
        }
        if (k == "status") w.add("p.status = ?", {choice_filter(k, v, core::dict::program_status)});
        if (k == "archived") archived = parse_bool_filter(k, v);
    }
    w.add("p.archived = ?", {std::int64_t{archived}});
    if (!q.q.empty()) w.add("lower(p.name) LIKE lower(?) ESCAPE '\\'", {contains_pattern(q.q)});
    static constexpr std::array<SortField, 4> sorts{
        SortField{"name", "p.name_key"}, SortField{"start_date", "p.start_date"},
        SortField{"id", "p.id"}, SortField{"updated_at", "p.updated_at"}};
    Page<core::Program> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "programs p", w);
    for (const auto& row : c.query(std::string(select_sql) + w.sql() +
                                       order_by(q.sort, sorts, "name", "p.id") + limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

core::Program get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("p.id = ?", {id});
    Scope(a).programs(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(program_text);
    core::Program x = from_row(*row).x;
    // Counted over the pairings the actor may read, so a school sees its own pairings only.
    Where pw;
    pw.add("pr.program = ?", {id});
    Scope(a).pairings(pw);
    auto counts = c.query_one(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN pr.status = 'active' THEN 1 ELSE 0 END), 0) "
        "FROM pairings pr" +
            pw.sql(),
        pw.params());
    x.pairing_count = counts ? counts->integer(0) : 0;
    x.active_pairing_count = counts ? counts->integer(1) : 0;
    return x;
}

core::Program create(Connection& c, const core::Actor& a, core::Program x,
                     core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_system() && a.role != core::Role::bureau_admin)
        Scope(a).check_program_write(WorkRef{});
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    std::string path;
    check_region(c, x, errors, path);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_owner(a, path);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO programs (name, name_key, kind, region, start_date, end_date, goals, office, "
        "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create", target(x.id, path), nullptr, core::to_json(created->x));
    tx.commit();
    return created->x;
}

core::Program update(Connection& c, const core::Actor& a, std::int64_t id,
                     const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(program_text);
    Scope(a).check_program_write(ref_of(*existing));
    core::Program x = existing->x;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    read_archived(patch, x.archived, errors);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    std::string path = existing->path;
    check_region(c, x, errors, path);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    // Moving the program to another owner: the new owner must be in the actor's subtree too.
    if (x.region != existing->x.region) check_owner(a, path);
    Params p = write_params(x);
    p.push_back(std::int64_t{x.archived});
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE programs SET name = ?, name_key = ?, kind = ?, region = ?, start_date = ?, "
        "end_date = ?, goals = ?, office = ?, status = ?, archived = ?, updated_at = ? "
        "WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", target(id, path), core::to_json(existing->x),
                  core::to_json(updated->x));
    tx.commit();
    return updated->x;
}

Removal remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(program_text);
    Scope(a).check_program_write(ref_of(*existing));
    std::int64_t refs = 0;
    // Its dispatch policy and subsidy items go with it (ON DELETE CASCADE); recorded work keeps
    // it archived.
    for (std::string_view table :
         {"pairings", "plans", "activities", "donations", "inspections", "leading_group_members",
          "policy_documents", "dispatch_batches", "dispatch_assignments", "attachment_studies",
          "aid_cases", "inbound_cohorts"})
        refs +=
            c.query_int("SELECT COUNT(*) FROM " + std::string(table) + " WHERE program = ?", {id});
    Removal result;
    if (refs > 0) {
        c.execute("UPDATE programs SET archived = 1, updated_at = ? WHERE id = ?", {now_utc(), id});
        core::Program after = existing->x;
        after.archived = true;
        audit::record(c, a, "archive", target(id, existing->path), core::to_json(existing->x),
                      core::to_json(after));
        result = Removal::archived;
    } else {
        c.execute("DELETE FROM programs WHERE id = ?", {id});
        audit::record(c, a, "delete", target(id, existing->path), core::to_json(existing->x),
                      nullptr);
        result = Removal::deleted;
    }
    tx.commit();
    return result;
}

WorkRef readable_program(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("p.id = ?", {id});
    Scope(a).programs(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(program_text);
    return ref_of(from_row(*row));
}

WorkRef writable_program(Connection& c, const core::Actor& a, std::int64_t id) {
    // Like update(): a program that exists but lies outside the actor's scope is a 403, not 404.
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(program_text);
    WorkRef ref = ref_of(*existing);
    Scope(a).check_program_write(ref);
    return ref;
}

}  // namespace bangfu::store::programs
