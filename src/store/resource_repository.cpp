#include "store/resource_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::resources {

namespace {
constexpr std::string_view from_sql =
    " FROM shared_resources sr JOIN institutions oi ON oi.id = sr.owner_institution"
    " JOIN regions oreg ON oreg.code = oi.region"
    " LEFT JOIN pairings pr ON pr.id = sr.pairing"
    " LEFT JOIN institutions ps ON ps.id = pr.supporter"
    " LEFT JOIN institutions prc ON prc.id = pr.recipient"
    " LEFT JOIN files f ON f.id = sr.file";
constexpr std::string_view select_sql =
    "SELECT sr.id, sr.owner_institution, oi.name, sr.pairing, ps.name, prc.name, sr.title, "
    "sr.kind, sr.subject, sr.stage, sr.description, sr.file, f.name, f.size, f.content_type, "
    "sr.download_count, sr.created_at, sr.updated_at, oreg.path";

const core::Text resource_text{"共享资源", "Shared resource"};
[[noreturn]] void no_file() {
    throw core::Error(core::ErrorKind::not_found,
                      {"该资源还没有上传文件", "This resource has no file yet"});
}

struct Loaded {
    core::SharedResource x;
    std::string owner_path;
};

Loaded from_row(const Row& row) {
    core::SharedResource x;
    x.id = row.integer(0);
    x.owner_institution = row.integer(1);
    x.owner_institution_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = row.text(4) + " → " + row.text(5);
    x.title = row.text(6);
    x.kind = row.text(7);
    x.subject = row.text(8);
    x.stage = row.text(9);
    x.description = row.text(10);
    x.file = row.opt_integer(11);
    x.file_name = row.text(12);
    x.file_size = row.integer(13);
    x.file_type = row.text(14);
    x.download_count = row.integer(15);
    x.created_at = row.text(16);
    x.updated_at = row.text(17);
    return {std::move(x), row.text(18)};
}

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE sr.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

std::optional<std::string> institution_path(Connection& c, std::int64_t id) {
    auto row = c.query_one(
        "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
        {id});
    if (!row) return std::nullopt;
    return row->text(0);
}

// May the actor share resources as (or on behalf of) this owner?
void merge(core::FieldErrors& into, const core::FieldErrors& from) {
    for (const auto& [k, v] : from)
        if (!into.contains(k)) into[k] = v;
}

// The owner must exist and, with a pairing, be that pairing's supporter. Returns the owner's
// region path (empty when the owner is invalid, with an error recorded).
std::string check_references(Connection& c, const core::Actor& a, const core::SharedResource& x,
                             core::FieldErrors& errors) {
    std::string path;
    if (!errors.contains("owner_institution")) {
        auto p = institution_path(c, x.owner_institution);
        if (!p)
            errors["owner_institution"] = {"共享单位不存在", "owner institution does not exist"};
        else
            path = *p;
    }
    if (x.pairing && !errors.contains("pairing")) {
        try {
            auto ref = load_pairing_ref(c, a, *x.pairing);
            if (!errors.contains("owner_institution") && ref.supporter != x.owner_institution)
                errors["pairing"] = {"所选结对关系的支援单位不是共享单位",
                                     "the chosen pairing's supporter is not the owner institution"};
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            merge(errors, e.fields());
        }
    }
    return path;
}

audit::Target target(std::int64_t id, const Loaded& l) {
    return {"shared_resource", std::to_string(id), l.owner_path, l.x.owner_institution};
}
}  // namespace

