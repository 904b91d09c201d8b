#include "store/appraisal_repository.hpp"

#include <algorithm>
#include <array>

#include "core/subsidy.hpp"
#include "store/assignment_party_scope.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::appraisals {

namespace {
constexpr std::string_view select_sql =
    "SELECT ap.id, ap.assignment, ap.year, ap.stage, da.program, p.name, da.staff, s.name, "
    "da.sending_institution, si.name, da.recipient_institution, ri.name, da.start_date, "
    "da.end_date, ap.self_summary, ap.self_by, u1.username, ap.self_at, ap.rating, "
    "ap.recipient_comment, ap.recipient_summary, ap.recipient_by, u2.username, ap.recipient_at, "
    "ap.sender_opinion, ap.sender_summary, ap.sender_by, u3.username, ap.sender_at, "
    "ap.office_comment, ap.office_by, u4.username, ap.office_at, ap.created_at, ap.updated_at "
    "FROM appraisals ap JOIN dispatch_assignments da ON da.id = ap.assignment "
    "JOIN programs p ON p.id = da.program JOIN staff s ON s.id = da.staff "
    "JOIN institutions si ON si.id = da.sending_institution "
    "JOIN institutions ri ON ri.id = da.recipient_institution "
    "LEFT JOIN users u1 ON u1.id = ap.self_by LEFT JOIN users u2 ON u2.id = ap.recipient_by "
    "LEFT JOIN users u3 ON u3.id = ap.sender_by LEFT JOIN users u4 ON u4.id = ap.office_by";

const core::Text appraisal_text{"考核记录", "Appraisal"};

core::Appraisal from_row(const Row& r) {
    core::Appraisal x;
    x.id = r.integer(0);
    x.assignment = r.integer(1);
    x.year = r.integer(2);
    x.stage = r.text(3);
    x.program = r.integer(4);
    x.program_name = r.text(5);
    x.staff = r.integer(6);
    x.staff_name = r.text(7);
    x.sending_institution = r.integer(8);
    x.sending_name = r.text(9);
    x.recipient_institution = r.integer(10);
    x.recipient_name = r.text(11);
    x.start_date = r.text(12);
    x.end_date = r.text(13);
    x.self_summary = r.text(14);
    x.self_by = r.opt_integer(15);
    x.self_by_name = r.text(16);
    x.self_at = r.text(17);
    x.rating = r.opt_text(18);
    x.recipient_comment = r.text(19);
    x.recipient_summary = r.text(20);
    x.recipient_by = r.opt_integer(21);
    x.recipient_by_name = r.text(22);
    x.recipient_at = r.text(23);
    x.sender_opinion = r.text(24);
    x.sender_summary = r.text(25);
    x.sender_by = r.opt_integer(26);
    x.sender_by_name = r.text(27);
    x.sender_at = r.text(28);
    x.office_comment = r.text(29);
    x.office_by = r.opt_integer(30);
    x.office_by_name = r.text(31);
    x.office_at = r.text(32);
    x.created_at = r.text(33);
    x.updated_at = r.text(34);
    return x;
}

std::optional<core::Appraisal> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE ap.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// The assignment behind an appraisal, unscoped: writes decide 403 themselves.
AssignmentParties parties_of(Connection& c, std::int64_t assignment) {
    core::Actor system;
    system.role = core::Role::system_admin;
    return *find_assignment(c, system, assignment);
}

audit::Target target(std::int64_t id, const AssignmentParties& p) {
    return {"appraisal", std::to_string(id), p.program_path, p.recipient_institution};
}

// The acting user as a reference; NULL for the command line's built-in system actor.
Param user_param(const core::Actor& a) {
    return a.user_id > 0 ? Param{a.user_id} : Param{nullptr};
}

void add_event(Connection& c, const core::Actor& a, std::int64_t appraisal, std::string_view step,
               const std::string& comment, const std::string& at) {
    c.execute(
        "INSERT INTO appraisal_events (appraisal, step, user_id, at, comment) VALUES (?, ?, ?, "
        "?, ?)",
        {appraisal, std::string(step), user_param(a), at, comment});
}

void add_filters(Connection& c, const ListQuery& q, Where& w) {
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("da.program = ?", {parse_id_filter(k, v)});
        if (k == "assignment") w.add("ap.assignment = ?", {parse_id_filter(k, v)});
        if (k == "staff") w.add("da.staff = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("(da.sending_institution = ? OR da.recipient_institution = ?)", {id, id});
        }
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("ap.year = ?", {y});
        }
        if (k == "stage") w.add("ap.stage = ?", {choice_filter(k, v, core::dict::appraisal_stage)});
        if (k == "rating")
            w.add("ap.rating = ?", {choice_filter(k, v, core::dict::appraisal_rating)});
        // open=true: not yet approved (the summary's "appraisals in progress").
        if (k == "open")
            w.add(parse_bool_filter(k, v) ? "ap.stage <> 'approved'" : "ap.stage = 'approved'");
        if (k == "region")
            filter_dispatch_region(c, w, v, "da", "sending_institution", "recipient_institution");
    }
}

