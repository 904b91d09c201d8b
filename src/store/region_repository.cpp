#include "store/region_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/scope.hpp"

namespace bangfu::store::regions {

namespace {
constexpr std::string_view columns =
    "r.code, r.name, r.level, r.parent, r.path, r.latitude, r.longitude";

core::Region from_row(const Row& row) {
    return {row.text(0), row.text(1),     row.text(2),    row.opt_text(3),
            row.text(4), row.opt_real(5), row.opt_real(6)};
}

const core::Text region_text{"行政区划", "Region"};

}  // namespace

std::optional<core::Region> find(Connection& c, const std::string& code) {
    auto row =
        c.query_one("SELECT " + std::string(columns) + " FROM regions r WHERE r.code = ?", {code});
    if (!row) return std::nullopt;
    return from_row(*row);
}

Page<core::Region> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 2> known{"parent", "level"};
    check_known_filters(q, known);
    Where w;
    Scope(a).regions(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "parent") w.add("r.parent = ?", {v});
        if (k == "level") w.add("r.level = ?", {choice_filter(k, v, core::dict::region_level)});
    }
    if (!q.q.empty())
        w.add("lower(r.name) LIKE lower(?) ESCAPE '\\' OR r.code LIKE ? ESCAPE '\\'",
              {contains_pattern(q.q), contains_pattern(q.q)});
    static constexpr std::array<SortField, 3> sorts{SortField{"code", "r.code"},
                                                    SortField{"name", "r.name_key"},
                                                    SortField{"level", "r.level"}};
    Page<core::Region> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "regions r", w);
    for (const auto& row : c.query("SELECT " + std::string(columns) + " FROM regions r" + w.sql() +
                                       order_by(q.sort, sorts, "code", "r.code") + limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row));
    return page;
}

std::vector<core::Region> all_in_scope(Connection& c, const core::Actor& a) {
    Where w;
    Scope(a).regions(w);
    std::vector<core::Region> out;
    for (const auto& row : c.query(
             "SELECT " + std::string(columns) + " FROM regions r" + w.sql() + " ORDER BY r.path",
             w.params()))
        out.push_back(from_row(row));
    return out;
}

core::Region get(Connection& c, const core::Actor& a, const std::string& code) {
    Where w;
    w.add("r.code = ?", {code});
    Scope(a).regions(w);
    auto row =
        c.query_one("SELECT " + std::string(columns) + " FROM regions r" + w.sql(), w.params());
    if (!row) core::throw_not_found(region_text);
    return from_row(*row);
}

core::Region create(Connection& c, const core::Actor& a, core::Region r, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    std::optional<core::Region> parent;
    if (r.parent) {
        parent = find(c, *r.parent);
        if (!parent && !errors.contains("parent"))
            errors["parent"] = {"上级区划 " + *r.parent + " 不存在",
                                "parent region " + *r.parent + " does not exist"};
    }
    for (auto& [k, v] : core::validate(r, parent))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    r.path = (parent ? parent->path : std::string("/")) + r.code + "/";
    Scope(a).check_region_write(r.path);
    if (find(c, r.code))
        core::throw_conflict(
            {"行政区划代码 " + r.code + " 已存在", "region code " + r.code + " already exists"},
            {{"code", {"已存在", "already exists"}}});
    auto now = now_utc();
    c.execute(
        "INSERT INTO regions (code, name, name_key, level, parent, path, latitude, longitude, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {r.code, r.name, core::collation_key(r.name), r.level, nullable(r.parent), r.path,
         nullable(r.latitude), nullable(r.longitude), now, now});
    audit::record(c, a, "create", {"region", r.code, r.path, std::nullopt}, nullptr,
                  core::to_json(r));
    tx.commit();
    return r;
}

core::Region update(Connection& c, const core::Actor& a, const std::string& code,
                    const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, code);
    if (!existing) core::throw_not_found(region_text);
    Scope(a).check_region_write(existing->path);
    core::Region r = *existing;
    core::FieldErrors errors;
    core::read_json(r, patch, errors);
    // The code, level and parent define the tree and every scope below it: they do not change.
    if (r.code != existing->code)
        errors["code"] = {"行政区划代码不能修改", "the code cannot change"};
    if (r.level != existing->level) errors["level"] = {"级别不能修改", "the level cannot change"};
    if (r.parent != existing->parent)
        errors["parent"] = {"上级区划不能修改", "the parent cannot change"};
    std::optional<core::Region> parent = r.parent ? find(c, *r.parent) : std::nullopt;
    for (auto& [k, v] : core::validate(r, parent))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    c.execute(
        "UPDATE regions SET name = ?, name_key = ?, latitude = ?, longitude = ?, updated_at = ? "
        "WHERE code = ?",
        {r.name, core::collation_key(r.name), nullable(r.latitude), nullable(r.longitude),
         now_utc(), code});
    audit::record(c, a, "update", {"region", code, r.path, std::nullopt}, core::to_json(*existing),
                  core::to_json(r));
    tx.commit();
    return r;
}

void remove(Connection& c, const core::Actor& a, const std::string& code) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, code);
    if (!existing) core::throw_not_found(region_text);
    Scope(a).check_region_write(existing->path);
    auto children = c.query_int("SELECT COUNT(*) FROM regions WHERE parent = ?", {code});
    auto institutions = c.query_int("SELECT COUNT(*) FROM institutions WHERE region = ?", {code});
    auto users = c.query_int("SELECT COUNT(*) FROM users WHERE region = ?", {code});
    // Programs the region runs and students who come from it (inbound cohorts) name it too.
    auto work = c.query_int(
        "SELECT (SELECT COUNT(*) FROM programs WHERE region = ?) + "
        "(SELECT COUNT(*) FROM inbound_cohorts WHERE origin_region = ?)",
        {code, code});
    if (children + institutions + users + work > 0)
        core::throw_conflict(
            {"该区划下还有 " + std::to_string(children) + " 个下级区划、" +
                 std::to_string(institutions) + " 个单位、" + std::to_string(users) + " 个用户、" +
                 std::to_string(work) + " 条帮扶项目或异地就读记录，不能删除",
             "the region still has " + std::to_string(children) + " sub-regions, " +
                 std::to_string(institutions) + " institutions, " + std::to_string(users) +
                 " users and " + std::to_string(work) + " programs or inbound student records"});
    c.execute("DELETE FROM regions WHERE code = ?", {code});
    audit::record(c, a, "delete", {"region", code, existing->path, std::nullopt},
                  core::to_json(*existing), nullptr);
    tx.commit();
}

}  // namespace bangfu::store::regions
