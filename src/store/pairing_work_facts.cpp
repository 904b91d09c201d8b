#include "store/pairing_work_facts.hpp"

#include <algorithm>
#include <map>

#include "core/dictionary.hpp"
#include "store/dictionary_repository.hpp"

namespace bangfu::store::reports {

namespace {
using namespace core::report;

struct YearBounds {
    std::string first, last;
};

core::Text closed_label(const core::Dictionary& d, const std::string& value) {
    if (const auto* o = d.find(value)) return {std::string(o->zh), std::string(o->en)};
    return {value, value};
}

// Labels of an extensible dictionary (built-in and added entries), in dictionary order.
struct OpenDictionary {
    std::vector<dictionaries::Entry> entries;
    OpenDictionary(Connection& c, std::string_view name)
        : entries(dictionaries::entries(c, name)) {}
    core::Text label(const std::string& value) const {
        for (const auto& e : entries)
            if (e.value == value) return {e.zh, e.en};
        return {value, value};
    }
    std::size_t rank(const std::string& value) const {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].value == value) return i;
        return entries.size();
    }
};

void programs_and_organisation(Connection& c, const core::Actor& a, const ResolvedScope& s,
                               const YearBounds& y, PairingWorkFacts& f) {
    Where w;
    scope_report_programs(a, s, w);
    w.add("p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?)", {y.last, y.first});
    std::string programs = "SELECT p.id FROM programs p" + w.sql();
    for (const auto& row :
         c.query("SELECT p.id, p.name, p.office FROM programs p" + w.sql() + " ORDER BY p.id",
                 w.params()))
        f.programs.push_back({row.integer(0), row.text(1), row.text(2)});
    for (const auto& row :
         c.query("SELECT p.name, m.role, m.name, m.position, m.unit FROM leading_group_members m "
                 "JOIN programs p ON p.id = m.program WHERE m.program IN (" +
                     programs + ") ORDER BY p.id, m.sort_order, m.id",
                 w.params()))
        f.leaders.push_back({row.text(0), closed_label(core::dict::leading_group_role, row.text(1)),
                             row.text(2), row.text(3), row.text(4)});
    Params dp = w.params();
    dp.push_back(y.last);
    for (const auto& row : c.query(
             "SELECT p.name, d.title, d.doc_number, d.issuer, d.issued_on FROM policy_documents d "
             "JOIN programs p ON p.id = d.program WHERE d.program IN (" +
                 programs + ") AND d.issued_on <= ? ORDER BY d.issued_on, d.id",
             dp))
        f.documents.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)});
}

std::string pairing_label(const std::string& supporter, const std::string& recipient) {
    return supporter + " → " + recipient;
}