Page<core::Appraisal> run_list(Connection& c, const ListQuery& q, Where& w) {
    if (!q.q.empty()) w.add("lower(s.name) LIKE lower(?) ESCAPE '\\'", {contains_pattern(q.q)});
    static constexpr std::array<SortField, 5> sorts{
        SortField{"year", "ap.year"}, SortField{"id", "ap.id"}, SortField{"stage", "ap.stage"},
        SortField{"staff_name", "s.name_key"}, SortField{"updated_at", "ap.updated_at"}};
    Page<core::Appraisal> page{{}, 0, q.page, q.page_size};
    page.total = c.query_int(
        "SELECT COUNT(*) FROM appraisals ap JOIN dispatch_assignments da ON da.id = "
        "ap.assignment JOIN staff s ON s.id = da.staff" +
            w.sql(),
        w.params());
    for (const auto& row : c.query(std::string(select_sql) + w.sql() +
                                       order_by(q.sort, sorts, "-year", "ap.id") + limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row));
    return page;
}

// The appraisal years in which the assignment has a counted month of service.
std::vector<int> served_years(const AssignmentParties& x) {
    auto first = core::parse_date(x.start_date);
    auto end = core::parse_date(x.end_date);
    if (!first || !end) return {};
    std::optional<core::Date> withdrawn;
    if (x.withdrawn_on) withdrawn = core::parse_date(*x.withdrawn_on);
    return core::served_appraisal_years(*first, core::service_end(*end, withdrawn));
}

bool may_start(const core::Actor& a, const AssignmentParties& x) {
    return core::is_office(a, x.parties()) ||
           (a.role == core::Role::institution_admin && a.institution == x.sending_institution);
}

[[noreturn]] void refuse_start() {
    core::throw_forbidden({"只有主管该项目的教育局（帮扶办）或派出单位可以发起考核",
                           "Only the bureau office running the program or the sending "
                           "institution may start an appraisal"});
}

std::int64_t insert(Connection& c, const core::Actor& a, const AssignmentParties& x,
                    std::int64_t year) {
    auto now = now_utc();
    auto id = c.query_int(
        "INSERT INTO appraisals (assignment, year, stage, created_at, updated_at) VALUES (?, ?, "
        "'self', ?, ?) RETURNING id",
        {x.id, year, now, now});
    add_event(c, a, id, "create", "", now);
    audit::record(c, a, "create", target(id, x), nullptr, core::to_json(*find(c, id)));
    return id;
}
}  // namespace

Page<core::Appraisal> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 9> known{"program",    "year",  "stage",
                                                           "assignment", "staff", "institution",
                                                           "rating",     "open",  "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).assignments(w, "da");
    add_filters(c, q, w);
    return run_list(c, q, w);
}

Page<core::Appraisal> waiting(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 2> known{"program", "year"};
    check_known_filters(q, known);
    Where w;
    if (a.is_system()) {
        w.add("ap.stage = 'office'");
    } else if (a.role == core::Role::bureau_admin) {
        w.add("ap.stage = 'office'");
        Scope(a).programs_run_here(w, "da.program");
    } else if (a.role == core::Role::institution_admin) {
        auto inst = a.institution.value_or(0);
        w.add(
            "((ap.stage = 'rating' AND da.recipient_institution = ?) OR (ap.stage = 'sender' "
            "AND da.sending_institution = ?))",
            {inst, inst});
    } else if (a.role == core::Role::teacher) {
        w.add("ap.stage = 'self' AND da.staff = ?", {a.staff.value_or(0)});
    } else {
        w.add("1 = 0");  // inspectors read; no step is theirs
    }
    add_filters(c, q, w);
    return run_list(c, q, w);
}

core::Appraisal get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("ap.id = ?", {id});
    Scope(a).assignments(w, "da");
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(appraisal_text);
    return from_row(*row);
}

Allowed allowed(Connection& c, const core::Actor& a, const core::Appraisal& x) {
    auto p = parties_of(c, x.assignment).parties();
    return {core::action_due(a, p, x.stage), x.stage == "approved" && core::is_office(a, p)};
}

