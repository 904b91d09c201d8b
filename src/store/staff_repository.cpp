#include "store/staff_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"

namespace bangfu::store::staff {

namespace {
constexpr std::string_view from_sql =
    " FROM staff s JOIN institutions i ON i.id = s.institution JOIN regions r ON r.code = i.region";
constexpr std::string_view select_sql =
    "SELECT s.id, s.name, s.gender, s.institution, i.name, s.role, s.subjects, s.title, "
    "s.backbone, s.years_teaching, s.birth_date, s.health, s.phone, s.archived, s.created_at, "
    "s.updated_at, r.path";

const core::Text staff_text{"教职工", "Staff member"};

// Subjects are stored as ",math,physics," so one LIKE finds a subject on both engines.
std::string encode_subjects(const std::vector<std::string>& subjects) {
    if (subjects.empty()) return "";
    std::string out = ",";
    for (const auto& s : subjects) out += s + ",";
    return out;
}
std::vector<std::string> decode_subjects(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

struct Loaded {
    core::Staff x;
    std::string path;
};

Loaded from_row(const Row& row) {
    core::Staff x;
    x.id = row.integer(0);
    x.name = row.text(1);
    x.gender = row.text(2);
    x.institution = row.integer(3);
    x.institution_name = row.text(4);
    x.role = row.text(5);
    x.subjects = decode_subjects(row.text(6));
    x.title = row.text(7);
    x.backbone = row.text(8);
    x.years_teaching = row.integer(9);
    x.birth_date = row.opt_text(10);
    x.health = row.text(11);
    x.phone = row.text(12);
    x.archived = row.boolean(13);
    x.created_at = row.text(14);
    x.updated_at = row.text(15);
    return {std::move(x), row.text(16)};
}

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE s.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The region path of an institution, or nullopt when it does not exist.
std::optional<std::string> institution_path(Connection& c, std::int64_t institution) {
    auto row = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {institution});
    if (!row) return std::nullopt;
    return row->text(0);
}

Params write_params(const core::Staff& x) {
    return {x.name,           core::collation_key(x.name), x.gender, x.institution,
            x.role,           encode_subjects(x.subjects), x.title,  x.backbone,
            x.years_teaching, nullable(x.birth_date),      x.health, x.phone};
}

boost::json::object audit_json(const core::Staff& x) {
    return core::to_json(x, false);
}
}  // namespace

Page<core::Staff> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 8> known{
        "institution", "region", "role", "subject", "title", "backbone", "gender", "archived"};
    check_known_filters(q, known);
    Where w;
    auto listing = listing_scope(c, Scope(a), "staff", q);
    listing.scope.staff(w);
    bool archived = false;
    for (const auto& [k, v] : q.filters) {
        if (k == "institution") w.add("s.institution = ?", {parse_id_filter(k, v)});
        if (k == "region") filter_region_rows(c, w, v, "s");
        if (k == "role") w.add("s.role = ?", {choice_filter(k, v, core::dict::staff_role)});
        if (k == "subject")
            w.add("s.subjects LIKE ?", {"%," + choice_filter(k, v, core::dict::subject) + ",%"});
        if (k == "title") w.add("s.title = ?", {choice_filter(k, v, core::dict::title)});
        if (k == "backbone") w.add("s.backbone = ?", {choice_filter(k, v, core::dict::backbone)});
        if (k == "gender") w.add("s.gender = ?", {choice_filter(k, v, core::dict::gender)});
        if (k == "archived") archived = parse_bool_filter(k, v);
    }
    w.add("s.archived = ?", {std::int64_t{archived}});
    if (!q.q.empty())
        w.add(
            "lower(s.name) LIKE lower(?) ESCAPE '\\' OR s.institution IN (SELECT si.id FROM "
            "institutions si WHERE lower(si.name) LIKE lower(?) ESCAPE '\\')",
            {contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 6> sorts{
        SortField{"name", "s.name_key"},        SortField{"id", "s.id"},
        SortField{"institution", "i.name_key"}, SortField{"years_teaching", "s.years_teaching"},
        SortField{"title", "s.title"},          SortField{"updated_at", "s.updated_at"}};
    Page<core::Staff> page{{}, 0, q.page, q.page_size};
    // Every condition names staff columns only, so the count needs no join.
    if (auto n = unfiltered(q) ? listing.rows : std::nullopt)
        page.total = *n;
    else
        count_capped(c, page, "staff s", w);
    for (const auto& row : c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                                       order_by(q.sort, sorts, "name", "s.id") + limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

core::Staff get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("s.id = ?", {id});
    Scope(a).staff(w);
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(staff_text);
    return from_row(*row).x;
}

bool may_see_personal(const core::Actor& a, const core::Staff& s) {
    return a.is_admin() || (a.staff && *a.staff == s.id);
}

void audit_personal_read(Connection& c, const core::Actor& a, const core::Staff& s) {
    if (a.staff && *a.staff == s.id) return;
    auto path = institution_path(c, s.institution).value_or("");
    audit::record_read(c, a, {"staff", std::to_string(s.id), path, s.institution},
                       boost::json::object{{"fields", boost::json::array{"phone"}}});
}

core::Staff create(Connection& c, const core::Actor& a, core::Staff x, core::FieldErrors errors,
                   bool in_transaction) {
    std::optional<Transaction> tx;
    if (!in_transaction) tx.emplace(c, Transaction::write);
    if (!a.may_write_registry()) refuse_read_only();
    for (auto& [k, v] : core::validate(x, today_china()))
        if (!errors.contains(k)) errors[k] = v;
    std::optional<std::string> path;
    if (!errors.contains("institution")) {
        path = institution_path(c, x.institution);
        if (!path) errors["institution"] = {"所在单位不存在", "the institution does not exist"};
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_institution_write(x.institution, *path, "institution");
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO staff (name, name_key, gender, institution, role, subjects, title, backbone, "
        "years_teaching, birth_date, health, phone, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create", {"staff", std::to_string(x.id), *path, x.institution}, nullptr,
                  audit_json(created->x));
    if (tx) tx->commit();
    return created->x;
}

core::Staff update(Connection& c, const core::Actor& a, std::int64_t id,
                   const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(staff_text);
    Scope(a).check_institution_write(existing->x.institution, existing->path, "institution");
    core::Staff x = existing->x;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    read_archived(patch, x.archived, errors);
    for (auto& [k, v] : core::validate(x, today_china()))
        if (!errors.contains(k)) errors[k] = v;
    std::string path = existing->path;
    if (!errors.contains("institution") && x.institution != existing->x.institution) {
        auto p = institution_path(c, x.institution);
        if (!p)
            errors["institution"] = {"所在单位不存在", "the institution does not exist"};
        else
            path = *p;
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    if (x.institution != existing->x.institution)
        Scope(a).check_institution_write(x.institution, path, "institution");
    Params p = write_params(x);
    p.push_back(std::int64_t{x.archived});
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE staff SET name = ?, name_key = ?, gender = ?, institution = ?, role = ?, "
        "subjects = ?, title = ?, backbone = ?, years_teaching = ?, birth_date = ?, health = ?, "
        "phone = ?, archived = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", {"staff", std::to_string(id), path, x.institution},
                  audit_json(existing->x), audit_json(updated->x));
    tx.commit();
    return updated->x;
}

Removal remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(staff_text);
    Scope(a).check_institution_write(existing->x.institution, existing->path, "institution");
    audit::Target target{"staff", std::to_string(id), existing->path, existing->x.institution};
    Removal result;
    // Anything recorded about the person (an account, a leading-group seat, a class taught, a
    // visit, a donation, a task, a dispatch or attachment study, an aid case they help in) keeps
    // the record: archived, not deleted, so history stays whole.
    if (c.query_int("SELECT (SELECT COUNT(*) FROM users WHERE staff = ?) + "
                    "(SELECT COUNT(*) FROM leading_group_members WHERE staff = ?) + "
                    "(SELECT COUNT(*) FROM activities WHERE teacher = ?) + "
                    "(SELECT COUNT(*) FROM activity_participants WHERE staff = ?) + "
                    "(SELECT COUNT(*) FROM donations WHERE donor_staff = ?) + "
                    "(SELECT COUNT(*) FROM tasks WHERE owner_staff = ?) + "
                    "(SELECT COUNT(*) FROM dispatch_assignments WHERE staff = ?) + "
                    "(SELECT COUNT(*) FROM attachment_studies WHERE staff = ?) + "
                    "(SELECT COUNT(*) FROM aid_cases WHERE helper_staff = ?)",
                    {id, id, id, id, id, id, id, id, id}) > 0) {
        c.execute("UPDATE staff SET archived = 1, updated_at = ? WHERE id = ?", {now_utc(), id});
        core::Staff after = existing->x;
        after.archived = true;
        audit::record(c, a, "archive", target, audit_json(existing->x), audit_json(after));
        result = Removal::archived;
    } else {
        c.execute("DELETE FROM staff WHERE id = ?", {id});
        audit::record(c, a, "delete", target, audit_json(existing->x), nullptr);
        result = Removal::deleted;
    }
    tx.commit();
    return result;
}

}  // namespace bangfu::store::staff
