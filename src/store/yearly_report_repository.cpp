#include "store/yearly_report_repository.hpp"

#include "core/pairing_work_summary.hpp"
#include "store/audit_repository.hpp"
#include "store/balance_report_facts.hpp"
#include "store/clock.hpp"
#include "store/dispatch_facts.hpp"
#include "store/pairing_work_facts.hpp"
#include "store/people_helped_facts.hpp"
#include "store/scope.hpp"

namespace bangfu::store::reports {

namespace {
using core::report::Report;
using core::report::Scope;
using core::report::WrittenParts;

// Longest written part and unlock reason accepted (characters are counted as UTF-8 bytes, so a
// Chinese text may hold a third of it): refused with a clear message, never cut short.
constexpr std::size_t max_written_bytes = 60000;
constexpr std::size_t max_reason_bytes = 6000;

struct Record {
    std::int64_t id = 0;
    WrittenParts written;
    bool locked = false;
    std::string locked_at;
    std::string frozen_json;
};

std::optional<Record> find_record(Connection& c, const Scope& s, int year) {
    auto row = c.query_one(
        "SELECT id, feelings, shortcomings, next_steps, locked, locked_at, frozen_json FROM "
        "yearly_reports WHERE scope_kind = ? AND scope_id = ? AND year = ?",
        {s.kind, s.id, std::int64_t{year}});
    if (!row) return std::nullopt;
    return Record{row->integer(0),
                  {row->text(1), row->text(2), row->text(3)},
                  row->boolean(4),
                  row->text(5),
                  row->text(6)};
}

// The record, created empty on first write.
Record ensure_record(Connection& c, const ResolvedScope& s, int year) {
    if (auto r = find_record(c, s.scope, year)) return *r;
    auto now = now_utc();
    std::optional<std::int64_t> institution;
    if (s.scope.kind == "institution") institution = s.numeric_id;
    c.execute(
        "INSERT INTO yearly_reports (scope_kind, scope_id, year, scope_path, institution, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {s.scope.kind, s.scope.id, std::int64_t{year}, s.path, nullable(institution), now, now});
    return *find_record(c, s.scope, year);
}

audit::Target target(const std::string& entity, std::int64_t id, const ResolvedScope& s) {
    audit::Target t{entity, std::to_string(id), s.path, std::nullopt};
    if (s.scope.kind == "institution") t.institution = s.numeric_id;
    return t;
}

boost::json::object written_json(const WrittenParts& w) {
    return {
        {"feelings", w.feelings}, {"shortcomings", w.shortcomings}, {"next_steps", w.next_steps}};
}

bool bureau_over(const core::Actor& a, const ResolvedScope& s) {
    if (a.is_system()) return true;
    return a.role == core::Role::bureau_admin && store::Scope(a).holds(s.path);
}

void check_may_lock(const core::Actor& a, const ResolvedScope& s) {
    if (bureau_over(a, s)) return;
    if (a.role == core::Role::bureau_admin) refuse_out_of_scope("scope");
    if (a.role == core::Role::institution_admin)
        core::throw_forbidden({"只有主管教育局可以锁定或解锁年度报告；单位可以申请解锁",
                               "Only the bureau may lock or unlock a yearly report; an "
                               "institution may request an unlock"});
    refuse_read_only();
}

void check_may_write(const core::Actor& a, const ResolvedScope& s) {
    if (bureau_over(a, s)) return;
    if (a.role == core::Role::institution_admin && s.scope.kind == "institution" &&
        a.institution == s.numeric_id)
        return;
    if (a.role == core::Role::bureau_admin) refuse_out_of_scope("scope");
    if (a.role == core::Role::institution_admin)
        core::throw_forbidden({"只有主管教育局可以编写该范围的年度总结",
                               "Only the bureau may write the summary of this scope"});
    refuse_read_only();
}

// The scope of a write: one the actor may not read is refused (403, on `scope`) when it exists,
// and not found (404) when it does not (docs/api.md: writes out of scope answer 403).
ResolvedScope resolve_for_write(Connection& c, const core::Actor& a, const Scope& scope) {
    try {
        return resolve_scope(c, a, scope);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::not_found) throw;
        core::Actor system;
        system.role = core::Role::system_admin;
        try {
            resolve_scope(c, system, scope);  // existence only: nothing of it is returned
        } catch (const core::Error&) {
            throw e;
        }
        refuse_out_of_scope("scope");
    }
}

[[noreturn]] void refuse_locked() {
    core::throw_conflict({"该年度报告已锁定，如需修改请先申请解锁",
                          "This yearly report is locked; request an unlock to change it"});
}

Report assemble(Connection& c, const core::Actor& a, const ResolvedScope& s, int year,
                const std::optional<Record>& rec) {
    Report r;
    r.scope = s.scope;
    r.scope_name = s.name;
    r.year = year;
    if (rec) r.written = rec->written;
    if (rec && rec->locked) {
        r.locked = true;
        r.locked_at = rec->locked_at;
        r.generated_at = rec->locked_at;
        r.sections = core::report::sections_from_json(boost::json::parse(rec->frozen_json));
    } else {
        r.generated_at = now_utc();
        r.sections = live_sections(c, a, s, year);
    }
    return r;
}

UnlockRequest request_from_row(const Row& row) {
    UnlockRequest u;
    u.id = row.integer(0);
    u.scope = row.text(1) + ":" + row.text(2);
    u.year = static_cast<int>(row.integer(3));
    u.reason = row.text(4);
    u.requested_by_name = row.text(5);
    u.requested_at = row.text(6);
    u.status = row.text(7);
    u.decision_note = row.text(8);
    u.decided_by_name = row.text(9);
    u.decided_at = row.text(10);
    return u;
}

constexpr std::string_view request_select =
    "SELECT q.id, y.scope_kind, y.scope_id, y.year, q.reason, q.requested_by_name, "
    "q.requested_at, q.status, q.decision_note, q.decided_by_name, q.decided_at FROM "
    "report_unlock_requests q JOIN yearly_reports y ON y.id = q.report";

UnlockRequest load_request(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(request_select) + " WHERE q.id = ?", {id});
    return request_from_row(*row);
}

std::string actor_name(const core::Actor& a) {
    return a.display_name.empty() ? a.username : a.display_name;
}
}  // namespace

