#include "store/institution_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/region_repository.hpp"
#include "store/scope.hpp"

namespace bangfu::store::institutions {

namespace {
constexpr std::string_view select_sql =
    "SELECT i.id, i.name, i.kind, i.locality, i.weak, i.region, r.name, i.address, i.latitude, "
    "i.longitude, i.student_count, i.staff_count, i.contact_name, i.contact_phone, i.archived, "
    "i.created_at, i.updated_at, r.path FROM institutions i JOIN regions r ON r.code = i.region";

struct Loaded {
    core::Institution x;
    std::string path;
};

Loaded from_row(const Row& row) {
    core::Institution x;
    x.id = row.integer(0);
    x.name = row.text(1);
    x.kind = row.text(2);
    x.locality = row.text(3);
    x.weak = row.boolean(4);
    x.region = row.text(5);
    x.region_name = row.text(6);
    x.address = row.text(7);
    x.latitude = row.opt_real(8);
    x.longitude = row.opt_real(9);
    x.student_count = row.integer(10);
    x.staff_count = row.integer(11);
    x.contact_name = row.text(12);
    x.contact_phone = row.text(13);
    x.archived = row.boolean(14);
    x.created_at = row.text(15);
    x.updated_at = row.text(16);
    return {std::move(x), row.text(17)};
}

const core::Text institution_text{"单位", "Institution"};

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE i.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// Institution admins may edit their own institution; bureau admins anything in their subtree.
void check_region(Connection& c, const core::Actor& a, const core::Institution& x,
                  core::FieldErrors& errors, std::string& path) {
    if (errors.contains("region") || x.region.empty()) return;
    auto region = regions::find(c, x.region);
    if (!region) {
        errors["region"] = {"行政区划 " + x.region + " 不存在",
                            "region " + x.region + " does not exist"};
        return;
    }
    path = region->path;
}

void check_name_free(Connection& c, const core::Institution& x) {
    if (c.query_int("SELECT COUNT(*) FROM institutions WHERE region = ? AND name = ? AND id <> ?",
                    {x.region, x.name, x.id}) > 0)
        core::throw_conflict(
            {"该区划下已有同名单位：" + x.name,
             "an institution with this name already exists in the region"},
            {{"name", {"同一区划下已有同名单位", "already exists in this region"}}});
}

Params write_params(const core::Institution& x) {
    auto opt = [](const std::optional<double>& d) { return nullable(d); };
    return {x.name,
            core::collation_key(x.name),
            x.kind,
            x.locality,
            std::int64_t{x.weak},
            x.region,
            x.address,
            opt(x.latitude),
            opt(x.longitude),
            x.student_count,
            x.staff_count,
            x.contact_name,
            x.contact_phone};
}
}  // namespace

Page<core::Institution> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 5> known{"region", "kind", "locality", "weak",
                                                           "archived"};
    check_known_filters(q, known);
    Where w;
    auto listing = listing_scope(c, Scope(a), "institutions", q);
    listing.scope.institutions(w);
    bool archived = false;
    for (const auto& [k, v] : q.filters) {
        if (k == "region") filter_region_rows(c, w, v, "i");
        if (k == "kind") w.add("i.kind = ?", {choice_filter(k, v, core::dict::institution_kind)});
        if (k == "locality") w.add("i.locality = ?", {choice_filter(k, v, core::dict::locality)});
        if (k == "weak") w.add("i.weak = ?", {std::int64_t{parse_bool_filter(k, v)}});
        if (k == "archived") archived = parse_bool_filter(k, v);
    }
    w.add("i.archived = ?", {std::int64_t{archived}});
    if (!q.q.empty())
        w.add(
            "lower(i.name) LIKE lower(?) ESCAPE '\\' OR lower(i.address) LIKE lower(?) ESCAPE '\\'",
            {contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 7> sorts{SortField{"name", "i.name_key"},
                                                    SortField{"id", "i.id"},
                                                    SortField{"kind", "i.kind"},
                                                    SortField{"region", "i.region"},
                                                    SortField{"student_count", "i.student_count"},
                                                    SortField{"staff_count", "i.staff_count"},
                                                    SortField{"updated_at", "i.updated_at"}};
    Page<core::Institution> page{{}, 0, q.page, q.page_size};
    if (auto n = unfiltered(q) ? listing.rows : std::nullopt)
        page.total = *n;
    else
        count_capped(c, page, "institutions i", w);
    for (const auto& row : c.query(std::string(select_sql) + w.sql() +
                                       order_by(q.sort, sorts, "name", "i.id") + limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

Page<core::Institution> directory(Connection& c, const core::Actor& a, const ListQuery& q) {
    if (!a.is_system() && a.role != core::Role::bureau_admin)
        core::throw_forbidden({"只有教育局管理员可以跨区域查找结对单位",
                               "Only bureau admins may look up institutions of other regions"});
    static constexpr std::array<std::string_view, 2> known{"id", "kind"};
    check_known_filters(q, known);
    Where w;
    w.add("i.archived = 0");
    for (const auto& [k, v] : q.filters) {
        if (k == "id") w.add("i.id = ?", {parse_id_filter(k, v)});
        if (k == "kind") w.add("i.kind = ?", {choice_filter(k, v, core::dict::institution_kind)});
    }
    if (!q.q.empty()) w.add("lower(i.name) LIKE lower(?) ESCAPE '\\'", {contains_pattern(q.q)});
    Page<core::Institution> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "institutions i", w);
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() + " ORDER BY i.name_key, i.id" + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

core::Institution get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("i.id = ?", {id});
    Scope(a).institutions(w);
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(institution_text);
    return from_row(*row).x;
}

core::Institution create(Connection& c, const core::Actor& a, core::Institution x,
                         core::FieldErrors errors, bool in_transaction) {
    std::optional<Transaction> tx;
    if (!in_transaction) tx.emplace(c, Transaction::write);
    if (!a.is_system() && a.role != core::Role::bureau_admin) {
        if (a.may_write_registry())
            core::throw_forbidden(
                {"只有教育局管理员可以新增单位", "Only bureau admins may add institutions"});
        refuse_read_only();
    }
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    std::string path;
    check_region(c, a, x, errors, path);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    if (!Scope(a).holds(path)) refuse_out_of_scope("region");
    x.id = 0;
    check_name_free(c, x);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO institutions (name, name_key, kind, locality, weak, region, address, "
        "latitude, "
        "longitude, student_count, staff_count, contact_name, contact_phone, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create", {"institution", std::to_string(x.id), path, x.id}, nullptr,
                  core::to_json(created->x));
    if (tx) tx->commit();
    return created->x;
}

core::Institution update(Connection& c, const core::Actor& a, std::int64_t id,
                         const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(institution_text);
    Scope(a).check_institution_write(existing->x.id, existing->path);
    core::Institution x = existing->x;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    read_archived(patch, x.archived, errors);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    std::string path = existing->path;
    check_region(c, a, x, errors, path);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    if (x.archived != existing->x.archived && a.role == core::Role::institution_admin)
        core::throw_forbidden({"单位管理员不能归档或恢复本单位",
                               "Institution admins cannot archive or restore their institution"});
    if (x.region != existing->x.region) {
        // Moving an institution moves it between scopes: allowed only within the actor's subtree.
        if (a.role == core::Role::institution_admin)
            core::throw_forbidden(
                {"单位管理员不能变更所属区划", "Institution admins cannot move their institution"});
        if (!Scope(a).holds(path)) refuse_out_of_scope("region");
    }
    check_name_free(c, x);
    Params p = write_params(x);
    p.push_back(std::int64_t{x.archived});
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE institutions SET name = ?, name_key = ?, kind = ?, locality = ?, weak = ?, "
        "region = ?, address = ?, latitude = ?, longitude = ?, student_count = ?, staff_count = ?, "
        "contact_name = ?, contact_phone = ?, archived = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", {"institution", std::to_string(id), path, id},
                  core::to_json(existing->x), core::to_json(updated->x));
    tx.commit();
    return updated->x;
}

Removal remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(institution_text);
    Scope(a).check_institution_write(existing->x.id, existing->path);
    if (a.role == core::Role::institution_admin)
        core::throw_forbidden(
            {"单位管理员不能删除本单位", "Institution admins cannot delete their institution"});
    // Staff, accounts and any pairing work, dispatch, beneficiary or aid case naming the
    // institution keep it (archived).
    auto refs = c.query_int(
        "SELECT (SELECT COUNT(*) FROM staff WHERE institution = ?) + "
        "(SELECT COUNT(*) FROM users WHERE institution = ?) + "
        "(SELECT COUNT(*) FROM pairings WHERE supporter = ? OR recipient = ?) + "
        "(SELECT COUNT(*) FROM activities WHERE host_institution = ? OR visiting_institution = "
        "?) + "
        "(SELECT COUNT(*) FROM donations WHERE donor_institution = ? OR recipient_institution = "
        "?) + "
        "(SELECT COUNT(*) FROM tasks WHERE owner_institution = ?) + "
        "(SELECT COUNT(*) FROM shared_resources WHERE owner_institution = ?) + "
        "(SELECT COUNT(*) FROM dispatch_assignments WHERE sending_institution = ? OR "
        "recipient_institution = ?) + "
        "(SELECT COUNT(*) FROM attachment_studies WHERE home_institution = ? OR host_institution "
        "= ?) + "
        "(SELECT COUNT(*) FROM beneficiaries WHERE institution = ?) + "
        "(SELECT COUNT(*) FROM aid_cases WHERE helper_institution = ?) + "
        "(SELECT COUNT(*) FROM inbound_cohorts WHERE host_institution = ?) + "
        "(SELECT COUNT(*) FROM school_conditions WHERE institution = ?)",
        {id, id, id, id, id, id, id, id, id, id, id, id, id, id, id, id, id, id});
    audit::Target target{"institution", std::to_string(id), existing->path, id};
    Removal result;
    if (refs > 0) {
        c.execute("UPDATE institutions SET archived = 1, updated_at = ? WHERE id = ?",
                  {now_utc(), id});
        core::Institution after = existing->x;
        after.archived = true;
        audit::record(c, a, "archive", target, core::to_json(existing->x), core::to_json(after));
        result = Removal::archived;
    } else {
        c.execute("DELETE FROM institutions WHERE id = ?", {id});
        audit::record(c, a, "delete", target, core::to_json(existing->x), nullptr);
        result = Removal::deleted;
    }
    tx.commit();
    return result;
}

std::optional<std::int64_t> find_id_by_name(Connection& c, const core::Actor& a,
                                            const std::string& name) {
    Where w;
    w.add("i.name = ?", {name});
    w.add("i.archived = 0");
    Scope(a).institutions(w);
    auto rows = c.query("SELECT i.id FROM institutions i JOIN regions r ON r.code = i.region" +
                            w.sql() + " LIMIT 2",
                        w.params());
    if (rows.size() != 1) return std::nullopt;
    return rows.front().integer(0);
}

}  // namespace bangfu::store::institutions
