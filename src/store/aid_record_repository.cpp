#include "store/aid_record_repository.hpp"

#include <algorithm>
#include <array>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/money.hpp"
#include "store/aid_case_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::aid {

namespace {
constexpr std::string_view owner_kind = "aid_record";
const core::Text record_text{"帮扶记录", "Aid record"};
const core::Text outcome_text{"帮扶成效", "Aid outcome"};
const core::Text attachment_text{"附件", "Attachment"};

constexpr std::string_view record_select =
    "SELECT r.id, r.aid_case, r.record_date, r.kind, r.duration_minutes, r.amount_fen, "
    "r.monthly_wage_fen, r.notes, r.recorded_by, u.display_name, r.created_at, r.updated_at, "
    "(SELECT COUNT(*) FROM files f WHERE f.owner_kind = 'aid_record' AND f.owner_id = r.id) "
    "FROM aid_records r LEFT JOIN users u ON u.id = r.recorded_by";

core::AidRecord record_from_row(const Row& row) {
    core::AidRecord x;
    x.id = row.integer(0);
    x.aid_case = row.integer(1);
    x.record_date = row.text(2);
    x.kind = row.text(3);
    x.duration_minutes = row.integer(4);
    x.amount_fen = row.integer(5);
    x.monthly_wage_fen = row.opt_integer(6);
    x.notes = row.text(7);
    x.recorded_by = row.opt_integer(8);
    x.recorded_by_name = row.text(9);
    x.created_at = row.text(10);
    x.updated_at = row.text(11);
    x.attachment_count = row.integer(12);
    return x;
}

constexpr std::string_view outcome_select =
    "SELECT id, aid_case, recorded_on, note, grade_score, attendance_percent, employed, "
    "monthly_wage_fen, created_at, updated_at FROM aid_outcomes";

core::AidOutcome outcome_from_row(const Row& row) {
    core::AidOutcome x;
    x.id = row.integer(0);
    x.aid_case = row.integer(1);
    x.recorded_on = row.text(2);
    x.note = row.text(3);
    x.grade_score = row.text(4);
    x.attendance_percent = row.opt_integer(5);
    if (!row.is_null(6)) x.employed = row.boolean(6);
    x.monthly_wage_fen = row.opt_integer(7);
    x.created_at = row.text(8);
    x.updated_at = row.text(9);
    return x;
}

core::AidRecord load_record(Connection& c, std::int64_t case_id, std::int64_t id) {
    auto row = c.query_one(std::string(record_select) + " WHERE r.id = ? AND r.aid_case = ?",
                           {id, case_id});
    if (!row) core::throw_not_found(record_text);
    return record_from_row(*row);
}

core::AidOutcome load_outcome(Connection& c, std::int64_t case_id, std::int64_t id) {
    auto row =
        c.query_one(std::string(outcome_select) + " WHERE id = ? AND aid_case = ?", {id, case_id});
    if (!row) core::throw_not_found(outcome_text);
    return outcome_from_row(*row);
}

void check_record(const core::AidRecord& x, const core::AidCase& ac, core::FieldErrors errors) {
    for (auto& [k, v] : core::validate(x, today_china(), ac.start_date, ac.end_date))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
}

void check_outcome(const core::AidOutcome& x, const core::AidCase& ac, core::FieldErrors errors) {
    for (auto& [k, v] : core::validate(x, today_china()))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.contains("recorded_on") && x.recorded_on < ac.start_date)
        errors["recorded_on"] = {"日期不能早于帮扶开始日期 " + ac.start_date,
                                 "date must not be before the case's start " + ac.start_date};
    if (!errors.empty()) core::throw_validation(std::move(errors));
}

// The case, readable (404) and writable by the actor (403).
core::AidCase writable_case(Connection& c, const core::Actor& a, std::int64_t case_id) {
    auto ac =
        load_or_refuse(c, "aid_cases", case_id, [&] { return load(c, a, case_id, today_china()); });
    check_record_write(a, ac);
    return ac;
}

Params record_params(const core::AidRecord& x) {
    return {x.record_date, x.kind, x.duration_minutes, x.amount_fen, nullable(x.monthly_wage_fen),
            x.notes};
}

Params outcome_params(const core::AidOutcome& x) {
    Param employed = x.employed ? Param(std::int64_t{*x.employed ? 1 : 0}) : Param(nullptr);
    return {x.recorded_on, x.note,
            x.grade_score, nullable(x.attendance_percent),
            employed,      nullable(x.monthly_wage_fen)};
}

