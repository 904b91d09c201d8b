#include "store/assignment_repository.hpp"

#include <array>
#include <charconv>

#include "core/dictionary.hpp"
#include "core/subsidy.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dispatch_policy_repository.hpp"
#include "store/dispatch_scope.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::assignments {

namespace {
constexpr std::string_view from_sql =
    " FROM dispatch_assignments da JOIN programs p ON p.id = da.program"
    " LEFT JOIN pairings pr ON pr.id = da.pairing"
    " LEFT JOIN institutions ps ON ps.id = pr.supporter"
    " LEFT JOIN institutions prc ON prc.id = pr.recipient"
    " LEFT JOIN dispatch_batches b ON b.id = da.batch"
    " JOIN staff st ON st.id = da.staff"
    " JOIN institutions si ON si.id = da.sending_institution"
    " JOIN institutions ri ON ri.id = da.recipient_institution";
constexpr std::string_view select_sql =
    "SELECT da.id, da.program, p.name, da.pairing, ps.name, prc.name, da.batch, b.name, "
    "da.staff, st.name, da.sending_institution, si.name, da.recipient_institution, ri.name, "
    "da.start_date, da.end_date, da.subjects, da.weekly_hours_recipient, da.weekly_hours_home, "
    "da.housing, da.duties, da.volunteered, da.status, da.withdrawn_on, da.withdraw_reason, "
    "da.override_reason, da.override_by, da.note, da.created_at, da.updated_at";

const core::Text assignment_text{"支教记录", "Dispatch assignment"};

core::Assignment from_row(const Row& row) {
    core::Assignment x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = row.text(4) + " → " + row.text(5);
    x.batch = row.opt_integer(6);
    if (x.batch) x.batch_name = row.text(7);
    x.staff = row.integer(8);
    x.staff_name = row.text(9);
    x.sending_institution = row.integer(10);
    x.sending_institution_name = row.text(11);
    x.recipient_institution = row.integer(12);
    x.recipient_institution_name = row.text(13);
    x.start_date = row.text(14);
    x.end_date = row.text(15);
    x.subjects = decode_subjects(row.text(16));
    x.weekly_hours_recipient = row.integer(17);
    x.weekly_hours_home = row.integer(18);
    x.housing = row.text(19);
    x.duties = row.text(20);
    x.volunteered = row.boolean(21);
    x.status = row.text(22);
    x.withdrawn_on = row.opt_text(23);
    x.withdraw_reason = row.text(24);
    x.override_reason = row.text(25);
    x.override_by = row.opt_integer(26);
    x.note = row.text(27);
    x.created_at = row.text(28);
    x.updated_at = row.text(29);
    return x;
}

std::optional<core::Assignment> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE da.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

void merge(core::FieldErrors& into, const core::FieldErrors& from) {
    for (const auto& [k, v] : from)
        if (!into.contains(k)) into[k] = v;
}

struct Checked {
    std::string program_path;
    std::string sender_path;
    core::Candidate candidate;
};

// Everything the core rules cannot check: the program and pairing (readable), the batch (of the
// program), the staff member (readable; fills in the sending institution), the institutions.
Checked check_references(Connection& c, const core::Actor& a, core::Assignment& x,
                         core::FieldErrors& errors) {
    Checked out;
    WorkRef ref;
    bool have_ref = false;
    if (!errors.contains("program") && !errors.contains("pairing") && x.program > 0) {
        try {
            ref = load_work_ref(c, a, x.program, x.pairing);
            out.program_path = ref.program_path;
            have_ref = true;
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            merge(errors, e.fields());
        }
    }
    if (x.batch && !errors.contains("batch")) {
        auto b = c.query_one("SELECT program FROM dispatch_batches WHERE id = ?", {*x.batch});
        if (!b)
            errors["batch"] = {"批次不存在", "batch does not exist"};
        else if (b->integer(0) != x.program)
            errors["batch"] = {"该批次不属于所选帮扶项目",
                               "batch does not belong to the chosen program"};
    }
    if (x.staff > 0 && !errors.contains("staff")) {
        Where w;
        w.add("s.id = ?", {x.staff});
        Scope(a).staff(w);
        auto s = c.query_one(
            "SELECT s.institution, s.years_teaching, s.health, s.title, s.backbone, "
            "s.birth_date FROM staff s JOIN institutions i ON i.id = s.institution JOIN regions "
            "r ON r.code = i.region" +
                w.sql(),
            w.params());
        if (!s) {
            errors["staff"] = {"支教教师不存在或不在您的管辖范围内",
                               "staff member does not exist or is outside your data scope"};
        } else {
            if (!x.sending_institution) x.sending_institution = s->integer(0);
            out.candidate.years_teaching = s->integer(1);
            out.candidate.health = s->text(2);
            out.candidate.title = s->text(3);
            out.candidate.backbone = s->text(4);
            out.candidate.birth_date = s->opt_text(5);
        }
    }
    out.candidate.volunteered = x.volunteered;
    if (x.sending_institution && !errors.contains("sending_institution")) {
        auto path = institution_region_path(c, *x.sending_institution);
        if (!path)
            errors["sending_institution"] = {"派出单位不存在",
                                             "sending institution does not exist"};
        else
            out.sender_path = *path;
    }
    if (x.recipient_institution > 0 && !errors.contains("recipient_institution")) {
        if (!institution_region_path(c, x.recipient_institution))
            errors["recipient_institution"] = {"受援单位不存在",
                                               "recipient institution does not exist"};
        else if (x.sending_institution && *x.sending_institution == x.recipient_institution)
            errors["recipient_institution"] = {
                "受援单位不能与派出单位相同", "recipient must differ from the sending institution"};
        else if (have_ref && ref.pairing && x.recipient_institution != ref.recipient &&
                 x.recipient_institution != ref.supporter)
            errors["recipient_institution"] = {
                "受援单位应为该结对关系中的单位",
                "recipient institution must be one of the pairing's institutions"};
    }
    return out;
}

// One person is sent to one place at a time: another assignment of the staff member (not
// withdrawn) whose period overlaps is refused, naming it.
void check_overlap(Connection& c, const core::Assignment& x, core::FieldErrors& errors) {
    if (errors.contains("staff") || errors.contains("start_date") || errors.contains("end_date") ||
        x.staff <= 0 || x.status == "withdrawn")
        return;
    auto row = c.query_one(
        "SELECT da.start_date, da.end_date, ri.name FROM dispatch_assignments da JOIN "
        "institutions ri ON ri.id = da.recipient_institution WHERE da.staff = ? AND da.id <> ? "
        "AND da.status <> 'withdrawn' AND da.start_date <= ? AND da.end_date >= ? ORDER BY "
        "da.start_date LIMIT 1",
        {x.staff, x.id, x.end_date, x.start_date});
    if (!row) return;
    auto when = row->text(0) + " ~ " + row->text(1);
    errors["staff"] = {"该教师在 " + when + " 已有支教安排（" + row->text(2) + "），期间不能重叠",
                       "the staff member already has an assignment in " + when + " (" +
                           row->text(2) + "); periods must not overlap"};
}

// The eligibility rules, and the override: refused with every broken rule unless an admin who
// may override gave a reason. Returns whether the rules were overridden.
// `standing` is the override already stored (an edit by the sending school keeps it).
bool check_eligibility(Connection& c, const core::Actor& a, const core::Assignment& x,
                       const Checked& checked, const std::string& standing = {}) {
    auto policy = dispatch_policies::effective(c, x.program);
    auto violations =
        core::check_eligibility(policy, checked.candidate, *core::parse_date(x.start_date));
    if (violations.empty()) return false;
    if (x.override_reason.empty()) throw EligibilityError(std::move(violations));
    if (x.override_reason == standing) return true;
    if (!a.is_system() && a.role != core::Role::bureau_admin)
        core::throw_validation({{"override_reason",
                                 {"只有教育局管理员可以破格选派（不符合条件的教师须报教育局审批）",
                                  "only a bureau admin may override the eligibility rules"}}});
    return true;
}

Params write_params(const core::Assignment& x) {
    return {x.program,
            nullable(x.pairing),
            nullable(x.batch),
            x.staff,
            *x.sending_institution,
            x.recipient_institution,
            x.start_date,
            x.end_date,
            encode_subjects(x.subjects),
            x.weekly_hours_recipient,
            x.weekly_hours_home,
            x.housing,
            x.duties,
            std::int64_t{x.volunteered ? 1 : 0},
            x.status,
            nullable(x.withdrawn_on),
            x.withdraw_reason,
            x.override_reason,
            nullable(x.override_by),
            x.note};
}

std::string stored_program_path(Connection& c, std::int64_t program) {
    auto row = c.query_one(
        "SELECT r.path FROM programs p JOIN regions r ON r.code = p.region WHERE p.id = ?",
        {program});
    return row ? row->text(0) : std::string();
}

void check_stored_write(Connection& c, const core::Actor& a, const core::Assignment& x) {
    Scope(a).check_dispatch_write(stored_program_path(c, x.program), *x.sending_institution,
                                  institution_region_path(c, *x.sending_institution).value_or(""));
}

Where filtered(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 14> known{
        "program", "pairing", "batch", "staff",       "institution", "sender",    "recipient",
        "status",  "subject", "year",  "school_year", "term",        "withdrawn", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).dispatch(w, "da", "sending_institution", "recipient_institution", "staff");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("da.program = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("da.pairing = ?", {parse_id_filter(k, v)});
        if (k == "batch") w.add("da.batch = ?", {parse_id_filter(k, v)});
        if (k == "staff") w.add("da.staff = ?", {parse_id_filter(k, v)});
        if (k == "sender") w.add("da.sending_institution = ?", {parse_id_filter(k, v)});
        if (k == "recipient") w.add("da.recipient_institution = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("da.sending_institution = ? OR da.recipient_institution = ?", {id, id});
        }
        if (k == "status")
            w.add("da.status = ?", {choice_filter(k, v, core::dict::assignment_status)});
        // withdrawn=false: the teachers serving (the summary's person-times leave out those who
        // withdrew mid-way).
        if (k == "withdrawn")
            w.add(parse_bool_filter(k, v) ? "da.status = 'withdrawn'" : "da.status <> 'withdrawn'");
        if (k == "region")
            filter_dispatch_region(c, w, v, "da", "sending_institution", "recipient_institution");
        if (k == "subject")
            w.add("da.subjects LIKE ?", {"%," + choice_filter(k, v, core::dict::subject) + ",%"});
        if (k == "year") {
            auto y = std::to_string(parse_year_filter(k, v));
            w.add("da.start_date <= ? AND da.end_date >= ?", {y + "-12-31", y + "-01-01"});
        }
        // The school year ending in Y (1 September Y-1 to 31 August Y): the appraisal year the
        // yearly summary counts dispatches in.
        if (k == "school_year") {
            auto [from, to] = core::appraisal_year_window(parse_year_filter(k, v));
            w.add("da.start_date <= ? AND da.end_date >= ?",
                  {core::format_date(to), core::format_date(from)});
        }
        if (k == "term") {
            auto t = core::parse_term(v);
            if (!t)
                bad_parameter(k, {"应为学期，如 2012-autumn 或 2013-spring",
                                  "must be a term such as 2012-autumn or 2013-spring"});
            w.add("da.start_date <= ? AND da.end_date >= ?",
                  {core::format_date(t->last()), core::format_date(t->first())});
        }
    }
    if (!q.q.empty()) {
        auto pattern = contains_pattern(q.q);
        w.add(
            "da.staff IN (SELECT qs.id FROM staff qs WHERE lower(qs.name) LIKE lower(?) ESCAPE "
            "'\\') OR da.sending_institution IN (SELECT qi.id FROM institutions qi WHERE "
            "lower(qi.name) LIKE lower(?) ESCAPE '\\') OR da.recipient_institution IN (SELECT "
            "qi.id FROM institutions qi WHERE lower(qi.name) LIKE lower(?) ESCAPE '\\')",
            {pattern, pattern, pattern});
    }
    return w;
}

boost::json::object audit_json(const core::Assignment& x) {
    return core::to_json(x);
}
}  // namespace

