#include "store/task_repository.hpp"

#include <algorithm>
#include <array>

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/plan_repository.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::tasks {

namespace {
constexpr std::string_view select_sql =
    "SELECT t.id, t.plan, t.description, t.owner_institution, oi.name, t.owner_staff, os.name, "
    "t.period_start, t.due_date, t.metric, t.activity_type, t.target, t.created_at, "
    "t.updated_at, pl.title, pl.program, pl.pairing FROM tasks t JOIN plans pl ON pl.id = t.plan "
    "LEFT JOIN institutions oi ON oi.id = t.owner_institution "
    "LEFT JOIN staff os ON os.id = t.owner_staff";

const core::Text task_text{"任务", "Task"};

core::Task from_row(const Row& r) {
    core::Task x;
    x.id = r.integer(0);
    x.plan = r.integer(1);
    x.description = r.text(2);
    x.owner_institution = r.opt_integer(3);
    x.owner_institution_name = r.text(4);
    x.owner_staff = r.opt_integer(5);
    x.owner_staff_name = r.text(6);
    x.period_start = r.text(7);
    x.due_date = r.text(8);
    x.metric = r.text(9);
    x.activity_type = r.opt_text(10);
    x.target = r.integer(11);
    x.created_at = r.text(12);
    x.updated_at = r.text(13);
    x.plan_title = r.text(14);
    x.program = r.integer(15);
    x.pairing = r.opt_integer(16);
    return x;
}

// The activities that may count towards the task: those of the plan's pairing, or of the whole
// program for a program-level plan, starting within the task's period (core decides the rest).
void compute(Connection& c, core::Task& x, const core::Date& today) {
    std::string sql =
        "SELECT type, start_date, end_date, leaders_count + teachers_count + students_count + "
        "medical_count FROM activities WHERE start_date >= ? AND start_date <= ?";
    Params p{x.period_start, x.due_date};
    if (x.pairing) {
        sql += " AND pairing = ?";
        p.push_back(*x.pairing);
    } else {
        sql += " AND program = ?";
        p.push_back(x.program);
    }
    if (x.activity_type) {
        sql += " AND type = ?";
        p.push_back(*x.activity_type);
    }
    std::vector<core::ActivityFact> facts;
    for (const auto& r : c.query(sql, p))
        facts.push_back({r.text(0), r.text(1), r.text(2), r.integer(3)});
    x.progress = core::compute_progress(core::task_target(x), facts, today);
}

std::optional<core::Task> find(Connection& c, std::int64_t id) {
    auto row = c.query_one(std::string(select_sql) + " WHERE t.id = ?", {id});
    if (!row) return std::nullopt;
    auto x = from_row(*row);
    compute(c, x, today_china());
    return x;
}

void merge(core::FieldErrors& into, core::FieldErrors more) {
    for (auto& [k, v] : more)
        if (!into.contains(k)) into[k] = std::move(v);
}

// An owner must take part in the plan's work: a side of the plan's pairing, or, for a
// program-level plan, an institution under the program's region or a side of one of its
// pairings. A staff owner must work at such an institution.
bool allowed_institution(Connection& c, const WorkRef& ref, std::int64_t institution) {
    if (ref.pairing) return institution == ref.supporter || institution == ref.recipient;
    return c.query_int(
               "SELECT COUNT(*) FROM institutions i WHERE i.id = ? AND ((i.region_path >= ? AND "
               "i.region_path < ?) OR i.id IN (SELECT supporter FROM pairings WHERE program = ?) "
               "OR i.id IN (SELECT recipient FROM pairings WHERE program = ?))",
               {institution, ref.program_path, path_end(ref.program_path), ref.program,
                ref.program}) > 0;
}

void check_owners(Connection& c, const WorkRef& ref, const core::Task& x,
                  core::FieldErrors& errors) {
    if (x.owner_institution && !errors.contains("owner_institution")) {
        if (c.query_int("SELECT COUNT(*) FROM institutions WHERE id = ?", {*x.owner_institution}) ==
            0)
            errors["owner_institution"] = {"责任单位不存在", "owner institution does not exist"};
        else if (!allowed_institution(c, ref, *x.owner_institution))
            errors["owner_institution"] = {
                ref.pairing ? "责任单位应为该结对的帮扶方或受援方"
                            : "责任单位应为本项目区域内的单位或本项目结对的一方",
                ref.pairing ? "owner institution must be the supporter or the recipient"
                            : "owner institution must be in the program's region or a party to "
                              "one of its pairings"};
    }
    if (x.owner_staff && !errors.contains("owner_staff")) {
        auto row = c.query_one("SELECT institution FROM staff WHERE id = ?", {*x.owner_staff});
        if (!row)
            errors["owner_staff"] = {"责任人不存在", "owner does not exist"};
        else if (!allowed_institution(c, ref, row->integer(0)))
            errors["owner_staff"] = {"责任人应在参与本计划的单位任职",
                                     "owner must work at an institution taking part in the plan"};
    }
}

void check_input(Connection& c, const WorkRef& ref, const core::Task& x,
                 core::FieldErrors& errors) {
    merge(errors, core::validate(x));
    if (x.activity_type && !errors.contains("activity_type"))
        dictionaries::check_value(c, "activity_type", core::task_labels(), errors, "activity_type",
                                  *x.activity_type);
    check_owners(c, ref, x, errors);
}

Params write_params(const core::Task& x) {
    return {x.description,
            nullable(x.owner_institution),
            nullable(x.owner_staff),
            x.period_start,
            x.due_date,
            x.metric,
            nullable(x.activity_type),
            x.target};
}

const std::string& status_filter(const ListQuery& q) {
    static const std::string none;
    auto it = q.filters.find("status");
    if (it == q.filters.end()) return none;
    return choice_filter(it->first, it->second, core::dict::task_status);
}

// Progress is computed, so filters on it page in memory after computing every candidate.
Page<core::Task> run(Connection& c, Where w, const ListQuery& q, const std::string& status) {
    static constexpr std::array<SortField, 4> sorts{
        SortField{"due_date", "t.due_date"}, SortField{"period_start", "t.period_start"},
        SortField{"id", "t.id"}, SortField{"updated_at", "t.updated_at"}};
    auto order = order_by(q.sort, sorts, "due_date", "t.id");
    auto today = today_china();
    Page<core::Task> page{{}, 0, q.page, q.page_size};
    if (status.empty()) {
        page.total = c.query_int(
            "SELECT COUNT(*) FROM tasks t JOIN plans pl ON pl.id = t.plan" + w.sql(), w.params());
        for (const auto& row :
             c.query(std::string(select_sql) + w.sql() + order + limit_offset(q), w.params())) {
            auto x = from_row(row);
            compute(c, x, today);
            page.items.push_back(std::move(x));
        }
        return page;
    }
    if (status == "overdue") w.add("t.due_date < ?", {core::format_date(today)});
    std::vector<core::Task> matching;
    for (const auto& row : c.query(std::string(select_sql) + w.sql() + order, w.params())) {
        auto x = from_row(row);
        compute(c, x, today);
        if (x.progress.status == status) matching.push_back(std::move(x));
    }
    page.total = static_cast<std::int64_t>(matching.size());
    auto from = std::min<std::int64_t>((q.page - 1) * q.page_size, page.total);
    auto to = std::min<std::int64_t>(from + q.page_size, page.total);
    page.items.assign(std::make_move_iterator(matching.begin() + from),
                      std::make_move_iterator(matching.begin() + to));
    return page;
}
}  // namespace

Page<core::Task> list_for_plan(Connection& c, const core::Actor& a, std::int64_t plan,
                               const ListQuery& q) {
    static constexpr std::array<std::string_view, 1> known{"status"};
    check_known_filters(q, known);
    plans::load_readable(c, a, plan);
    Where w;
    w.add("t.plan = ?", {plan});
    return run(c, w, q, status_filter(q));
}

Page<core::Task> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 7> known{
        "overdue", "status", "program", "pairing", "plan", "region", "institution"};
    check_known_filters(q, known);
    Where w;
    Scope(a).work(w, "pl");
    std::string status = status_filter(q);
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("pl.program = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("pl.pairing = ?", {parse_id_filter(k, v)});
        if (k == "plan") w.add("t.plan = ?", {parse_id_filter(k, v)});
        // The tasks a bureau of the region / an admin of the institution reads (the dashboard's
        // overdue tasks of a region or an institution).
        if (k == "region") filter_work_region(c, w, v, "pl");
        if (k == "institution") filter_work_institution(w, parse_id_filter(k, v), "pl");
        if (k == "overdue") {
            bool overdue = parse_bool_filter(k, v);
            if (overdue) {
                if (!status.empty() && status != "overdue")
                    bad_parameter(k, {"overdue 与 status 筛选条件矛盾",
                                      "overdue contradicts the status filter"});
                status = "overdue";
            } else if (status.empty()) {
                // Not overdue: everything else. Filtered in memory like the statuses.
                status = "!overdue";
            }
        }
    }
    if (status == "!overdue") {
        auto all = run(c, w, ListQuery{1, 1'000'000, {}, q.sort, {}}, "");
        std::erase_if(all.items, [](const auto& x) { return x.progress.status == "overdue"; });
        Page<core::Task> page{{}, static_cast<std::int64_t>(all.items.size()), q.page, q.page_size};
        auto from = std::min<std::int64_t>((q.page - 1) * q.page_size, page.total);
        auto to = std::min<std::int64_t>(from + q.page_size, page.total);
        page.items.assign(all.items.begin() + from, all.items.begin() + to);
        return page;
    }
    return run(c, w, q, status);
}

