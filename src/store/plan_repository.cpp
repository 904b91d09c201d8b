#include "store/plan_repository.hpp"

#include <array>

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"

namespace bangfu::store::plans {

namespace {
constexpr std::string_view select_sql =
    "SELECT pl.id, pl.program, p.name, pl.pairing, si.name, ri.name, pl.kind, pl.title, "
    "pl.content, pl.file, f.name, pl.start_date, pl.end_date, pl.approval, pl.approval_comment, "
    "pl.created_at, pl.updated_at, pr.supporter, pr.recipient FROM plans pl JOIN programs p ON "
    "p.id = pl.program "
    "LEFT JOIN pairings pr ON pr.id = pl.pairing "
    "LEFT JOIN institutions si ON si.id = pr.supporter "
    "LEFT JOIN institutions ri ON ri.id = pr.recipient LEFT JOIN files f ON f.id = pl.file";

const core::Text plan_text{"计划", "Plan"};

core::Plan from_row(const Row& r) {
    core::Plan x;
    x.id = r.integer(0);
    x.program = r.integer(1);
    x.program_name = r.text(2);
    x.pairing = r.opt_integer(3);
    if (x.pairing) {
        x.pairing_label = r.text(4) + " → " + r.text(5);
        x.supporter = r.opt_integer(17);
        x.supporter_name = r.text(4);
        x.recipient = r.opt_integer(18);
        x.recipient_name = r.text(5);
    }
    x.kind = r.text(6);
    x.title = r.text(7);
    x.content = r.text(8);
    x.file = r.opt_integer(9);
    x.file_name = r.text(10);
    x.start_date = r.text(11);
    x.end_date = r.text(12);
    x.approval = r.text(13);
    x.approval_comment = r.text(14);
    x.created_at = r.text(15);
    x.updated_at = r.text(16);
    return x;
}

std::optional<core::Plan> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE pl.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// Loads references for write decisions regardless of the actor's read scope: the write check
// that follows refuses with 403 rather than pretending the program does not exist.
WorkRef unscoped_ref(Connection& c, std::int64_t program, std::optional<std::int64_t> pairing) {
    core::Actor system;
    system.role = core::Role::system_admin;
    return load_work_ref(c, system, program, pairing);
}

void merge(core::FieldErrors& into, core::FieldErrors more) {
    for (auto& [k, v] : more)
        if (!into.contains(k)) into[k] = std::move(v);
}

[[noreturn]] void refuse_frozen(const core::Plan& x) {
    core::throw_conflict(
        {"计划已" + std::string(x.approval == "approved" ? "批准" : "报送") +
             "，不能修改；请先退回草稿再修改",
         "the plan is " + x.approval + " and cannot be changed; move it back to draft first"},
        {{"approval",
          {"已报送或已批准的计划需先退回草稿", "move the plan back to draft to change it"}}});
}

bool content_changed(const core::Plan& a, const core::Plan& b) {
    return a.program != b.program || a.pairing != b.pairing || a.kind != b.kind ||
           a.title != b.title || a.content != b.content || a.start_date != b.start_date ||
           a.end_date != b.end_date;
}

Params write_params(const core::Plan& x) {
    return {x.program, nullable(x.pairing), x.kind, x.title, x.content, x.start_date, x.end_date};
}
}  // namespace

std::pair<core::Plan, WorkRef> load_readable(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("pl.id = ?", {id});
    Scope(a).work(w, "pl");
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(plan_text);
    auto x = from_row(*row);
    return {x, unscoped_ref(c, x.program, x.pairing)};
}

std::pair<core::Plan, WorkRef> load_for_write(Connection& c, std::int64_t id) {
    auto x = find(c, id);
    if (!x) core::throw_not_found(plan_text);
    return {*x, unscoped_ref(c, x->program, x->pairing)};
}

Page<core::Plan> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 7> known{
        "program", "pairing", "kind", "approval", "year", "institution", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).work(w, "pl");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("pl.program = ?", {parse_id_filter(k, v)});
        if (k == "region") filter_work_region(c, w, v, "pl");
        // The rows of the institution's pairings (as an institution's yearly summary counts).
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add(
                "pl.pairing IN (SELECT fp.id FROM pairings fp WHERE fp.supporter = ? OR "
                "fp.recipient = ?)",
                {id, id});
        }
        if (k == "pairing") {
            if (v == "none")
                w.add("pl.pairing IS NULL");
            else
                w.add("pl.pairing = ?", {parse_id_filter(k, v)});
        }
        if (k == "kind") w.add("pl.kind = ?", {choice_filter(k, v, core::dict::plan_kind)});
        if (k == "approval")
            w.add("pl.approval = ?", {choice_filter(k, v, core::dict::plan_approval)});
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            w.add("pl.start_date <= ? AND pl.end_date >= ?",
                  {std::to_string(y) + "-12-31", std::to_string(y) + "-01-01"});
        }
    }
    if (!q.q.empty()) w.add("lower(pl.title) LIKE lower(?) ESCAPE '\\'", {contains_pattern(q.q)});
    static constexpr std::array<SortField, 6> sorts{SortField{"start_date", "pl.start_date"},
                                                    SortField{"end_date", "pl.end_date"},
                                                    SortField{"id", "pl.id"},
                                                    SortField{"kind", "pl.kind"},
                                                    SortField{"approval", "pl.approval"},
                                                    SortField{"updated_at", "pl.updated_at"}};
    Page<core::Plan> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "plans pl", w);
    for (const auto& row :
         c.query(std::string(select_sql) + w.sql() +
                     order_by(q.sort, sorts, "-start_date", "pl.id") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::Plan get(Connection& c, const core::Actor& a, std::int64_t id) {
    return load_readable(c, a, id).first;
}

core::Plan create(Connection& c, const core::Actor& a, core::Plan x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin()) refuse_read_only();
    if (x.approval != "draft" && !errors.contains("approval"))
        errors["approval"] = {"新计划只能是草稿，请保存后再报送",
                              "a new plan is a draft; submit it after saving"};
    merge(errors, core::validate(x));
    std::optional<WorkRef> ref;
    if (!errors.contains("program") && !errors.contains("pairing")) {
        try {
            ref = load_work_ref(c, a, x.program, x.pairing);
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            merge(errors, e.fields());
        }
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Scope(a).check_work_write(*ref);
    auto now = now_utc();
    Params p = write_params(x);
    p.insert(p.end(), {std::string("draft"), now, now});
    x.id = c.query_int(
        "INSERT INTO plans (program, pairing, kind, title, content, start_date, end_date, "
        "approval, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = *find(c, x.id);
    audit::record(c, a, "create", work_audit_target("plan", x.id, *ref), nullptr,
                  core::to_json(created));
    tx.commit();
    return created;
}

core::Plan update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = load_for_write(c, id);
    Scope(a).check_work_write(ref);
    core::Plan x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    if (!errors.contains("approval") && x.approval != existing.approval)
        errors["approval"] = {"审批状态请通过“报送/批准/退回”操作更改，不能直接修改",
                              "change the approval through the approval steps, not by editing"};
    merge(errors, core::validate(x));
    WorkRef new_ref = ref;
    if (errors.empty() && (x.program != existing.program || x.pairing != existing.pairing)) {
        try {
            new_ref = load_work_ref(c, a, x.program, x.pairing);
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            merge(errors, e.fields());
        }
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    if (!content_changed(existing, x)) {
        tx.commit();
        return existing;
    }
    if (!core::plan_editable(existing.approval)) refuse_frozen(existing);
    Scope(a).check_work_write(new_ref);
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE plans SET program = ?, pairing = ?, kind = ?, title = ?, content = ?, "
        "start_date = ?, end_date = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = *find(c, id);
    audit::record(c, a, "update", work_audit_target("plan", id, new_ref), core::to_json(existing),
                  core::to_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = load_for_write(c, id);
    Scope(a).check_work_write(ref);
    if (!core::plan_editable(existing.approval)) refuse_frozen(existing);
    c.execute("DELETE FROM tasks WHERE plan = ?", {id});
    c.execute("DELETE FROM plans WHERE id = ?", {id});
    files::remove_all(c, "plan", id);
    audit::record(c, a, "delete", work_audit_target("plan", id, ref), core::to_json(existing),
                  nullptr);
    tx.commit();
}

core::Plan set_approval(Connection& c, const core::Actor& a, std::int64_t id,
                        const boost::json::object& body) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = load_for_write(c, id);
    core::Plan x = existing;
    core::FieldErrors errors;
    std::string comment;
    {
        static constexpr std::array labels{core::FieldLabel{"approval", "审批状态", "approval"},
                                           core::FieldLabel{"comment", "审批意见", "comment"}};
        core::FieldReader f(body, labels, errors);
        x.approval.clear();
        f.text("approval", x.approval);
        f.text("comment", comment);
        core::check_choice(labels, errors, "approval", x.approval, core::dict::plan_approval);
        core::check_optional_text(labels, errors, "comment", comment, 1000);
    }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto step = core::approval_step(existing.approval, x.approval);
    if (step == core::ApprovalStep::not_allowed) {
        Scope(a).check_work_write(ref);  // who may not act at all learns that first
        core::throw_conflict(
            core::approval_step_error(existing.approval, x.approval),
            {{"approval", core::approval_step_error(existing.approval, x.approval)}});
    }
    if (step == core::ApprovalStep::by_program)
        Scope(a).check_program_write(ref);
    else
        Scope(a).check_work_write(ref);
    bool needs_reason = x.approval == "rejected" || existing.approval == "approved";
    if (needs_reason && comment.empty())
        core::throw_validation(
            {{"comment",
              x.approval == "rejected"
                  ? core::Text{"退回计划时请填写退回理由", "give the reason for rejecting the plan"}
                  : core::Text{"撤回已批准的计划时请填写理由",
                               "give the reason for reopening an approved plan"}}});
    c.execute("UPDATE plans SET approval = ?, approval_comment = ?, updated_at = ? WHERE id = ?",
              {x.approval, comment, now_utc(), id});
    auto updated = *find(c, id);
    audit::record(c, a, "approval", work_audit_target("plan", id, ref), core::to_json(existing),
                  core::to_json(updated));
    tx.commit();
    return updated;
}

files::FileInfo attach_file(Connection& c, const core::Actor& a, std::int64_t id,
                            std::string_view name, std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = load_for_write(c, id);
    Scope(a).check_work_write(ref);
    if (!core::plan_editable(existing.approval)) refuse_frozen(existing);
    auto target = work_audit_target("plan", id, ref);
    auto info = files::store(c, a, core::FilePurpose::document, "plan", id, name, content, target);
    c.execute("UPDATE plans SET file = ?, updated_at = ? WHERE id = ?", {info.id, now_utc(), id});
    if (existing.file) files::remove(c, a, *existing.file, target);
    tx.commit();
    return info;
}

std::pair<files::FileInfo, std::string> file(Connection& c, const core::Actor& a, std::int64_t id) {
    auto [x, ref] = load_readable(c, a, id);
    std::optional<files::FileInfo> info;
    if (x.file) info = files::find(c, *x.file);
    if (!info) core::throw_not_found({"计划附件", "Plan file"});
    return {*info, files::content(c, info->id)};
}

void remove_file(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto [existing, ref] = load_for_write(c, id);
    Scope(a).check_work_write(ref);
    if (!core::plan_editable(existing.approval)) refuse_frozen(existing);
    if (!existing.file) core::throw_not_found({"计划附件", "Plan file"});
    c.execute("UPDATE plans SET file = NULL, updated_at = ? WHERE id = ?", {now_utc(), id});
    files::remove(c, a, *existing.file, work_audit_target("plan", id, ref));
    tx.commit();
}

}  // namespace bangfu::store::plans