std::vector<core::report::Section> live_sections(Connection& c, const core::Actor& a,
                                                 const ResolvedScope& s, int year) {
    auto sections =
        core::report::pairing_work_sections(pairing_work_facts(c, a, s, year), s.links(year));
    // Issue 6, next areas: append dispatch/appraisal and people-helped sections here.
    sections.push_back(
        core::report::dispatch_section(dispatch_facts(c, a, s, year), s.links(year)));
    sections.push_back(core::report::people_helped_section(
        people_helped_facts(c, a, s, year), core::report::people_helped_links(s.scope, year)));
    // Issue 13: a region's balance index, when it has inputs for the school year.
    if (auto balance = core::report::balance_section(balance_facts(c, a, s, year)))
        sections.push_back(std::move(*balance));
    return sections;
}

Report summary(Connection& c, const core::Actor& a, const Scope& scope, int year) {
    Transaction tx(c, Transaction::read);
    auto s = resolve_scope(c, a, scope);
    auto r = assemble(c, a, s, year, find_record(c, scope, year));
    tx.commit();
    return r;
}

Report save_written(Connection& c, const core::Actor& a, const Scope& scope, int year,
                    const WrittenParts& parts) {
    Transaction tx(c, Transaction::write);
    auto s = resolve_for_write(c, a, scope);
    check_may_write(a, s);
    core::FieldErrors errors;
    for (auto [field, text] :
         {std::pair{"feelings", &parts.feelings}, std::pair{"shortcomings", &parts.shortcomings},
          std::pair{"next_steps", &parts.next_steps}})
        if (text->size() > max_written_bytes)
            errors[field] = {"内容过长（最多约 20000 个汉字），请精简后再保存",
                             "is too long (at most about 60,000 characters); shorten it"};
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto before = ensure_record(c, s, year);
    if (before.locked) refuse_locked();
    c.execute(
        "UPDATE yearly_reports SET feelings = ?, shortcomings = ?, next_steps = ?, updated_at = ? "
        "WHERE id = ?",
        {parts.feelings, parts.shortcomings, parts.next_steps, now_utc(), before.id});
    audit::record(c, a, "update", target("yearly_report", before.id, s),
                  written_json(before.written), written_json(parts));
    auto r = assemble(c, a, s, year, find_record(c, scope, year));
    tx.commit();
    return r;
}

Report lock(Connection& c, const core::Actor& a, const Scope& scope, int year) {
    Transaction tx(c, Transaction::write);
    auto s = resolve_for_write(c, a, scope);
    check_may_lock(a, s);
    auto rec = ensure_record(c, s, year);
    if (rec.locked)
        core::throw_conflict({"该年度报告已经锁定", "This yearly report is already locked"});
    // The figures are frozen as the locking bureau sees them now.
    auto sections = live_sections(c, a, s, year);
    auto frozen = boost::json::serialize(core::report::sections_to_json(sections));
    auto now = now_utc();
    c.execute(
        "UPDATE yearly_reports SET locked = 1, locked_at = ?, locked_by = ?, frozen_json = ?, "
        "updated_at = ? WHERE id = ?",
        {now, a.user_id ? Param{a.user_id} : Param{nullptr}, frozen, now, rec.id});
    audit::record(c, a, "lock", target("yearly_report", rec.id, s),
                  boost::json::object{{"locked", false}},
                  boost::json::object{{"locked", true}, {"year", year}, {"scope", scope.text()}});
    auto r = assemble(c, a, s, year, find_record(c, scope, year));
    tx.commit();
    return r;
}

