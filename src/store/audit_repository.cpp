#include "store/audit_repository.hpp"

#include <array>

#include "store/clock.hpp"
#include "store/group_commit.hpp"
#include "store/list_total.hpp"
#include "store/scope.hpp"

namespace bangfu::store::audit {

namespace {

GroupCommit::Statement insert_statement(const core::Actor& actor, std::string_view action,
                                        const Target& t, const boost::json::value& before,
                                        const boost::json::value& after) {
    auto text = [](const boost::json::value& v) -> Param {
        if (v.is_null()) return nullptr;
        return boost::json::serialize(v);
    };
    return {
        "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, scope_path, "
        "institution, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {now_utc(), actor.user_id ? Param{actor.user_id} : Param{nullptr}, actor.username,
         std::string(action), t.entity, t.entity_id, t.scope_path, nullable(t.institution),
         text(before), text(after)}};
}

}  // namespace

void record(Connection& c, const core::Actor& actor, std::string_view action, const Target& t,
            const boost::json::value& before, const boost::json::value& after) {
    auto s = insert_statement(actor, action, t, before, after);
    c.execute(s.sql, s.params);
}

void record_read(Connection& c, const core::Actor& actor, const Target& t,
                 const boost::json::value& after) {
    auto s = insert_statement(actor, "read_personal", t, nullptr, after);
    if (c.in_transaction() || !c.group_commit())
        c.execute(s.sql, s.params);
    else
        c.group_commit()->execute(c, std::move(s));
}

boost::json::object to_json(const Entry& e) {
    boost::json::object o;
    o["id"] = e.id;
    o["at"] = e.at;
    o["user"] = e.user ? boost::json::value(*e.user) : boost::json::value(nullptr);
    o["username"] = e.username;
    o["action"] = e.action;
    o["entity"] = e.entity;
    o["entity_id"] = e.entity_id;
    auto parse = [](const std::optional<std::string>& s) {
        return s ? boost::json::parse(*s) : boost::json::value(nullptr);
    };
    o["before"] = parse(e.before);
    o["after"] = parse(e.after);
    return o;
}

Page<Entry> list(Connection& c, const core::Actor& actor, const ListQuery& q) {
    if (!actor.is_admin())
        core::throw_forbidden({"只有管理员可以查看审计日志", "Only admins may read the audit log"});
    static constexpr std::array<std::string_view, 4> known{"entity", "entity_id", "user", "action"};
    check_known_filters(q, known);
    Where w;
    Scope(actor).audit(w);
    for (const auto& [k, v] : q.filters) {
        if (k == "entity") w.add("a.entity = ?", {v});
        if (k == "entity_id") w.add("a.entity_id = ?", {v});
        if (k == "action") w.add("a.action = ?", {v});
        if (k == "user") w.add("a.user_id = ?", {parse_id_filter(k, v)});
    }
    if (!q.q.empty())
        w.add("(lower(a.username) LIKE lower(?) ESCAPE '\\' OR a.entity_id = ?)",
              {contains_pattern(q.q), q.q});
    static constexpr std::array<SortField, 2> sorts{SortField{"at", "a.at"},
                                                    SortField{"id", "a.id"}};
    Page<Entry> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "audit_log a", w);
    auto rows = c.query(
        "SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.before_json, "
        "a.after_json FROM audit_log a" +
            w.sql() + order_by(q.sort, sorts, "-id", "a.id DESC") + limit_offset(q),
        w.params());
    for (const auto& r : rows)
        page.items.push_back({r.integer(0), r.text(1), r.opt_integer(2), r.text(3), r.text(4),
                              r.text(5), r.text(6), r.opt_text(7), r.opt_text(8)});
    return page;
}

}  // namespace bangfu::store::audit