std::string month_label_zh(const std::string& key) {
    return key.substr(0, 4) + "年" + std::to_string(std::stoi(key.substr(5, 2))) + "月";
}
}  // namespace

std::vector<core::AidRecord> records(Connection& c, const core::Actor& a, std::int64_t case_id) {
    load(c, a, case_id, today_china());
    std::vector<core::AidRecord> out;
    for (const auto& row :
         c.query(std::string(record_select) +
                     " WHERE r.aid_case = ? ORDER BY r.record_date DESC, r.id DESC",
                 {case_id}))
        out.push_back(record_from_row(row));
    return out;
}

core::AidRecord create_record(Connection& c, const core::Actor& a, std::int64_t case_id,
                              core::AidRecord x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    check_record(x, ac, std::move(errors));
    auto now = now_utc();
    Params p = record_params(x);
    p.insert(p.begin(), case_id);
    p.push_back(a.user_id > 0 ? Param(a.user_id) : Param(nullptr));
    p.push_back(now);
    p.push_back(now);
    auto id = c.query_int(
        "INSERT INTO aid_records (aid_case, record_date, kind, duration_minutes, amount_fen, "
        "monthly_wage_fen, notes, recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?) RETURNING id",
        p);
    refresh_due(c, case_id);
    auto created = load_record(c, case_id, id);
    audit::record(c, a, "create", audit_target(c, "aid_record", id, ac), nullptr,
                  core::to_json(created, "zh"));
    tx.commit();
    return created;
}

core::AidRecord update_record(Connection& c, const core::Actor& a, std::int64_t case_id,
                              std::int64_t id, const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    auto existing = load_record(c, case_id, id);
    auto x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    check_record(x, ac, std::move(errors));
    Params p = record_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE aid_records SET record_date = ?, kind = ?, duration_minutes = ?, amount_fen = ?, "
        "monthly_wage_fen = ?, notes = ?, updated_at = ? WHERE id = ?",
        p);
    refresh_due(c, case_id);
    auto updated = load_record(c, case_id, id);
    audit::record(c, a, "update", audit_target(c, "aid_record", id, ac),
                  core::to_json(existing, "zh"), core::to_json(updated, "zh"));
    tx.commit();
    return updated;
}

void remove_record(Connection& c, const core::Actor& a, std::int64_t case_id, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    auto existing = load_record(c, case_id, id);
    files::remove_all(c, owner_kind, id);
    c.execute("DELETE FROM aid_records WHERE id = ?", {id});
    refresh_due(c, case_id);
    audit::record(c, a, "delete", audit_target(c, "aid_record", id, ac),
                  core::to_json(existing, "zh"), nullptr);
    tx.commit();
}

files::FileInfo add_attachment(Connection& c, const core::Actor& a, std::int64_t case_id,
                               std::int64_t record, std::string_view name,
                               std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    load_record(c, case_id, record);
    auto info = files::store(c, a, core::FilePurpose::photo_or_document, owner_kind, record, name,
                             content, audit_target(c, "aid_record", record, ac));
    tx.commit();
    return info;
}

std::vector<files::FileInfo> attachments(Connection& c, const core::Actor& a, std::int64_t case_id,
                                         std::int64_t record) {
    load(c, a, case_id, today_china());
    load_record(c, case_id, record);
    return files::list(c, owner_kind, record);
}

std::pair<files::FileInfo, std::string> attachment(Connection& c, const core::Actor& a,
                                                   std::int64_t case_id, std::int64_t record,
                                                   std::int64_t file) {
    load(c, a, case_id, today_china());
    load_record(c, case_id, record);
    auto info = files::find(c, file);
    // A file of another owner is not reachable through this record.
    if (!info || info->owner_kind != owner_kind || info->owner_id != record)
        core::throw_not_found(attachment_text);
    return {*info, files::content(c, file)};
}

void remove_attachment(Connection& c, const core::Actor& a, std::int64_t case_id,
                       std::int64_t record, std::int64_t file) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    load_record(c, case_id, record);
    auto info = files::find(c, file);
    if (!info || info->owner_kind != owner_kind || info->owner_id != record)
        core::throw_not_found(attachment_text);
    files::remove(c, a, file, audit_target(c, "aid_record", record, ac));
    tx.commit();
}

