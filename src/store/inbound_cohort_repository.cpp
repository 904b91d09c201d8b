#include "store/inbound_cohort_repository.hpp"

#include <array>

#include "core/money.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"

namespace bangfu::store::inbound_cohorts {

namespace {
constexpr std::string_view from_sql =
    " FROM inbound_cohorts k JOIN programs p ON p.id = k.program "
    "JOIN institutions i ON i.id = k.host_institution JOIN regions r ON r.code = i.region "
    "JOIN regions o ON o.code = k.origin_region";
constexpr std::string_view select_sql =
    "SELECT k.id, k.program, p.name, k.host_institution, i.name, k.origin_region, o.name, "
    "k.school_year, k.stage, k.grade, k.major, k.student_count, k.fee_exemption_fen, k.note, "
    "k.created_at, k.updated_at, r.path";

const core::Text cohort_text{"异地就读学生", "Inbound cohort"};

struct Loaded {
    core::InboundCohort x;
    std::string path;  // of the host institution
};

Loaded from_row(const Row& row) {
    core::InboundCohort x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.host_institution = row.integer(3);
    x.host_name = row.text(4);
    x.origin_region = row.text(5);
    x.origin_region_name = row.text(6);
    x.school_year = row.integer(7);
    x.stage = row.text(8);
    x.grade = row.text(9);
    x.major = row.text(10);
    x.student_count = row.integer(11);
    x.fee_exemption_fen = row.integer(12);
    x.note = row.text(13);
    x.created_at = row.text(14);
    x.updated_at = row.text(15);
    return {std::move(x), row.text(16)};
}

void add_filters(Connection& c, const ListQuery& q, Where& w) {
    static constexpr std::array<std::string_view, 8> known{
        "program", "host_institution", "origin_region", "school_year", "stage", "grade", "major",
        "region"};
    check_known_filters(q, known);
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("k.program = ?", {parse_id_filter(k, v)});
        if (k == "host_institution") w.add("k.host_institution = ?", {parse_id_filter(k, v)});
        if (k == "origin_region") filter_region_codes(c, w, v, "k.origin_region");
        if (k == "school_year") w.add("k.school_year = ?", {parse_id_filter(k, v)});
        // The cohorts a bureau of the region reads (hosted in its subtree or from it): what its
        // yearly summary counts.
        if (k == "region") filter_inbound_region(c, w, v);
        if (k == "stage") w.add("k.stage = ?", {choice_filter(k, v, core::dict::stage)});
        if (k == "grade") w.add("k.grade = ?", {v});
        if (k == "major") w.add("k.major = ?", {v});
    }
}

std::optional<Loaded> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE k.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

// Checks the references; returns the host's region path.
std::string check_references(Connection& c, const core::InboundCohort& x, core::FieldErrors& e) {
    std::string path;
    if (!e.contains("program") &&
        c.query_int("SELECT COUNT(*) FROM programs WHERE id = ?", {x.program}) == 0)
        e["program"] = {"帮扶项目不存在", "the program does not exist"};
    if (!e.contains("host_institution")) {
        auto row = c.query_one(
            "SELECT r.path FROM institutions i JOIN regions r ON r.code = i.region WHERE i.id = ?",
            {x.host_institution});
        if (!row)
            e["host_institution"] = {"就读学校不存在", "the host institution does not exist"};
        else
            path = row->text(0);
    }
    if (!e.contains("origin_region") &&
        c.query_int("SELECT COUNT(*) FROM regions WHERE code = ?", {x.origin_region}) == 0)
        e["origin_region"] = {"生源地区的行政区划代码不存在",
                              "the region of origin does not exist"};
    return path;
}

Params write_params(const core::InboundCohort& x) {
    return {x.program, x.host_institution, x.origin_region,     x.school_year, x.stage, x.grade,
            x.major,   x.student_count,    x.fee_exemption_fen, x.note};
}
}  // namespace

Page<core::InboundCohort> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w;
    Scope(a).inbound_cohorts(w);
    add_filters(c, q, w);
    static constexpr std::array<SortField, 4> sorts{
        SortField{"school_year", "k.school_year"}, SortField{"grade", "k.grade"},
        SortField{"major", "k.major"}, SortField{"id", "k.id"}};
    Page<core::InboundCohort> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "inbound_cohorts k", w);
    for (const auto& row : c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                                       order_by(q.sort, sorts, "-school_year",
                                                "k.program, k.stage, k.grade, "
                                                "k.major, k.id") +
                                       limit_offset(q),
                                   w.params()))
        page.items.push_back(from_row(row).x);
    return page;
}