Page<core::SharedResource> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 9> known{
        "kind", "subject", "stage", "owner", "pairing", "year", "program", "institution", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).shared_resources(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "kind") w.add("sr.kind = ?", {choice_filter(k, v, core::dict::resource_kind)});
        if (k == "subject") w.add("sr.subject = ?", {choice_filter(k, v, core::dict::subject)});
        if (k == "stage") w.add("sr.stage = ?", {choice_filter(k, v, core::dict::stage)});
        if (k == "owner") w.add("sr.owner_institution = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("sr.pairing = ?", {parse_id_filter(k, v)});
        // year: shared in that calendar year; program: shared within its pairings; institution:
        // shared within its pairings or owned by it (what the yearly summary counts).
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("sr.created_at >= ? AND sr.created_at < ?",
                  {std::to_string(y) + "-01-01", std::to_string(y + 1) + "-01-01"});
        }
        if (k == "region") filter_pairing_column_region(c, w, v, "sr.pairing");
        if (k == "program")
            w.add("sr.pairing IN (SELECT fp.id FROM pairings fp WHERE fp.program = ?)",
                  {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add(
                "sr.pairing IN (SELECT fp.id FROM pairings fp WHERE fp.supporter = ? OR "
                "fp.recipient = ?) OR sr.owner_institution = ?",
                {id, id, id});
        }
    }
    if (!q.q.empty())
        w.add(
            "lower(sr.title) LIKE lower(?) ESCAPE '\\' OR lower(sr.description) LIKE lower(?) "
            "ESCAPE '\\'",
            {contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 5> sorts{
        SortField{"created_at", "sr.created_at"}, SortField{"title", "sr.title_key"},
        SortField{"download_count", "sr.download_count"}, SortField{"id", "sr.id"},
        SortField{"updated_at", "sr.updated_at"}};
    Page<core::SharedResource> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "shared_resources sr", w);
    for (const auto& row :
         c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                     order_by(q.sort, sorts, "-created_at", "sr.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

core::SharedResource get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("sr.id = ?", {id});
    Scope(a).shared_resources(w);
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(resource_text);
    return from_row(*row).x;
}

core::SharedResource create(Connection& c, const core::Actor& a, core::SharedResource x,
                            core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin()) refuse_read_only();
    merge(errors, core::validate(x));
    auto path = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_institution_write(x.owner_institution, path, "owner_institution");
    auto now = now_utc();
    auto id = c.query_int(
        "INSERT INTO shared_resources (owner_institution, pairing, title, title_key, kind, "
        "subject, stage, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?) RETURNING id",
        {x.owner_institution, nullable(x.pairing), x.title, core::collation_key(x.title), x.kind,
         x.subject, x.stage, x.description, now, now});
    auto created = find(c, id);
    audit::record(c, a, "create", target(id, *created), nullptr, core::to_json(created->x));
    tx.commit();
    return created->x;
}

core::SharedResource update(Connection& c, const core::Actor& a, std::int64_t id,
                            const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(resource_text);
    Scope(a).check_institution_write(existing->x.owner_institution, existing->owner_path,
                                     "owner_institution");
    core::SharedResource x = existing->x;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    merge(errors, core::validate(x));
    auto path = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    if (x.owner_institution != existing->x.owner_institution)
        Scope(a).check_institution_write(x.owner_institution, path, "owner_institution");
    c.execute(
        "UPDATE shared_resources SET owner_institution = ?, pairing = ?, title = ?, "
        "title_key = ?, kind = ?, subject = ?, stage = ?, description = ?, updated_at = ? "
        "WHERE id = ?",
        {x.owner_institution, nullable(x.pairing), x.title, core::collation_key(x.title), x.kind,
         x.subject, x.stage, x.description, now_utc(), id});
    auto updated = find(c, id);
    audit::record(c, a, "update", target(id, *updated), core::to_json(existing->x),
                  core::to_json(updated->x));
    tx.commit();
    return updated->x;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(resource_text);
    Scope(a).check_institution_write(existing->x.owner_institution, existing->owner_path,
                                     "owner_institution");
    // The row refers to its file, so it goes first.
    c.execute("DELETE FROM shared_resources WHERE id = ?", {id});
    files::remove_all(c, "resource", id);
    audit::record(c, a, "delete", target(id, *existing), core::to_json(existing->x), nullptr);
    tx.commit();
}

core::SharedResource attach_file(Connection& c, const core::Actor& a, std::int64_t id,
                                 std::string_view name, std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(resource_text);
    Scope(a).check_institution_write(existing->x.owner_institution, existing->owner_path,
                                     "owner_institution");
    auto t = target(id, *existing);
    auto info = files::store(c, a, core::FilePurpose::resource, "resource", id, name, content, t);
    c.execute("UPDATE shared_resources SET file = ?, updated_at = ? WHERE id = ?",
              {info.id, now_utc(), id});
    // A replaced file is deleted, not left behind unreachable.
    if (existing->x.file) files::remove(c, a, *existing->x.file, t);
    auto updated = find(c, id);
    tx.commit();
    return updated->x;
}

std::pair<files::FileInfo, std::string> download(Connection& c, const core::Actor& a,
                                                 std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto x = get(c, a, id);
    if (!x.file) no_file();
    auto info = files::find(c, *x.file);
    if (!info) no_file();
    c.execute("UPDATE shared_resources SET download_count = download_count + 1 WHERE id = ?", {id});
    auto content = files::content(c, *x.file);
    tx.commit();
    return {std::move(*info), std::move(content)};
}

}  // namespace bangfu::store::resources