boost::json::object to_json(const UnlockRequest& r, std::string_view lang) {
    core::Text status = r.status == "pending"   ? core::Text{"待处理", "Pending"}
                        : r.status == "granted" ? core::Text{"已同意", "Granted"}
                                                : core::Text{"已拒绝", "Refused"};
    auto opt = [](const std::string& s) -> boost::json::value {
        if (s.empty()) return nullptr;
        return boost::json::string(s);
    };
    return {{"id", r.id},
            {"scope", r.scope},
            {"year", r.year},
            {"reason", r.reason},
            {"requested_by_name", r.requested_by_name},
            {"requested_at", r.requested_at},
            {"status", r.status},
            {"status_label", status.in(lang)},
            {"decision_note", r.decision_note},
            {"decided_by_name", opt(r.decided_by_name)},
            {"decided_at", opt(r.decided_at)}};
}

UnlockRequest request_unlock(Connection& c, const core::Actor& a, const Scope& scope, int year,
                             const std::string& reason) {
    Transaction tx(c, Transaction::write);
    auto s = resolve_for_write(c, a, scope);
    if (a.role != core::Role::institution_admin) {
        if (bureau_over(a, s))
            core::throw_forbidden({"教育局可以直接解锁，无需申请",
                                   "The bureau unlocks directly; no request is needed"});
        refuse_read_only();
    }
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        core::throw_validation(
            {{"reason", {"请填写申请解锁的理由", "give the reason for the unlock"}}});
    if (reason.size() > max_reason_bytes)
        core::throw_validation(
            {{"reason",
              {"理由过长（最多约 2000 个汉字）", "is too long (at most 6,000 characters)"}}});
    auto rec = find_record(c, scope, year);
    if (!rec || !rec->locked)
        core::throw_conflict(
            {"该年度报告未锁定，无需申请解锁", "This yearly report is not locked"});
    if (c.query_int("SELECT COUNT(*) FROM report_unlock_requests WHERE report = ? AND status = "
                    "'pending'",
                    {rec->id}) > 0)
        core::throw_conflict({"已有待处理的解锁申请，请等待教育局处理",
                              "An unlock request is already pending with the bureau"});
    auto id = c.query_int(
        "INSERT INTO report_unlock_requests (report, reason, requested_by, requested_by_name, "
        "requested_at, status) VALUES (?, ?, ?, ?, ?, 'pending') RETURNING id",
        {rec->id, reason, a.user_id ? Param{a.user_id} : Param{nullptr}, actor_name(a), now_utc()});
    auto created = load_request(c, id);
    audit::record(c, a, "create", target("report_unlock_request", id, s), nullptr,
                  to_json(created, "zh"));
    tx.commit();
    return created;
}

UnlockRequest decide_unlock(Connection& c, const core::Actor& a, std::int64_t request, bool grant,
                            const std::string& note) {
    Transaction tx(c, Transaction::write);
    auto row = c.query_one(
        "SELECT y.scope_kind, y.scope_id, y.year, y.id, q.status FROM report_unlock_requests q "
        "JOIN yearly_reports y ON y.id = q.report WHERE q.id = ?",
        {request});
    const core::Text what{"解锁申请", "Unlock request"};
    if (!row) core::throw_not_found(what);
    Scope scope{row->text(0), row->text(1)};
    int year = static_cast<int>(row->integer(2));
    std::int64_t report = row->integer(3);
    ResolvedScope s;
    try {
        s = resolve_for_write(c, a, scope);
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::not_found) core::throw_not_found(what);
        throw;
    }
    check_may_lock(a, s);
    if (row->text(4) != "pending")
        core::throw_conflict({"该申请已处理", "This request has already been decided"});
    if (note.size() > max_reason_bytes)
        core::throw_validation({{"note", {"说明过长", "is too long"}}});
    auto before = load_request(c, request);
    auto now = now_utc();
    c.execute(
        "UPDATE report_unlock_requests SET status = ?, decision_note = ?, decided_by = ?, "
        "decided_by_name = ?, decided_at = ? WHERE id = ?",
        {std::string(grant ? "granted" : "refused"), note,
         a.user_id ? Param{a.user_id} : Param{nullptr}, actor_name(a), now, request});
    if (grant) {
        c.execute(
            "UPDATE yearly_reports SET locked = 0, locked_at = NULL, locked_by = NULL, "
            "frozen_json = NULL, updated_at = ? WHERE id = ?",
            {now, report});
        audit::record(
            c, a, "unlock", target("yearly_report", report, s),
            boost::json::object{{"locked", true}},
            boost::json::object{
                {"locked", false}, {"year", year}, {"scope", scope.text()}, {"request", request}});
    }
    auto after = load_request(c, request);
    audit::record(c, a, grant ? "grant" : "refuse", target("report_unlock_request", request, s),
                  to_json(before, "zh"), to_json(after, "zh"));
    tx.commit();
    return after;
}

std::vector<UnlockRequest> unlock_requests(Connection& c, const core::Actor& a, const Scope& scope,
                                           int year) {
    Transaction tx(c, Transaction::read);
    resolve_scope(c, a, scope);
    std::vector<UnlockRequest> out;
    for (const auto& row :
         c.query(std::string(request_select) +
                     " WHERE y.scope_kind = ? AND y.scope_id = ? AND y.year = ? ORDER BY q.id DESC",
                 {scope.kind, scope.id, std::int64_t{year}}))
        out.push_back(request_from_row(row));
    tx.commit();
    return out;
}

}  // namespace bangfu::store::reports