EligibilityError::EligibilityError(std::vector<core::Violation> violations)
    : core::Error(
          core::ErrorKind::validation,
          [&] {
              core::Text t{"该教师不符合选派条件：", "The staff member is not eligible: "};
              for (std::size_t i = 0; i < violations.size(); ++i) {
                  t.zh += (i ? "；" : "") + violations[i].message.zh;
                  t.en += (i ? "; " : "") + violations[i].message.en;
              }
              return t;
          }(),
          [&] {
              core::FieldErrors f;
              for (const auto& v : violations) f[v.rule] = v.message;
              return f;
          }()),
      violations_(std::move(violations)) {}

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

Page<core::Assignment> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w = filtered(c, a, q);
    static constexpr std::array<SortField, 7> sorts{SortField{"start_date", "da.start_date"},
                                                    SortField{"end_date", "da.end_date"},
                                                    SortField{"staff_name", "st.name"},
                                                    SortField{"status", "da.status"},
                                                    SortField{"id", "da.id"},
                                                    SortField{"created_at", "da.created_at"},
                                                    SortField{"updated_at", "da.updated_at"}};
    Page<core::Assignment> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "dispatch_assignments da", w);
    for (const auto& row :
         c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                     order_by(q.sort, sorts, "-start_date", "da.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::Assignment get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("da.id = ?", {id});
    Scope(a).dispatch(w, "da", "sending_institution", "recipient_institution", "staff");
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(assignment_text);
    return from_row(*row);
}

core::Assignment create(Connection& c, const core::Actor& a, core::Assignment x,
                        core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin()) refuse_read_only();
    merge(errors, core::validate(x));
    auto checked = check_references(c, a, x, errors);
    check_overlap(c, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_dispatch_write(checked.program_path, *x.sending_institution,
                                  checked.sender_path);
    bool overridden = check_eligibility(c, a, x, checked);
    x.override_by = overridden ? std::optional<std::int64_t>(a.user_id) : std::nullopt;
    if (!overridden) x.override_reason.clear();
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO dispatch_assignments (program, pairing, batch, staff, sending_institution, "
        "recipient_institution, start_date, end_date, subjects, weekly_hours_recipient, "
        "weekly_hours_home, housing, duties, volunteered, status, withdrawn_on, withdraw_reason, "
        "override_reason, override_by, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    auto target = dispatch_audit_target("dispatch_assignment", x.id, checked.program_path,
                                        *x.sending_institution);
    audit::record(c, a, "create", target, nullptr, audit_json(*created));
    if (overridden) {
        auto policy = dispatch_policies::effective(c, x.program);
        auto broken =
            core::check_eligibility(policy, checked.candidate, *core::parse_date(x.start_date));
        audit::record(c, a, "override_eligibility", target, core::to_json(broken, "zh"),
                      boost::json::object{{"override_reason", x.override_reason}});
    }
    tx.commit();
    return *created;
}

core::Assignment update(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(assignment_text);
    check_stored_write(c, a, *existing);
    core::Assignment x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    if (existing->status == "withdrawn" && x.status != "withdrawn")
        errors["status"] = {"已中止的支教不能恢复，请新建支教记录",
                            "a withdrawn assignment cannot be reopened; create a new one"};
    merge(errors, core::validate(x));
    auto checked = check_references(c, a, x, errors);
    check_overlap(c, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_dispatch_write(checked.program_path, *x.sending_institution,
                                  checked.sender_path);
    bool overridden = check_eligibility(c, a, x, checked, existing->override_reason);
    bool new_override = overridden && x.override_reason != existing->override_reason;
    if (!overridden) {
        x.override_reason.clear();
        x.override_by.reset();
    } else if (new_override) {
        x.override_by = a.user_id;
    }
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE dispatch_assignments SET program = ?, pairing = ?, batch = ?, staff = ?, "
        "sending_institution = ?, recipient_institution = ?, start_date = ?, end_date = ?, "
        "subjects = ?, weekly_hours_recipient = ?, weekly_hours_home = ?, housing = ?, duties = "
        "?, volunteered = ?, status = ?, withdrawn_on = ?, withdraw_reason = ?, override_reason "
        "= ?, override_by = ?, note = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    auto target = dispatch_audit_target("dispatch_assignment", id, checked.program_path,
                                        *x.sending_institution);
    audit::record(c, a, "update", target, audit_json(*existing), audit_json(*updated));
    if (new_override) {
        auto policy = dispatch_policies::effective(c, x.program);
        auto broken =
            core::check_eligibility(policy, checked.candidate, *core::parse_date(x.start_date));
        audit::record(c, a, "override_eligibility", target, core::to_json(broken, "zh"),
                      boost::json::object{{"override_reason", x.override_reason}});
    }
    tx.commit();
    return *updated;
}

core::Assignment withdraw(Connection& c, const core::Actor& a, std::int64_t id,
                          const std::string& on, const std::string& reason) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(assignment_text);
    check_stored_write(c, a, *existing);
    auto errors = core::validate_withdrawal(*existing, on, reason);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    c.execute(
        "UPDATE dispatch_assignments SET status = 'withdrawn', withdrawn_on = ?, "
        "withdraw_reason = ?, updated_at = ? WHERE id = ?",
        {on, reason, now_utc(), id});
    auto updated = find(c, id);
    audit::record(
        c, a, "withdraw",
        dispatch_audit_target("dispatch_assignment", id, stored_program_path(c, existing->program),
                              *existing->sending_institution),
        audit_json(*existing), audit_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(assignment_text);
    check_stored_write(c, a, *existing);
    // An appraised assignment is history: it is withdrawn, never deleted.
    if (c.query_int("SELECT COUNT(*) FROM appraisals WHERE assignment = ?", {id}) > 0)
        core::throw_conflict({"该支教已有考核记录，不能删除（可中止）",
                              "the assignment has appraisals and cannot be deleted (withdraw it)"});
    c.execute("DELETE FROM dispatch_assignments WHERE id = ?", {id});
    audit::record(
        c, a, "delete",
        dispatch_audit_target("dispatch_assignment", id, stored_program_path(c, existing->program),
                              *existing->sending_institution),
        audit_json(*existing), nullptr);
    tx.commit();
}

std::vector<core::Text> sender_warnings(Connection& c, const core::Assignment& x) {
    std::vector<core::Text> out;
    if (x.status != "planned" && x.status != "active") return out;
    auto policy = dispatch_policies::effective(c, x.program);
    for (const auto& subject : x.subjects) {
        auto pattern = "%," + subject + ",%";
        auto teachers = c.query_int(
            "SELECT COUNT(*) FROM staff WHERE institution = ? AND archived = 0 AND subjects "
            "LIKE ?",
            {*x.sending_institution, pattern});
        auto sent = c.query_int(
            "SELECT COUNT(DISTINCT staff) FROM dispatch_assignments WHERE sending_institution = "
            "? AND status IN ('planned', 'active') AND subjects LIKE ? AND start_date <= ? AND "
            "end_date >= ?",
            {*x.sending_institution, pattern, x.end_date, x.start_date});
        auto* label = core::dict::subject.find(subject);
        if (auto w = core::sender_guard(policy, label ? label->zh : subject,
                                        label ? label->en : subject, sent, teachers))
            out.push_back(*w);
    }
    return out;
}

}  // namespace bangfu::store::assignments