std::vector<core::AppraisalEvent> events(Connection& c, const core::Actor& a, std::int64_t id) {
    get(c, a, id);  // 404 when out of scope
    std::vector<core::AppraisalEvent> out;
    for (const auto& r : c.query(
             "SELECT e.id, e.step, e.user_id, u.username, e.at, e.comment FROM appraisal_events e "
             "LEFT JOIN users u ON u.id = e.user_id WHERE e.appraisal = ? ORDER BY e.at, e.id",
             {id}))
        out.push_back({r.integer(0), r.text(1), r.opt_integer(2), r.text(3), r.text(4), r.text(5)});
    return out;
}

core::Appraisal create(Connection& c, const core::Actor& a, const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    static constexpr std::array labels{core::FieldLabel{"assignment", "支教派遣", "assignment"},
                                       core::FieldLabel{"year", "考核年度", "year"}};
    core::FieldErrors e;
    std::int64_t assignment = 0, year = 0;
    core::FieldReader f(body, labels, e);
    f.integer("assignment", assignment);
    f.integer("year", year);
    std::optional<AssignmentParties> x;
    if (!e.contains("assignment")) {
        if (assignment > 0) x = find_assignment(c, a, assignment);
        // One that exists out of scope is refused (403); one that does not exist is a 422.
        if (!x && assignment > 0 &&
            c.query_int("SELECT COUNT(*) FROM dispatch_assignments WHERE id = ?", {assignment}) > 0)
            refuse_out_of_scope("assignment");
        if (!x) e["assignment"] = {"支教派遣不存在", "assignment does not exist"};
    }
    if (x && x->status == "planned")
        e["assignment"] = {"该教师尚未派出（拟派），派出后才能考核",
                           "the teacher has not been sent yet (planned); appraise after sending"};
    if (x && !e.contains("year") && !e.contains("assignment")) {
        auto years = served_years(*x);
        if (std::find(years.begin(), years.end(), year) == years.end()) {
            std::string list;
            for (auto y : years) list += (list.empty() ? "" : "、") + std::to_string(y);
            e["year"] = {"考核年度应为该派遣任教的学年结束年份：" + list,
                         "year must be the year a school year of this assignment ends: " + list};
        }
    }
    if (!e.empty()) core::throw_validation(std::move(e));
    if (!may_start(a, *x)) refuse_start();
    if (c.query_one("SELECT id FROM appraisals WHERE assignment = ? AND year = ?",
                    {assignment, year}))
        core::throw_conflict({"该教师本年度的考核已经发起", "this year's appraisal already exists"},
                             {{"year", {"本年度的考核已经发起", "already started for this year"}}});
    auto id = insert(c, a, *x, year);
    auto created = *find(c, id);
    tx.commit();
    return created;
}

std::int64_t launch(Connection& c, const core::Actor& a, const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    static constexpr std::array labels{core::FieldLabel{"program", "帮扶项目", "program"},
                                       core::FieldLabel{"year", "考核年度", "year"}};
    core::FieldErrors e;
    std::int64_t program = 0, year = 0;
    core::FieldReader f(body, labels, e);
    f.integer("program", program);
    f.integer("year", year);
    if (!e.contains("year") && (year < 1900 || year > 2200))
        e["year"] = {"考核年度应在 1900 到 2200 之间", "year must be 1900–2200"};
    std::optional<Row> prog;
    if (!e.contains("program")) {
        Where w;
        w.add("p.id = ?", {program});
        Scope(a).programs(w);
        prog = c.query_one(
            "SELECT p.id, r.path FROM programs p JOIN regions r ON r.code = p.region" + w.sql(),
            w.params());
        if (!prog && c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {program}) > 0)
            refuse_out_of_scope("program");
        if (!prog) e["program"] = {"帮扶项目不存在", "program does not exist"};
    }
    if (!e.empty()) core::throw_validation(std::move(e));
    core::AppraisalParties office_check{0, 0, 0, prog->text(1)};
    if (!core::is_office(a, office_check))
        core::throw_forbidden(core::wrong_role_error(core::AppraisalAction::approve));
    auto [from, to] = core::appraisal_year_window(static_cast<int>(year));
    std::int64_t started = 0;
    for (const auto& r :
         c.query("SELECT da.id FROM dispatch_assignments da WHERE da.program = ? AND "
                 "da.status <> 'planned' AND da.start_date <= ? AND da.end_date >= ? AND NOT "
                 "EXISTS (SELECT 1 FROM "
                 "appraisals ap WHERE ap.assignment = da.id AND ap.year = ?) ORDER BY da.id",
                 {program, core::format_date(to), core::format_date(from), year})) {
        auto x = parties_of(c, r.integer(0));
        auto years = served_years(x);
        if (std::find(years.begin(), years.end(), year) == years.end()) continue;
        insert(c, a, x, year);
        ++started;
    }
    tx.commit();
    return started;
}