core::Task get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("t.id = ?", {id});
    Scope(a).work(w, "pl");
    auto row = c.query_one(std::string(select_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(task_text);
    auto x = from_row(*row);
    compute(c, x, today_china());
    return x;
}

core::Task create(Connection& c, const core::Actor& a, std::int64_t plan, core::Task x,
                  core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    // The plan must be readable (404 otherwise), then writable (403).
    auto [p, ref] =
        load_or_refuse(c, "plans", plan, [&] { return plans::load_readable(c, a, plan); });
    Scope(a).check_work_write(ref);
    x.plan = plan;
    check_input(c, ref, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    Params params{plan};
    auto w = write_params(x);
    params.insert(params.end(), w.begin(), w.end());
    params.insert(params.end(), {now, now});
    x.id = c.query_int(
        "INSERT INTO tasks (plan, description, owner_institution, owner_staff, period_start, "
        "due_date, metric, activity_type, target, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        params);
    auto created = *find(c, x.id);
    audit::record(c, a, "create", work_audit_target("task", x.id, ref), nullptr,
                  core::to_json(created));
    tx.commit();
    return created;
}

core::Task update(Connection& c, const core::Actor& a, std::int64_t id,
                  const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(task_text);
    auto [p, ref] = plans::load_for_write(c, existing->plan);
    Scope(a).check_work_write(ref);
    core::Task x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    // `plan` is accepted back as sent, but a task does not move to another plan.
    if (auto* v = patch.if_contains("plan"); v && !(v->is_int64() && v->get_int64() == x.plan))
        errors["plan"] = {"任务不能移到其他计划，请在目标计划下新建任务",
                          "a task does not move to another plan; add it under that plan"};
    check_input(c, ref, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Params params = write_params(x);
    params.push_back(now_utc());
    params.push_back(id);
    c.execute(
        "UPDATE tasks SET description = ?, owner_institution = ?, owner_staff = ?, "
        "period_start = ?, due_date = ?, metric = ?, activity_type = ?, target = ?, "
        "updated_at = ? WHERE id = ?",
        params);
    auto updated = *find(c, id);
    audit::record(c, a, "update", work_audit_target("task", id, ref), core::to_json(*existing),
                  core::to_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(task_text);
    auto [p, ref] = plans::load_for_write(c, existing->plan);
    Scope(a).check_work_write(ref);
    c.execute("DELETE FROM tasks WHERE id = ?", {id});
    audit::record(c, a, "delete", work_audit_target("task", id, ref), core::to_json(*existing),
                  nullptr);
    tx.commit();
}

}  // namespace bangfu::store::tasks