core::InboundCohort get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("k.id = ?", {id});
    Scope(a).inbound_cohorts(w);
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(cohort_text);
    return from_row(*row).x;
}

core::InboundCohort create(Connection& c, const core::Actor& a, core::InboundCohort x,
                           core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.may_write_registry()) refuse_read_only();
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto path = check_references(c, x, errors);
    if (!path.empty())
        Scope(a).check_institution_write(x.host_institution, path, "host_institution");
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO inbound_cohorts (program, host_institution, origin_region, school_year, "
        "stage, grade, major, student_count, fee_exemption_fen, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create",
                  {"inbound_cohort", std::to_string(x.id), path, x.host_institution}, nullptr,
                  core::to_json(created->x));
    tx.commit();
    return created->x;
}

core::InboundCohort update(Connection& c, const core::Actor& a, std::int64_t id,
                           const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(cohort_text);
    Scope(a).check_institution_write(existing->x.host_institution, existing->path,
                                     "host_institution");
    auto x = existing->x;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto path = check_references(c, x, errors);
    if (!path.empty() && x.host_institution != existing->x.host_institution)
        Scope(a).check_institution_write(x.host_institution, path, "host_institution");
    if (!errors.empty()) core::throw_validation(std::move(errors));
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE inbound_cohorts SET program = ?, host_institution = ?, origin_region = ?, "
        "school_year = ?, stage = ?, grade = ?, major = ?, student_count = ?, "
        "fee_exemption_fen = ?, note = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", {"inbound_cohort", std::to_string(id), path, x.host_institution},
                  core::to_json(existing->x), core::to_json(updated->x));
    tx.commit();
    return updated->x;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(cohort_text);
    Scope(a).check_institution_write(existing->x.host_institution, existing->path,
                                     "host_institution");
    c.execute("DELETE FROM inbound_cohorts WHERE id = ?", {id});
    audit::record(
        c, a, "delete",
        {"inbound_cohort", std::to_string(id), existing->path, existing->x.host_institution},
        core::to_json(existing->x), nullptr);
    tx.commit();
}

Stats stats(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w;
    Scope(a).inbound_cohorts(w);
    add_filters(c, q, w);
    Stats s;
    auto group = [&](std::string_view key, std::string_view label, std::string_view group_by,
                     std::string_view order) {
        std::vector<Count> out;
        for (const auto& row :
             c.query("SELECT " + std::string(key) + ", " + std::string(label) +
                         ", SUM(k.student_count), SUM(k.student_count * k.fee_exemption_fen)" +
                         std::string(from_sql) + w.sql() + " GROUP BY " + std::string(group_by) +
                         " ORDER BY " + std::string(order),
                     w.params()))
            out.push_back({row.text(0), row.text(1), row.integer(2), row.integer(3)});
        return out;
    };
    s.by_program = group("CAST(k.program AS TEXT)", "p.name", "k.program, p.name, p.name_key",
                         "p.name_key, k.program");
    // Grades and majors keep the order they were entered in (高一, 高二, 高三 would not sort so
    // by bytes or by pinyin); majors with the most students first.
    s.by_grade =
        group("k.stage || '/' || k.grade", "k.grade", "k.stage, k.grade", "k.stage, MIN(k.id)");
    s.by_major = group("k.major", "k.major", "k.major", "SUM(k.student_count) DESC, MIN(k.id)");
    for (const auto& p : s.by_program) {
        s.students += p.students;
        s.fee_exemption_fen += p.fee_exemption_fen;
    }
    return s;
}

boost::json::object to_json(const Stats& s) {
    auto counts = [](const std::vector<Count>& v) {
        boost::json::array a;
        for (const auto& x : v)
            a.push_back({{"key", x.key},
                         {"label", x.label},
                         {"students", x.students},
                         {"fee_exemption_fen", x.fee_exemption_fen},
                         {"fee_exemption", core::format_yuan(x.fee_exemption_fen)}});
        return a;
    };
    return {{"students", s.students},
            {"fee_exemption_fen", s.fee_exemption_fen},
            {"fee_exemption", core::format_yuan(s.fee_exemption_fen)},
            {"by_program", counts(s.by_program)},
            {"by_grade", counts(s.by_grade)},
            {"by_major", counts(s.by_major)}};
}

}  // namespace bangfu::store::inbound_cohorts