core::Appraisal step(Connection& c, const core::Actor& a, std::int64_t id,
                     core::AppraisalAction action, const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    // 404 when the appraisal does not exist, 403 when the actor may not read it
    auto before = load_or_refuse(c, "appraisals", id, [&] { return get(c, a, id); });
    auto x = parties_of(c, before.assignment);
    // Who may not take this step learns that first, whatever the stage.
    if (!core::owns_step(a, x.parties(), action))
        core::throw_forbidden(core::wrong_role_error(action));
    if (before.stage != core::stage_for(action))
        core::throw_conflict(core::wrong_stage_error(action, before.stage),
                             {{"stage", core::wrong_stage_error(action, before.stage)}});
    core::FieldErrors e;
    auto in = core::read_step(action, body, e);
    if (!e.empty()) core::throw_validation(std::move(e));
    auto now = now_utc();
    std::string next(core::stage_after(action));
    switch (action) {
        case core::AppraisalAction::self:
            c.execute(
                "UPDATE appraisals SET stage = ?, self_summary = ?, self_by = ?, self_at = ?, "
                "updated_at = ? WHERE id = ?",
                {next, in.self_summary, user_param(a), now, now, id});
            break;
        case core::AppraisalAction::rate:
            c.execute(
                "UPDATE appraisals SET stage = ?, rating = ?, recipient_comment = ?, "
                "recipient_summary = ?, recipient_by = ?, recipient_at = ?, updated_at = ? WHERE "
                "id = ?",
                {next, *in.rating, in.comment, in.summary, user_param(a), now, now, id});
            break;
        case core::AppraisalAction::sender:
            c.execute(
                "UPDATE appraisals SET stage = ?, sender_opinion = ?, sender_summary = ?, "
                "sender_by = ?, sender_at = ?, updated_at = ? WHERE id = ?",
                {next, in.comment, in.summary, user_param(a), now, now, id});
            break;
        case core::AppraisalAction::approve:
            c.execute(
                "UPDATE appraisals SET stage = ?, office_comment = ?, office_by = ?, office_at = "
                "?, updated_at = ? WHERE id = ?",
                {next, in.comment, user_param(a), now, now, id});
            break;
    }
    add_event(c, a, id, core::action_name(action),
              action == core::AppraisalAction::self ? std::string() : in.comment, now);
    auto after = *find(c, id);
    audit::record(c, a, std::string("appraisal_") + std::string(core::action_name(action)),
                  target(id, x), core::to_json(before), core::to_json(after));
    tx.commit();
    return after;
}

core::Appraisal reopen(Connection& c, const core::Actor& a, std::int64_t id,
                       const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    auto before = load_or_refuse(c, "appraisals", id, [&] { return get(c, a, id); });
    auto x = parties_of(c, before.assignment);
    if (!core::is_office(a, x.parties()))
        core::throw_forbidden({"只有主管该项目的教育局（帮扶办）可以重新打开已审批的考核",
                               "Only the bureau office running the program may reopen an "
                               "approved appraisal"});
    if (before.stage != "approved")
        core::throw_conflict(
            {"只有已审批的考核需要重新打开", "only an approved appraisal is reopened"},
            {{"stage", {"考核尚未审批", "the appraisal is not approved"}}});
    static constexpr std::array labels{core::FieldLabel{"reason", "重新打开的理由", "reason"},
                                       core::FieldLabel{"stage", "退回到", "back to"}};
    core::FieldErrors e;
    std::string reason, stage = "rating";
    core::FieldReader f(body, labels, e);
    f.text("reason", reason);
    f.text("stage", stage);
    core::check_required_text(labels, e, "reason", reason, 1000);
    if (!e.contains("stage") &&
        (stage == "approved" || !core::dict::appraisal_stage.contains(stage)))
        e["stage"] = {"退回到应为：待本人自评、待受援单位评定、待派出单位签署意见、待帮扶办审批",
                      "back to must be one of: self, rating, sender, office"};
    if (!e.empty()) core::throw_validation(std::move(e));
    auto now = now_utc();
    c.execute("UPDATE appraisals SET stage = ?, updated_at = ? WHERE id = ?", {stage, now, id});
    add_event(c, a, id, "reopen", reason, now);
    auto after = *find(c, id);
    auto after_json = core::to_json(after);
    after_json["reopen_reason"] = reason;
    audit::record(c, a, "appraisal_reopen", target(id, x), core::to_json(before), after_json);
    tx.commit();
    return after;
}

}  // namespace bangfu::store::appraisals