std::vector<core::AidOutcome> outcomes(Connection& c, const core::Actor& a, std::int64_t case_id) {
    load(c, a, case_id, today_china());
    std::vector<core::AidOutcome> out;
    for (const auto& row : c.query(
             std::string(outcome_select) + " WHERE aid_case = ? ORDER BY recorded_on DESC, id DESC",
             {case_id}))
        out.push_back(outcome_from_row(row));
    return out;
}

core::AidOutcome create_outcome(Connection& c, const core::Actor& a, std::int64_t case_id,
                                core::AidOutcome x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    check_outcome(x, ac, std::move(errors));
    auto now = now_utc();
    Params p = outcome_params(x);
    p.insert(p.begin(), case_id);
    p.push_back(now);
    p.push_back(now);
    auto id = c.query_int(
        "INSERT INTO aid_outcomes (aid_case, recorded_on, note, grade_score, attendance_percent, "
        "employed, monthly_wage_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        p);
    auto created = load_outcome(c, case_id, id);
    audit::record(c, a, "create", audit_target(c, "aid_outcome", id, ac), nullptr,
                  core::to_json(created));
    tx.commit();
    return created;
}

core::AidOutcome update_outcome(Connection& c, const core::Actor& a, std::int64_t case_id,
                                std::int64_t id, const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    auto existing = load_outcome(c, case_id, id);
    auto x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    check_outcome(x, ac, std::move(errors));
    Params p = outcome_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE aid_outcomes SET recorded_on = ?, note = ?, grade_score = ?, attendance_percent "
        "= ?, employed = ?, monthly_wage_fen = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = load_outcome(c, case_id, id);
    audit::record(c, a, "update", audit_target(c, "aid_outcome", id, ac), core::to_json(existing),
                  core::to_json(updated));
    tx.commit();
    return updated;
}

void remove_outcome(Connection& c, const core::Actor& a, std::int64_t case_id, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ac = writable_case(c, a, case_id);
    auto existing = load_outcome(c, case_id, id);
    c.execute("DELETE FROM aid_outcomes WHERE id = ?", {id});
    audit::record(c, a, "delete", audit_target(c, "aid_outcome", id, ac), core::to_json(existing),
                  nullptr);
    tx.commit();
}

Statistics statistics(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 8> known{
        "institution",      "helper_institution", "program", "helper_staff",
        "beneficiary_kind", "date_from",          "date_to", "region"};
    check_known_filters(q, known);
    Where cases;  // conditions on the cases
    Scope(a).aid_cases(cases);
    Where dates;  // conditions on the records
    std::string from_day, to_day;
    for (const auto& [k, v] : q.filters) {
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            cases.add("ac.helper_institution = ? OR b.institution = ?", {id, id});
        }
        if (k == "helper_institution")
            cases.add("ac.helper_institution = ?", {parse_id_filter(k, v)});
        if (k == "program") cases.add("ac.program = ?", {parse_id_filter(k, v)});
        if (k == "helper_staff") cases.add("ac.helper_staff = ?", {parse_id_filter(k, v)});
        if (k == "region") filter_aid_region(c, cases, v);
        if (k == "beneficiary_kind") {
            if (v != "student" && v != "household")
                bad_parameter(k, {"应为 student（学生）或 household（家庭）",
                                  "must be student or household"});
            cases.add("b.kind = ?", {v});
        }
        if (k == "date_from" || k == "date_to") {
            auto d = core::parse_date(v);
            if (!d) bad_parameter(k, {"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"});
            (k == "date_from" ? from_day : to_day) = core::format_date(*d);
        }
    }
    if (!from_day.empty() && !to_day.empty() && to_day < from_day)
        bad_parameter("date_to",
                      {"不能早于 date_from（开始日期）", "must not be before date_from"});
    std::string case_from = " FROM aid_cases ac JOIN beneficiaries b ON b.id = ac.beneficiary";
    // Driven from the cases: the scope and the filters pick the cases, then each case's records
    // of the period come from the index aid_records_case_kind (migration 6) alone. CROSS JOIN
    // keeps SQLite from starting at the date index instead, which fetched every record of the
    // year from the table, then its case and beneficiary: 8x slower at a tenth of the province
    // (bench/README.md). PostgreSQL plans the join itself either way.
    std::string record_from = case_from + " CROSS JOIN aid_records r";
    Where w = cases;
    w.add("r.aid_case = ac.id");
    if (!from_day.empty()) w.add("r.record_date >= ?", {from_day});
    if (!to_day.empty()) w.add("r.record_date <= ?", {to_day});
    Statistics s;
    auto counts =
        c.query_one("SELECT COUNT(*), COUNT(DISTINCT ac.beneficiary)" + case_from + cases.sql(),
                    cases.params());
    s.cases = counts->integer(0);
    s.beneficiaries = counts->integer(1);
    // By kind, the job placements' lowest wage and how many people earn the threshold or more ride
    // along as conditional aggregates: one pass over the records instead of three.
    const std::string jobs_columns =
        ", MIN(CASE WHEN r.kind = 'job_placement' THEN r.monthly_wage_fen END), "
        "COUNT(DISTINCT CASE WHEN r.kind = 'job_placement' AND r.monthly_wage_fen >= ? THEN "
        "ac.beneficiary END)";
    auto group = [&](const std::string& key, bool jobs) {
        Params params;
        if (jobs) params.push_back(core::employed_wage_threshold_fen);
        for (const auto& p : w.params()) params.push_back(p);
        std::vector<StatsRow> rows;
        for (const auto& row :
             c.query("SELECT " + key +
                         ", COUNT(*), COUNT(DISTINCT ac.beneficiary), CAST(SUM(r.duration_minutes) "
                         "AS BIGINT), CAST(SUM(r.amount_fen) AS BIGINT)" +
                         (jobs ? jobs_columns : std::string()) + record_from + w.sql() +
                         " GROUP BY 1 ORDER BY 1",
                     params)) {
            rows.push_back(
                {row.text(0), {}, row.integer(1), row.integer(2), row.integer(3), row.integer(4)});
            if (jobs && row.text(0) == "job_placement") {
                s.lowest_monthly_wage_fen = row.opt_integer(5);
                s.employed_at_threshold = row.integer(6);
            }
        }
        return rows;
    };
    s.by_kind = group("r.kind", true);
    s.by_month = group("substr(r.record_date, 1, 7)", false);
    auto rank = [](const std::string& code) {
        auto opts = core::dict::aid_help_kind.options();
        auto it = std::find_if(opts.begin(), opts.end(),
                               [&](const core::Option& o) { return o.value == code; });
        return static_cast<std::size_t>(it - opts.begin());
    };
    for (auto& r : s.by_kind) {
        const auto* o = core::dict::aid_help_kind.find(r.key);
        r.label = o ? core::Text{std::string(o->zh), std::string(o->en)} : core::Text{r.key, r.key};
        s.records += r.records;
        s.amount_fen += r.amount_fen;
        if (r.key == "counselling") s.counselled = r.beneficiaries;
        if (r.key == "tuition_exemption") s.tuition_exemptions = r.records;
        if (r.key == "work_study") s.work_study_places = r.records;
        if (r.key == "job_placement") s.people_employed = r.beneficiaries;  // people, not jobs
    }
    std::stable_sort(s.by_kind.begin(), s.by_kind.end(), [&](const StatsRow& x, const StatsRow& y) {
        return rank(x.key) < rank(y.key);
    });
    for (auto& r : s.by_month) r.label = {month_label_zh(r.key), r.key};
    return s;
}