void pairings_and_plans(Connection& c, const core::Actor& a, const ResolvedScope& s,
                        const YearBounds& y, PairingWorkFacts& f) {
    Where w;
    scope_report_pairings(a, s, w);
    w.add("pr.start_date <= ? AND (pr.end_date IS NULL OR pr.end_date >= ?)", {y.last, y.first});
    std::map<std::int64_t, std::size_t> index;
    for (const auto& row : c.query(
             "SELECT pr.id, p.name, si.name, ri.name, pr.start_date FROM pairings pr "
             "JOIN programs p ON p.id = pr.program JOIN institutions si ON si.id = pr.supporter "
             "JOIN institutions ri ON ri.id = pr.recipient" +
                 w.sql() + " ORDER BY pr.program, pr.id",
             w.params())) {
        PairingFact p;
        p.id = row.integer(0);
        p.program = row.text(1);
        p.supporter = row.text(2);
        p.recipient = row.text(3);
        p.start_date = row.text(4);
        p.started_in_year = p.start_date >= y.first;
        index[p.id] = f.pairings.size();
        f.pairings.push_back(std::move(p));
    }
    OpenDictionary dimensions(c, "pairing_dimension");
    std::map<std::int64_t, std::vector<std::string>> codes;
    for (const auto& row :
         c.query("SELECT pd.pairing, pd.dimension FROM pairing_dimensions pd WHERE pd.pairing IN "
                 "(SELECT pr.id FROM pairings pr" +
                     w.sql() + ")",
                 w.params()))
        codes[row.integer(0)].push_back(row.text(1));
    for (auto& [id, list] : codes) {
        auto it = index.find(id);
        if (it == index.end()) continue;
        std::sort(list.begin(), list.end(), [&](const std::string& x, const std::string& z) {
            return dimensions.rank(x) != dimensions.rank(z)
                       ? dimensions.rank(x) < dimensions.rank(z)
                       : x < z;
        });
        for (const auto& code : list)
            f.pairings[it->second].dimensions.push_back(dimensions.label(code));
    }

    Where pw;
    scope_report_work(a, s, pw, "pl");
    pw.add("pl.start_date <= ? AND pl.end_date >= ?", {y.last, y.first});
    for (const auto& row :
         c.query("SELECT p.name, si.name, ri.name, pl.kind, pl.title, pl.start_date, pl.end_date, "
                 "pl.approval, pl.pairing FROM plans pl JOIN programs p ON p.id = pl.program "
                 "LEFT JOIN pairings pp ON pp.id = pl.pairing "
                 "LEFT JOIN institutions si ON si.id = pp.supporter "
                 "LEFT JOIN institutions ri ON ri.id = pp.recipient" +
                     pw.sql() + " ORDER BY pl.program, pl.start_date, pl.id",
                 pw.params()))
        f.plans.push_back(
            {row.text(0), row.is_null(8) ? "" : pairing_label(row.text(1), row.text(2)),
             closed_label(core::dict::plan_kind, row.text(3)), row.text(4), row.text(5),
             row.text(6), closed_label(core::dict::plan_approval, row.text(7))});

    Where iw;
    scope_report_work(a, s, iw, "ins");
    iw.add("ins.inspected_on >= ? AND ins.inspected_on <= ?", {y.first, y.last});
    for (const auto& row :
         c.query("SELECT ins.inspected_on, ins.inspectors, ins.findings FROM inspections ins" +
                     iw.sql() + " ORDER BY ins.inspected_on, ins.id",
                 iw.params()))
        f.inspections.push_back({row.text(0), row.text(1), row.text(2)});
}

void activities(Connection& c, const core::Actor& a, const ResolvedScope& s, const YearBounds& y,
                int year, PairingWorkFacts& f) {
    Where w;
    scope_report_work(a, s, w, "a", {"host_institution", "visiting_institution"});
    w.add("a.start_date >= ? AND a.start_date <= ?", {y.first, y.last});
    const std::string sums =
        ", COUNT(*), CAST(SUM(a.leaders_count + a.teachers_count + a.students_count + "
        "a.medical_count) AS BIGINT) FROM activities a";
    // One pass over the year's activities, by type and month; the two tables are its margins.
    OpenDictionary types(c, "activity_type");
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_type, months;
    for (const auto& row : c.query("SELECT a.type, substr(a.start_date, 6, 2)" + sums + w.sql() +
                                       " GROUP BY a.type, substr(a.start_date, 6, 2)",
                                   w.params())) {
        for (auto* margin : {&by_type[row.text(0)], &months[row.text(1)]}) {
            margin->first += row.integer(2);
            margin->second += row.integer(3);
        }
    }
    for (const auto& [type, sum] : by_type)
        f.activities_by_type.push_back({type, types.label(type), sum.first, sum.second});
    std::sort(f.activities_by_type.begin(), f.activities_by_type.end(),
              [&](const ActivityCount& x, const ActivityCount& z) {
                  auto rx = types.rank(x.key), rz = types.rank(z.key);
                  return rx != rz ? rx < rz : x.key < z.key;
              });
    for (int m = 1; m <= 12; ++m) {
        std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
        auto [count, people] = months[mm];
        f.activities_by_month.push_back(
            {std::to_string(year) + "-" + mm,
             {std::to_string(m) + "月", std::to_string(year) + "-" + mm},
             count,
             people});
    }
    Where dw = w;
    dw.add("a.type = ?", {std::string("demonstration_class")});
    for (const auto& row :
         c.query("SELECT a.start_date, st.name, a.subject, a.topic, h.name, a.audience_size "
                 "FROM activities a LEFT JOIN staff st ON st.id = a.teacher "
                 "JOIN institutions h ON h.id = a.host_institution" +
                     dw.sql() + " ORDER BY a.start_date, a.id",
                 dw.params()))
        f.demonstration_classes.push_back(
            {row.text(0), row.text(1),
             row.text(2).empty() ? core::Text{} : closed_label(core::dict::subject, row.text(2)),
             row.text(3), row.text(4), row.integer(5)});
}

