#include "store/attachment_study_repository.hpp"

#include <array>
#include <charconv>

#include "core/subsidy.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/dispatch_scope.hpp"
#include "store/list_total.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"

namespace bangfu::store::attachment_studies {

namespace {
constexpr std::string_view from_sql =
    " FROM attachment_studies x JOIN programs p ON p.id = x.program"
    " LEFT JOIN pairings pr ON pr.id = x.pairing"
    " LEFT JOIN institutions ps ON ps.id = pr.supporter"
    " LEFT JOIN institutions prc ON prc.id = pr.recipient"
    " LEFT JOIN staff st ON st.id = x.staff"
    " JOIN institutions hi ON hi.id = x.home_institution"
    " JOIN institutions ti ON ti.id = x.host_institution";
constexpr std::string_view select_sql =
    "SELECT x.id, x.program, p.name, x.pairing, ps.name, prc.name, x.kind, x.staff, st.name, "
    "x.headcount, x.home_institution, hi.name, x.host_institution, ti.name, x.start_date, "
    "x.end_date, x.schedule, x.days, x.purpose, x.outcome, x.created_at, x.updated_at";

const core::Text attachment_text{"挂职跟岗记录", "Attachment study"};

core::AttachmentStudy from_row(const Row& row) {
    core::AttachmentStudy x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.program_name = row.text(2);
    x.pairing = row.opt_integer(3);
    if (x.pairing) x.pairing_label = row.text(4) + " → " + row.text(5);
    x.kind = row.text(6);
    x.staff = row.opt_integer(7);
    x.staff_name = row.text(8);
    x.headcount = row.integer(9);
    x.home_institution = row.integer(10);
    x.home_institution_name = row.text(11);
    x.host_institution = row.integer(12);
    x.host_institution_name = row.text(13);
    x.start_date = row.text(14);
    x.end_date = row.text(15);
    x.schedule = row.text(16);
    x.days = row.integer(17);
    x.purpose = row.text(18);
    x.outcome = row.text(19);
    x.created_at = row.text(20);
    x.updated_at = row.text(21);
    return x;
}

std::optional<core::AttachmentStudy> find(Connection& c, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + std::string(from_sql) + " WHERE x.id = ?", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

void scope(const core::Actor& a, Where& w) {
    Scope(a).dispatch(w, "x", "home_institution", "host_institution", "staff");
}

struct Paths {
    std::string program;
    std::string home;
};

Paths check_references(Connection& c, const core::Actor& a, core::AttachmentStudy& x,
                       core::FieldErrors& errors) {
    Paths out;
    if (!errors.contains("program") && !errors.contains("pairing") && x.program > 0) {
        try {
            out.program = load_work_ref(c, a, x.program, x.pairing).program_path;
        } catch (const core::Error& e) {
            if (e.kind() != core::ErrorKind::validation) throw;
            for (const auto& [k, v] : e.fields())
                if (!errors.contains(k)) errors[k] = v;
        }
    }
    if (x.home_institution > 0 && !errors.contains("home_institution")) {
        auto p = institution_region_path(c, x.home_institution);
        if (!p)
            errors["home_institution"] = {"派出单位不存在", "home institution does not exist"};
        else
            out.home = *p;
    }
    if (x.host_institution > 0 && !errors.contains("host_institution") &&
        !institution_region_path(c, x.host_institution))
        errors["host_institution"] = {"接收单位不存在", "host institution does not exist"};
    if (x.staff && !errors.contains("staff")) {
        auto s = c.query_one("SELECT institution FROM staff WHERE id = ?", {*x.staff});
        if (!s)
            errors["staff"] = {"人员不存在", "staff member does not exist"};
        else if (s->integer(0) != x.home_institution)
            errors["staff"] = {"该人员不属于派出单位",
                               "the staff member does not belong to the home institution"};
    }
    return out;
}

void check_write(const core::Actor& a, const core::AttachmentStudy& x, const Paths& p) {
    Scope(a).check_dispatch_write(p.program, x.home_institution, p.home, x.host_institution,
                                  "home_institution");
}

Paths stored_paths(Connection& c, const core::AttachmentStudy& x) {
    auto row = c.query_one(
        "SELECT r.path FROM programs p JOIN regions r ON r.code = p.region WHERE p.id = ?",
        {x.program});
    return {row ? row->text(0) : "", institution_region_path(c, x.home_institution).value_or("")};
}

Params write_params(const core::AttachmentStudy& x) {
    return {x.program,
            nullable(x.pairing),
            x.kind,
            nullable(x.staff),
            x.headcount,
            x.home_institution,
            x.host_institution,
            x.start_date,
            x.end_date,
            x.schedule,
            x.days,
            x.purpose,
            x.outcome};
}

audit::Target target(std::int64_t id, const core::AttachmentStudy& x, const Paths& p) {
    return dispatch_audit_target("attachment_study", id, p.program, x.home_institution);
}

Where filtered(Connection& c, const core::Actor& a, const ListQuery& q) {
    static constexpr std::array<std::string_view, 7> known{
        "program", "pairing", "kind", "institution", "year", "school_year", "region"};
    check_known_filters(q, known);
    Where w;
    scope(a, w);
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("x.program = ?", {parse_id_filter(k, v)});
        if (k == "pairing") w.add("x.pairing = ?", {parse_id_filter(k, v)});
        if (k == "kind") w.add("x.kind = ?", {choice_filter(k, v, core::dict::attachment_kind)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("x.home_institution = ? OR x.host_institution = ?", {id, id});
        }
        if (k == "year") {
            parse_year_filter(k, v);  // refuses anything but a four-digit year
            w.add("x.start_date <= ? AND x.end_date >= ?", {v + "-12-31", v + "-01-01"});
        }
        // The school year ending in Y (1 September Y-1 to 31 August Y), as the yearly summary
        // counts attachment study.
        if (k == "school_year") {
            int year = parse_year_filter(k, v);
            auto [from, to] = core::appraisal_year_window(year);
            w.add("x.start_date <= ? AND x.end_date >= ?",
                  {core::format_date(to), core::format_date(from)});
        }
        if (k == "region")
            filter_dispatch_region(c, w, v, "x", "home_institution", "host_institution");
    }
    if (!q.q.empty()) {
        auto pattern = contains_pattern(q.q);
        w.add(
            "lower(x.purpose) LIKE lower(?) ESCAPE '\\' OR x.staff IN (SELECT qs.id FROM staff "
            "qs WHERE lower(qs.name) LIKE lower(?) ESCAPE '\\')",
            {pattern, pattern});
    }
    return w;
}
}  // namespace

std::int64_t headcount(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w = filtered(c, a, q);
    return c.query_int(
        "SELECT CAST(COALESCE(SUM(x.headcount), 0) AS BIGINT) FROM attachment_studies x" + w.sql(),
        w.params());
}

Page<core::AttachmentStudy> list(Connection& c, const core::Actor& a, const ListQuery& q) {
    Where w = filtered(c, a, q);
    static constexpr std::array<SortField, 3> sorts{SortField{"start_date", "x.start_date"},
                                                    SortField{"headcount", "x.headcount"},
                                                    SortField{"id", "x.id"}};
    Page<core::AttachmentStudy> page{{}, 0, q.page, q.page_size};
    count_capped(c, page, "attachment_studies x", w);
    for (const auto& row :
         c.query(std::string(select_sql) + std::string(from_sql) + w.sql() +
                     order_by(q.sort, sorts, "-start_date", "x.id DESC") + limit_offset(q),
                 w.params()))
        page.items.push_back(from_row(row));
    return page;
}

core::AttachmentStudy get(Connection& c, const core::Actor& a, std::int64_t id) {
    Where w;
    w.add("x.id = ?", {id});
    scope(a, w);
    auto row = c.query_one(std::string(select_sql) + std::string(from_sql) + w.sql(), w.params());
    if (!row) core::throw_not_found(attachment_text);
    return from_row(*row);
}

core::AttachmentStudy create(Connection& c, const core::Actor& a, core::AttachmentStudy x,
                             core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    if (!a.is_admin()) refuse_read_only();
    for (const auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto paths = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_write(a, x, paths);
    auto now = now_utc();
    Params p = write_params(x);
    p.push_back(now);
    p.push_back(now);
    x.id = c.query_int(
        "INSERT INTO attachment_studies (program, pairing, kind, staff, headcount, "
        "home_institution, host_institution, start_date, end_date, schedule, days, purpose, "
        "outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        p);
    auto created = find(c, x.id);
    audit::record(c, a, "create", target(x.id, x, paths), nullptr, core::to_json(*created));
    tx.commit();
    return *created;
}

core::AttachmentStudy update(Connection& c, const core::Actor& a, std::int64_t id,
                             const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(attachment_text);
    check_write(a, *existing, stored_paths(c, *existing));
    auto x = *existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    for (const auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    auto paths = check_references(c, a, x, errors);
    if (!errors.empty()) core::throw_validation(std::move(errors));
    check_write(a, x, paths);
    Params p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE attachment_studies SET program = ?, pairing = ?, kind = ?, staff = ?, headcount "
        "= ?, home_institution = ?, host_institution = ?, start_date = ?, end_date = ?, schedule "
        "= ?, days = ?, purpose = ?, outcome = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find(c, id);
    audit::record(c, a, "update", target(id, x, paths), core::to_json(*existing),
                  core::to_json(*updated));
    tx.commit();
    return *updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto existing = find(c, id);
    if (!existing) core::throw_not_found(attachment_text);
    auto paths = stored_paths(c, *existing);
    check_write(a, *existing, paths);
    c.execute("DELETE FROM attachment_studies WHERE id = ?", {id});
    audit::record(c, a, "delete", target(id, *existing, paths), core::to_json(*existing), nullptr);
    tx.commit();
}

}  // namespace bangfu::store::attachment_studies
