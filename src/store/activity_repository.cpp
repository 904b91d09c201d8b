#include "store/activity_repository.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::activities {

namespace {
constexpr std::string_view owner_kind = "activity";
const core::Text activity_text{"帮扶活动", "Activity"};
const core::Text attachment_text{"附件", "Attachment"};

constexpr std::string_view select_sql =
    "SELECT a.id, a.program, p.name, a.pairing, sup.name, rec.name, a.type, a.start_date, "
    "a.end_date, a.host_institution, hi.name, a.visiting_institution, vi.name, a.leaders_count, "
    "a.teachers_count, a.students_count, a.medical_count, a.subject, a.topic, a.content, "
    "a.outcome, a.teacher, ts.name, a.audience_size, a.created_at, a.updated_at, "
    "(SELECT COUNT(*) FROM files f WHERE f.owner_kind = 'activity' AND f.owner_id = a.id)";
constexpr std::string_view from_sql =
    " FROM activities a JOIN programs p ON p.id = a.program "
    "LEFT JOIN pairings pr ON pr.id = a.pairing "
    "LEFT JOIN institutions sup ON sup.id = pr.supporter "
    "LEFT JOIN institutions rec ON rec.id = pr.recipient "
    "JOIN institutions hi ON hi.id = a.host_institution "
    "LEFT JOIN institutions vi ON vi.id = a.visiting_institution "
    "LEFT JOIN staff ts ON ts.id = a.teacher";

// The labels of the activity types (built-in and added), keyed by code.
std::map<std::string, core::Text> type_labels(Connection& c) {
    std::map<std::string, core::Text> out;
    for (const auto& e : dictionaries::entries(c, "activity_type")) out[e.value] = {e.zh, e.en};
    return out;
}

core::Activity from_row(const Row& row, const std::map<std::string, core::Text>& types) {
    core::Activity x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = row.text(4) + " → " + row.text(5);
    x.type = row.text(6);
    auto t = types.find(x.type);
    x.type_label = t == types.end() ? core::Text{x.type, x.type} : t->second;
    x.start_date = row.text(7);
    x.end_date = row.text(8);
    x.host_institution = row.integer(9);
    x.host_name = row.text(10);
    x.visiting_institution = row.opt_integer(11);
    x.visiting_name = row.is_null(12) ? "" : row.text(12);
    x.leaders_count = row.integer(13);
    x.teachers_count = row.integer(14);
    x.students_count = row.integer(15);
    x.medical_count = row.integer(16);
    x.subject = row.text(17);
    x.topic = row.text(18);
    x.content = row.text(19);
    x.outcome = row.text(20);
    x.teacher = row.opt_integer(21);
    x.teacher_name = row.is_null(22) ? "" : row.text(22);
    x.audience_size = row.integer(23);
    x.created_at = row.text(24);
    x.updated_at = row.text(25);
    x.attachment_count = row.integer(26);
    return x;
}

// Fills the participants of the given activities with one query.
void load_participants(Connection& c, std::vector<core::Activity>& items) {
    if (items.empty()) return;
    std::string in;
    Params p;
    std::map<std::int64_t, core::Activity*> by_id;
    for (auto& x : items) {
        in += in.empty() ? "?" : ", ?";
        p.push_back(x.id);
        by_id[x.id] = &x;
    }
    for (const auto& row : c.query(
             "SELECT ap.activity, ap.staff, ap.role, s.name, i.name FROM activity_participants ap "
             "JOIN staff s ON s.id = ap.staff JOIN institutions i ON i.id = s.institution "
             "WHERE ap.activity IN (" +
                 in + ") ORDER BY ap.activity, s.name_key, ap.staff",
             p))
        by_id.at(row.integer(0))
            ->participants.push_back({row.integer(1), row.text(2), row.text(3), row.text(4)});
}

std::optional<core::Activity> find_scoped(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("a.id = ?", {id});
    Scope(a).work(w, "a");
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) return std::nullopt;
    std::vector<core::Activity> one{from_row(*row, type_labels(c))};
    load_participants(c, one);
    return std::move(one.front());
}

core::Activity load(Connection& c, const core::Actor& a, std::int64_t id) {
    auto x = find_scoped(c, a, id);
    if (!x) core::throw_not_found(activity_text);
    return std::move(*x);
}

// A validation error thrown by a lookup, merged into the errors being collected so the user
// sees every problem at once.
template <class F>
void collect(core::FieldErrors& errors, F&& f) {
    try {
        f();
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::validation) throw;
        for (const auto& [k, v] : e.fields())
            if (!errors.contains(k)) errors[k] = v;
    }
}

bool institution_exists(Connection& c, std::int64_t id) {
    return c.query_int("SELECT COUNT(*) FROM institutions WHERE id = ?", {id}) > 0;
}

