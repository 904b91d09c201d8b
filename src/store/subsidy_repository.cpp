#include "store/subsidy_repository.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "store/assignment_party_scope.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/region_filter.hpp"
#include "store/scope.hpp"
#include "store/work_scope.hpp"
#include "store/write_target.hpp"

namespace bangfu::store::subsidies {

namespace {
constexpr std::string_view item_sql =
    "SELECT id, program, name, frequency, amount_fen, max_months, min_rating, sort_order, "
    "created_at, updated_at FROM subsidy_items";

const core::Text item_text{"补助项目", "Subsidy item"};

core::SubsidyItem item_from_row(const Row& r) {
    return {r.integer(0),     r.integer(1),  r.text(2),    r.text(3), r.integer(4),
            r.opt_integer(5), r.opt_text(6), r.integer(7), r.text(8), r.text(9)};
}

std::vector<core::SubsidyItem> items_of(Connection& c, std::int64_t program) {
    std::vector<core::SubsidyItem> out;
    for (const auto& r :
         c.query(std::string(item_sql) + " WHERE program = ? ORDER BY sort_order, id", {program}))
        out.push_back(item_from_row(r));
    return out;
}

// The program when the actor may read it (else 404), as a WorkRef for the write check.
WorkRef readable_program(Connection& c, const core::Actor& a, std::int64_t program) {
    Where w;
    w.add("p.id = ?", {program});
    Scope(a).programs(w);
    auto row = c.query_one(
        "SELECT p.id, p.region, r.path FROM programs p JOIN regions r ON r.code = p.region" +
            w.sql(),
        w.params());
    if (!row) core::throw_not_found({"帮扶项目", "Program"});
    WorkRef ref;
    ref.program = row->integer(0);
    ref.program_region = row->text(1);
    ref.program_path = row->text(2);
    return ref;
}

core::SubsidyItem find_item(Connection& c, std::int64_t program, std::int64_t id) {
    auto row = c.query_one(std::string(item_sql) + " WHERE id = ? AND program = ?", {id, program});
    if (!row) core::throw_not_found(item_text);
    return item_from_row(*row);
}

audit::Target target(std::int64_t id, const WorkRef& ref) {
    return {"subsidy_item", std::to_string(id), ref.program_path, std::nullopt};
}

Params write_params(const core::SubsidyItem& x) {
    return {x.name,      x.frequency, x.amount_fen, nullable(x.max_months), nullable(x.min_rating),
            x.sort_order};
}

boost::json::value opt_text(const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
}  // namespace

std::vector<core::SubsidyItem> list_items(Connection& c, const core::Actor& a,
                                          std::int64_t program) {
    readable_program(c, a, program);
    return items_of(c, program);
}

core::SubsidyItem create_item(Connection& c, const core::Actor& a, std::int64_t program,
                              core::SubsidyItem x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    auto ref =
        load_or_refuse(c, "programs", program, [&] { return readable_program(c, a, program); });
    Scope(a).check_program_write(ref);
    x.program = program;
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    Params p{program};
    auto w = write_params(x);
    p.insert(p.end(), w.begin(), w.end());
    p.insert(p.end(), {now, now});
    auto id = c.query_int(
        "INSERT INTO subsidy_items (program, name, frequency, amount_fen, max_months, min_rating, "
        "sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p);
    auto created = find_item(c, program, id);
    audit::record(c, a, "create", target(id, ref), nullptr, core::to_json(created));
    tx.commit();
    return created;
}

core::SubsidyItem update_item(Connection& c, const core::Actor& a, std::int64_t program,
                              std::int64_t id, const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto ref =
        load_or_refuse(c, "programs", program, [&] { return readable_program(c, a, program); });
    auto existing = find_item(c, program, id);
    Scope(a).check_program_write(ref);
    auto x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto p = write_params(x);
    p.push_back(now_utc());
    p.push_back(id);
    c.execute(
        "UPDATE subsidy_items SET name = ?, frequency = ?, amount_fen = ?, max_months = ?, "
        "min_rating = ?, sort_order = ?, updated_at = ? WHERE id = ?",
        p);
    auto updated = find_item(c, program, id);
    audit::record(c, a, "update", target(id, ref), core::to_json(existing), core::to_json(updated));
    tx.commit();
    return updated;
}

void remove_item(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ref =
        load_or_refuse(c, "programs", program, [&] { return readable_program(c, a, program); });
    auto existing = find_item(c, program, id);
    Scope(a).check_program_write(ref);
    c.execute("DELETE FROM subsidy_items WHERE id = ?", {id});
    audit::record(c, a, "delete", target(id, ref), core::to_json(existing), nullptr);
    tx.commit();
}

boost::json::object to_json(const EntitlementRow& x) {
    boost::json::array lines;
    for (const auto& l : x.entitlement.lines)
        lines.push_back({{"item", l.item},
                         {"name", l.name},
                         {"frequency", l.frequency},
                         {"amount_fen", l.amount_fen},
                         {"quantity", l.quantity},
                         {"total_fen", l.total_fen},
                         {"status", l.status}});
    return {{"assignment", x.assignment},
            {"program", x.program},
            {"program_name", x.program_name},
            {"staff", x.staff},
            {"staff_name", x.staff_name},
            {"sending_name", x.sending_name},
            {"recipient_name", x.recipient_name},
            {"start_date", x.start_date},
            {"end_date", x.end_date},
            {"withdrawn_on", opt_text(x.withdrawn_on)},
            {"appraisal", x.appraisal ? boost::json::value(*x.appraisal) : nullptr},
            {"appraisal_stage", x.appraisal_stage},
            {"year", x.entitlement.year},
            {"months", x.entitlement.months},
            {"rating", opt_text(x.entitlement.rating)},
            {"lines", std::move(lines)},
            {"payable_fen", x.entitlement.payable_fen},
            {"pending_fen", x.entitlement.pending_fen}};
}

EntitlementList entitlements(Connection& c, const core::Actor& a, const ListQuery& q,
                             std::int64_t limit) {
    static constexpr std::array<std::string_view, 6> known{"program", "year",   "institution",
                                                           "staff",   "status", "region"};
    check_known_filters(q, known);
    Where w;
    Scope(a).assignments(w, "da");
    // Planned and cancelled assignments have served nothing.
    w.add("da.status NOT IN ('planned', 'cancelled')");
    std::optional<int> year;
    std::optional<std::string> status;
    for (const auto& [k, v] : q.filters) {
        if (k == "program") w.add("da.program = ?", {parse_id_filter(k, v)});
        if (k == "staff") w.add("da.staff = ?", {parse_id_filter(k, v)});
        if (k == "institution") {
            auto id = parse_id_filter(k, v);
            w.add("(da.sending_institution = ? OR da.recipient_institution = ?)", {id, id});
        }
        if (k == "status") status = choice_filter(k, v, core::dict::entitlement_status);
        if (k == "region")
            filter_dispatch_region(c, w, v, "da", "sending_institution", "recipient_institution");
        if (k == "year") {
            auto y = parse_id_filter(k, v);
            if (y < 1900 || y > 2200)
                bad_parameter(k, {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
            year = static_cast<int>(y);
            auto [from, to] = core::appraisal_year_window(*year);
            w.add("da.start_date <= ? AND da.end_date >= ?",
                  {core::format_date(to), core::format_date(from)});
        }
    }
    auto rows = c.query(
        "SELECT da.id, da.program, p.name, da.staff, s.name, si.name, ri.name, da.start_date, "
        "da.end_date, da.withdrawn_on FROM dispatch_assignments da "
        "JOIN programs p ON p.id = da.program JOIN staff s ON s.id = da.staff "
        "JOIN institutions si ON si.id = da.sending_institution "
        "JOIN institutions ri ON ri.id = da.recipient_institution" +
            w.sql() + " ORDER BY p.name_key, da.start_date, s.name_key, da.id",
        w.params());
    // The appraisals of these assignments in one query: (assignment, year) → id, stage, and the
    // rating once approved.
    struct Found {
        std::int64_t id = 0;
        std::string stage;
        std::optional<std::string> rating;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, Found> appraisals;
    for (const auto& ar :
         c.query("SELECT ap.assignment, ap.year, ap.id, ap.stage, ap.rating FROM appraisals ap "
                 "JOIN dispatch_assignments da ON da.id = ap.assignment" +
                     w.sql(),
                 w.params()))
        appraisals[{ar.integer(0), ar.integer(1)}] = {ar.integer(2), ar.text(3), ar.opt_text(4)};
    std::map<std::int64_t, std::vector<core::SubsidyItem>> items;
    EntitlementList out;
    for (const auto& r : rows) {
        auto program = r.integer(1);
        if (!items.contains(program)) items[program] = items_of(c, program);
        auto first = core::parse_date(r.text(7));
        auto end = core::parse_date(r.text(8));
        if (!first || !end) continue;
        std::optional<core::Date> withdrawn;
        if (auto t = r.opt_text(9)) withdrawn = core::parse_date(*t);
        auto last = core::service_end(*end, withdrawn);
        for (int y : core::served_appraisal_years(*first, last)) {
            if (year && y != *year) continue;
            auto found = appraisals.find({r.integer(0), y});
            std::optional<std::string> rating;
            if (found != appraisals.end() && found->second.stage == "approved")
                rating = found->second.rating;
            auto ent = core::compute_entitlement(items[program], *first, last, y, rating);
            if (!ent) continue;
            if (status && std::none_of(ent->lines.begin(), ent->lines.end(),
                                       [&](const auto& l) { return l.status == *status; }))
                continue;
            EntitlementRow row;
            row.assignment = r.integer(0);
            row.program = program;
            row.program_name = r.text(2);
            row.staff = r.integer(3);
            row.staff_name = r.text(4);
            row.sending_name = r.text(5);
            row.recipient_name = r.text(6);
            row.start_date = r.text(7);
            row.end_date = r.text(8);
            row.withdrawn_on = r.opt_text(9);
            if (found != appraisals.end()) {
                row.appraisal = found->second.id;
                row.appraisal_stage = found->second.stage;
            }
            row.entitlement = std::move(*ent);
            for (const auto& line : row.entitlement.lines) out.entitled_fen += line.total_fen;
            out.payable_fen += row.entitlement.payable_fen;
            out.pending_fen += row.entitlement.pending_fen;
            out.rows.push_back(std::move(row));
            if (static_cast<std::int64_t>(out.rows.size()) > limit)
                throw core::Error(
                    core::ErrorKind::too_large,
                    {"符合条件的补助记录超过 " + std::to_string(limit) + " 条，请按项目或年度筛选",
                     "more than " + std::to_string(limit) +
                         " entitlements match; filter by program or year"});
        }
    }
    return out;
}

}  // namespace bangfu::store::subsidies