boost::json::object to_json(const Statistics& s, std::string_view lang) {
    auto rows = [&](const std::vector<StatsRow>& v) {
        boost::json::array out;
        for (const auto& r : v)
            out.push_back({{"key", r.key},
                           {"label", r.label.in(lang)},
                           {"records", r.records},
                           {"beneficiaries", r.beneficiaries},
                           {"duration_minutes", r.duration_minutes},
                           {"amount_fen", r.amount_fen},
                           {"amount_yuan", core::format_yuan(r.amount_fen)}});
        return out;
    };
    return {{"by_kind", rows(s.by_kind)},
            {"by_month", rows(s.by_month)},
            {"total",
             {{"cases", s.cases},
              {"beneficiaries", s.beneficiaries},
              {"records", s.records},
              {"amount_fen", s.amount_fen},
              {"amount_yuan", core::format_yuan(s.amount_fen)},
              {"counselled", s.counselled},
              {"tuition_exemptions", s.tuition_exemptions},
              {"work_study_places", s.work_study_places},
              {"people_employed", s.people_employed},
              {"employed_at_threshold", s.employed_at_threshold},
              {"employed_wage_threshold_fen", core::employed_wage_threshold_fen},
              {"lowest_monthly_wage_fen", s.lowest_monthly_wage_fen
                                              ? boost::json::value(*s.lowest_monthly_wage_fen)
                                              : boost::json::value(nullptr)}}}};
}

}  // namespace bangfu::store::aid