// Whether the actor may read this staff member (scope of the registry).
bool staff_readable(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("s.id = ?", {id});
    Scope(a).staff(w);
    return c.query_int(
               "SELECT COUNT(*) FROM staff s JOIN institutions i ON i.id = s.institution "
               "JOIN regions r ON r.code = i.region" +
                   w.sql(),
               w.params()) > 0;
}

// Called when load_work_ref refused the program or pairing: refuses with 403 when they exist
// and fit together (so the refusal was the scope), else lets the validation error stand.
void refuse_if_out_of_scope(Connection& c, const core::Activity& x, const core::Error& e) {
    if (c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {x.program}) == 0) return;
    if (e.fields().contains("program")) refuse_out_of_scope("program");
    if (x.pairing && c.query_int("SELECT COUNT(*) FROM pairings WHERE id = ? AND program = ?",
                                 {*x.pairing, x.program}) > 0)
        refuse_out_of_scope("pairing");
}

// Every rule of a record about to be written; returns the program/pairing it belongs to.
// `before` is the stored record on update: people already recorded on it stay acceptable even
// when the actor cannot read them (a bureau editing a cross-region visit keeps the visitors).
WorkRef check_record(Connection& c, const core::Actor& a, const core::Activity& x,
                     core::FieldErrors errors, const core::Activity* before = nullptr) {
    auto recorded = [&](std::int64_t staff) {
        if (!before) return false;
        if (before->teacher == staff) return true;
        return std::any_of(before->participants.begin(), before->participants.end(),
                           [&](const core::ActivityParticipant& p) { return p.staff == staff; });
    };
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    const auto labels = core::activity_labels();
    if (!errors.contains("type"))
        dictionaries::check_value(c, "activity_type", labels, errors, "type", x.type);
    WorkRef ref;
    bool have_ref = false;
    if (!errors.contains("program") && !errors.contains("pairing"))
        collect(errors, [&] {
            try {
                ref = load_work_ref(c, a, x.program, x.pairing);
                have_ref = true;
            } catch (const core::Error& e) {
                // As in the registry, pointing a write at something that exists outside the
                // actor's scope is a 403 naming the field; only what does not exist (or does not
                // fit) is a validation error.
                if (e.kind() == core::ErrorKind::validation) refuse_if_out_of_scope(c, x, e);
                throw;
            }
        });
    if (have_ref && ref.pairing) {
        core::check_direction(x, ref.supporter, ref.recipient, errors);
    } else if (!x.pairing) {
        if (!errors.contains("host_institution") && x.host_institution > 0 &&
            !institution_exists(c, x.host_institution))
            errors["host_institution"] = {"承办单位不存在", "the host institution does not exist"};
        if (!errors.contains("visiting_institution") && x.visiting_institution &&
            !institution_exists(c, *x.visiting_institution))
            errors["visiting_institution"] = {"来访单位不存在",
                                              "the visiting institution does not exist"};
    }
    if (!errors.contains("teacher") && x.teacher && *x.teacher > 0 && !recorded(*x.teacher) &&
        !staff_readable(c, a, *x.teacher))
        errors["teacher"] = {"授课教师不存在或不在您的管辖范围内",
                             "the teacher does not exist or is outside your data scope"};
    if (!errors.contains("participants"))
        for (const auto& p : x.participants)
            if (!recorded(p.staff) && !staff_readable(c, a, p.staff)) {
                errors["participants"] = {"参加人员中编号 " + std::to_string(p.staff) +
                                              " 的人员不存在或不在您的管辖范围内",
                                          "participant " + std::to_string(p.staff) +
                                              " does not exist or is outside your data scope"};
                break;
            }
    if (!errors.empty()) core::throw_validation(std::move(errors));
    return ref;
}

Params write_params(const core::Activity& x) {
    return {x.program,
            nullable(x.pairing),
            x.type,
            x.start_date,
            x.end_date,
            x.host_institution,
            nullable(x.visiting_institution),
            x.leaders_count,
            x.teachers_count,
            x.students_count,
            x.medical_count,
            x.subject,
            x.topic,
            x.content,
            x.outcome,
            nullable(x.teacher),
            x.audience_size};
}

void write_participants(Connection& c, std::int64_t id,
                        const std::vector<core::ActivityParticipant>& ps) {
    c.execute("DELETE FROM activity_participants WHERE activity = ?", {id});
    for (const auto& p : ps)
        c.execute("INSERT INTO activity_participants (activity, staff, role) VALUES (?, ?, ?)",
                  {id, p.staff, p.role});
}

boost::json::object audit_json(const core::Activity& x) {
    return core::to_json(x, "zh");
}