void donations_and_resources(Connection& c, const core::Actor& a, const ResolvedScope& s,
                             const YearBounds& y, PairingWorkFacts& f) {
    Where w;
    scope_report_work(a, s, w, "d", {"recipient_institution", "donor_institution"});
    w.add("d.donated_on >= ? AND d.donated_on <= ?", {y.first, y.last});
    OpenDictionary categories(c, "material_category");
    // Integer sums in the database, as donations::totals does: no floating point.
    for (const auto& row : c.query(
             "SELECT d.category, CAST(SUM(CASE WHEN d.kind = 'funds' THEN d.amount_fen ELSE 0 "
             "END) AS BIGINT), CAST(SUM(CASE WHEN d.kind = 'materials' THEN d.amount_fen ELSE 0 "
             "END) AS BIGINT), COUNT(*) FROM donations d" +
                 w.sql() + " GROUP BY d.category",
             w.params())) {
        DonationCategory d;
        d.key = row.text(0);
        d.funds_fen = row.integer(1);
        d.materials_fen = row.integer(2);
        d.count = row.integer(3);
        if (d.key.empty())
            d.label = d.materials_fen == 0
                          ? core::Text{"资金", "Funds"}
                          : core::Text{"资金及未分类物资", "Funds and uncategorised materials"};
        else
            d.label = categories.label(d.key);
        f.donations_by_category.push_back(std::move(d));
    }
    std::sort(f.donations_by_category.begin(), f.donations_by_category.end(),
              [&](const DonationCategory& x, const DonationCategory& z) {
                  if (x.key.empty() != z.key.empty()) return x.key.empty();
                  auto rx = categories.rank(x.key), rz = categories.rank(z.key);
                  return rx != rz ? rx < rz : x.key < z.key;
              });

    // Shared resources belong to an owner and optionally a pairing: counted with the pairings
    // of the scope (and, for an institution, the ones it owns).
    Where pw;
    scope_report_pairings(a, s, pw);
    std::string sql = "(sr.pairing IN (SELECT pr.id FROM pairings pr" + pw.sql() + ")";
    Params p = pw.params();
    if (s.scope.kind == "institution") {
        sql += " OR sr.owner_institution = ?";
        p.push_back(s.numeric_id);
    }
    sql += ") AND sr.created_at >= ? AND sr.created_at < ?";
    p.push_back(y.first);
    p.push_back(std::to_string(std::stoi(y.first.substr(0, 4)) + 1) + "-01-01");
    for (const auto& row : c.query("SELECT sr.kind, COUNT(*) FROM shared_resources sr WHERE " +
                                       sql + " GROUP BY sr.kind ORDER BY sr.kind",
                                   p))
        f.resources_by_kind.push_back(
            {row.text(0), closed_label(core::dict::resource_kind, row.text(0)), row.integer(1)});
}
}  // namespace

PairingWorkFacts pairing_work_facts(Connection& c, const core::Actor& a, const ResolvedScope& s,
                                    int year) {
    YearBounds y{std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"};
    PairingWorkFacts f;
    programs_and_organisation(c, a, s, y, f);
    pairings_and_plans(c, a, s, y, f);
    activities(c, a, s, y, year, f);
    donations_and_resources(c, a, s, y, f);
    return f;
}

}  // namespace bangfu::store::reports