// Filters shared by the list, the export and the statistics.
Where filtered(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 8> known{
        "program", "pairing", "type", "date_from", "date_to", "institution", "teacher", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).work(w, "a");
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("a.program = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("a.pairing = ?", {parse_id_filter(k, v)});
        if (k == "teacher") w.add("a.teacher = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("a.host_institution = ? OR a.visiting_institution = ?", {id, id});
        }
        if (k == "region") filter_work_region(c, w, v, "a");
        if (k == "type") {
            auto entries = dictionaries::entries(c, "activity_type");
            if (std::none_of(
                    entries.begin(), entries.end(),
                    [&value = v](const dictionaries::Entry& e) { return e.value == value; })) {
                std::string zh, en;
                for (const auto& e : entries) {
                    zh += (zh.empty() ? "" : "、") + e.value;
                    en += (en.empty() ? "" : ", ") + e.value;
                }
                bad_parameter(k, {"应为：" + zh, "must be one of " + en});
            }
            w.add("a.type = ?", {v});
        }
        if (k == "date_from" || k == "date_to") {
            auto d = core::parse_date(v);
            if (!d) bad_parameter(k, {"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
            // Overlap with the range: a three-day training from 30 Oct counts in November too.
            if (k == "date_from")
                w.add("a.end_date >= ?", {core::format_date(*d)});
            else
                w.add("a.start_date <= ?", {core::format_date(*d)});
        }
    }
    auto from = q.filters.find("date_from");
    auto to = q.filters.find("date_to");
    if (from != q.filters.end() && to != q.filters.end() &&
        *core::parse_date(to->second) < *core::parse_date(from->second))
        bad_parameter("date_to",
                      {"不能早于 date_from（开始日期）", "must not be before date_from"});
    if (!q.q.empty())
        w.add(
            "lower(a.topic) LIKE lower(?) ESCAPE '\\' OR lower(a.content) LIKE lower(?) ESCAPE "
            "'\\'",
            {contains_pattern(q.q), contains_pattern(q.q)});
    return w;
}

WorkRef ref_of(Connection& c, const core::Actor& a, const core::Activity& x) {
    return load_work_ref(c, a, x.program, x.pairing);
}
}  // namespace

Page<core::Activity> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w = filtered(c, a, q);
    static constexpr std::array<SortField, 5> sorts{
        SortField{"start_date", "a.start_date"}, SortField{"end_date", "a.end_date"},
        SortField{"id", "a.id"}, SortField{"type", "a.type"},
        SortField{"updated_at", "a.updated_at"}};
    Page<core::Activity> page{{}, 0, q.page, q.page_size};
    // Every condition names activity columns only, so the count needs no join.
    count_capped(c, page, "activities a", w);
    auto types = type_labels(c);
    for (const auto& row :
         c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                     order_by(q.sort, sorts, "-start_date", "a.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row, types));
    load_participants(c, page.items);
    return page;
}

core::Activity get(Connection& c, const core::Actor& a, std::int64_t id) {
    return load(c, a, id);
}

core::Activity create(Connection& c, const core::Actor& a, core::Activity x,
                      core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    // A read-only role is told so whatever it sent.
    if (!a.is_admin()) refuse_read_only();
    WorkRef ref = check_record(c, a, x, std::move(errors));
    Scope(a).check_work_write(ref);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO activities (program, pairing, type, start_date, end_date, host_institution, "
        "visiting_institution, leaders_count, teachers_count, students_count, medical_count, "
        "subject, topic, content, outcome, teacher, audience_size, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    write_participants(c, x.id, x.participants);
    auto created = load(c, a, x.id);
    audit::record(c, a, "create", work_audit_target("activity", x.id, ref), nullptr,
                  audit_json(created));
    tx.commit();
    return created;
}

core::Activity update(Connection& c, const core::Actor& a, std::int64_t id,
                      const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "activities", id, [&] { return load(c, a, id); });
    Scope(a).check_work_write(ref_of(c, a, existing));
    core::Activity x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    WorkRef ref = check_record(c, a, x, std::move(errors), &existing);
    // Moving the activity to another program or pairing needs the right to record there too.
    Scope(a).check_work_write(ref);
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE activities SET program = ?, pairing = ?, type = ?, start_date = ?, end_date = ?, "
        "host_institution = ?, visiting_institution = ?, leaders_count = ?, teachers_count = ?, "
        "students_count = ?, medical_count = ?, subject = ?, topic = ?, content = ?, outcome = ?, "
        "teacher = ?, audience_size = ?, updated_at = ? WHERE id = ?",
        p);
    if (patch.contains("participants")) write_participants(c, id, x.participants);
    auto updated = load(c, a, id);
    audit::record(c, a, "update", work_audit_target("activity", id, ref), audit_json(existing),
                  audit_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "activities", id, [&] { return load(c, a, id); });
    auto ref = ref_of(c, a, existing);
    Scope(a).check_work_write(ref);
    files::remove_all(c, owner_kind, id);
    c.execute("DELETE FROM activity_participants WHERE activity = ?", {id});
    c.execute("DELETE FROM activities WHERE id = ?", {id});
    audit::record(c, a, "delete", work_audit_target("activity", id, ref), audit_json(existing),
                  nullptr);
    tx.commit();
}

std::vector<StatsRow> stats(Connection& c, const core::Actor& a, const ListQuery& q,
                            StatsGroup group) {
    Where w = filtered(c, a, q);
    std::string key = group == StatsGroup::type ? "a.type" : "substr(a.start_date, 1, 7)";
    std::vector<StatsRow> rows;
    for (const auto& row : c.query(
             "SELECT " + key +
                 ", COUNT(*), CAST(SUM(a.leaders_count) AS BIGINT), CAST(SUM(a.teachers_count) AS "
                 "BIGINT), CAST(SUM(a.students_count) AS BIGINT), CAST(SUM(a.medical_count) AS "
                 "BIGINT) FROM activities a" +
                 w.sql() + " GROUP BY 1 ORDER BY 1",
             w.params())) {
        StatsRow r;
        r.key = row.text(0);
        r.activities = row.integer(1);
        r.leaders = row.integer(2);
        r.teachers = row.integer(3);
        r.students = row.integer(4);
        r.medical = row.integer(5);
        r.person_times = r.leaders + r.teachers + r.students + r.medical;
        if (group == StatsGroup::month)
            r.label = {
                r.key.substr(0, 4) + "年" + std::to_string(std::stoi(r.key.substr(5, 2))) + "月",
                r.key};
        rows.push_back(std::move(r));
    }
    if (group == StatsGroup::type) {
        // Dictionary order, as the type select lists them.
        auto entries = dictionaries::entries(c, "activity_type");
        auto rank = [&](const std::string& code) {
            auto it = std::find_if(entries.begin(), entries.end(),
                                   [&](const dictionaries::Entry& e) { return e.value == code; });
            return static_cast<std::size_t>(it - entries.begin());
        };
        for (auto& r : rows) {
            auto i = rank(r.key);
            r.label = i < entries.size() ? core::Text{entries[i].zh, entries[i].en}
                                         : core::Text{r.key, r.key};
        }
        std::stable_sort(rows.begin(), rows.end(), [&](const StatsRow& x, const StatsRow& y) {
            return rank(x.key) < rank(y.key);
        });
    }
    return rows;
}

boost::json::object to_json(const StatsRow& r, std::string_view lang) {
    return {{"key", r.key},
            {"label", r.label.in(lang)},
            {"activities", r.activities},
            {"person_times", r.person_times},
            {"leaders", r.leaders},
            {"teachers", r.teachers},
            {"students", r.students},
            {"medical", r.medical}};
}

files::FileInfo add_attachment(Connection& c, const core::Actor& a, std::int64_t id,
                               std::string_view name, std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "activities", id, [&] { return load(c, a, id); });
    auto ref = ref_of(c, a, existing);
    Scope(a).check_work_write(ref);
    auto info = files::store(c, a, core::FilePurpose::photo_or_document, owner_kind, id, name,
                             content, work_audit_target("activity", id, ref));
    tx.commit();
    return info;
}

std::vector<files::FileInfo> attachments(Connection& c, const core::Actor& a, std::int64_t id) {
    load(c, a, id);
    return files::list(c, owner_kind, id);
}

std::pair<files::FileInfo, std::string> attachment(Connection& c, const core::Actor& a,
                                                   std::int64_t id, std::int64_t file) {
    load(c, a, id);
    auto info = files::find(c, file);
    // A file of another owner is not reachable through this activity.
    if (!info || info->owner_kind != owner_kind || info->owner_id != id)
        core::throw_not_found(attachment_text);
    return {*info, files::content(c, file)};
}

void remove_attachment(Connection& c, const core::Actor& a, std::int64_t id, std::int64_t file) {
    Transaction tx(c, Transaction::write);
    auto existing = load_or_refuse(c, "activities", id, [&] { return load(c, a, id); });
    auto ref = ref_of(c, a, existing);
    Scope(a).check_work_write(ref);
    auto info = files::find(c, file);
    if (!info || info->owner_kind != owner_kind || info->owner_id != id)
        core::throw_not_found(attachment_text);
    files::remove(c, a, file, work_audit_target("activity", id, ref));
    tx.commit();
}

}  // namespace bangfu::store::activities
