#include "store/people_helped_facts.hpp"

#include <algorithm>
#include <map>

#include "core/aid_cadence.hpp"
#include "core/beneficiary.hpp"
#include "core/date.hpp"
#include "store/aid_case_repository.hpp"
#include "store/aid_record_repository.hpp"
#include "store/beneficiary_repository.hpp"
#include "store/clock.hpp"
#include "store/inbound_cohort_repository.hpp"
#include "store/scope.hpp"

namespace bangfu::store::reports {

namespace {
using namespace core::report;

// Who reads: for a region, a bureau of exactly that region (resolve_scope has established that
// the actor reads at least as much); otherwise the actor, with the scope as a filter.
core::Actor reader_of(const core::Actor& a, const ResolvedScope& s) {
    return s.scope.kind == "region" ? scope_reader(a, s) : a;
}

// The filter the aid statistics and alerts take for the scope.
void add_aid_filter(const ResolvedScope& s, ListQuery& q) {
    if (s.scope.kind == "institution") q.filters["institution"] = s.scope.id;
    if (s.scope.kind == "program") q.filters["program"] = s.scope.id;
}

// Cases of the scope over `aid_cases ac JOIN beneficiaries b`, as the aid statistics filter them.
void scope_cases(const core::Actor& reader, const ResolvedScope& s, Where& w) {
    store::Scope(reader).aid_cases(w);
    if (s.scope.kind == "institution")
        w.add("ac.helper_institution = ? OR b.institution = ?", {s.numeric_id, s.numeric_id});
    if (s.scope.kind == "program") w.add("ac.program = ?", {s.numeric_id});
}

void beneficiaries_and_cases(Connection& c, const core::Actor& reader, const ResolvedScope& s,
                             const std::string& first, const std::string& last,
                             PeopleHelpedFacts& f) {
    Where cw;
    scope_cases(reader, s, cw);
    cw.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)", {last, first});
    f.cases = c.query_int(
        "SELECT COUNT(*) FROM aid_cases ac JOIN beneficiaries b ON b.id = ac.beneficiary" +
            cw.sql(),
        cw.params());

    // Beneficiaries follow their institution; for a program, those of its cases.
    Where bw;
    store::Scope(reader).beneficiaries(bw);
    if (s.scope.kind == "institution") bw.add("b.institution = ?", {s.numeric_id});
    Where running;
    store::Scope(reader).aid_cases(running);
    running.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)", {last, first});
    if (s.scope.kind == "program") running.add("ac.program = ?", {s.numeric_id});
    bw.add(
        "b.id IN (SELECT ac.beneficiary FROM aid_cases ac JOIN beneficiaries b ON b.id = "
        "ac.beneficiary" +
            running.sql() + ")",
        running.params());
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;
    for (const auto& row :
         c.query("SELECT b.kind, b.categories FROM beneficiaries b" + bw.sql(), bw.params())) {
        bool student = row.text(0) == "student";
        ++(student ? f.students : f.households);
        // Stored as ",a,b," (beneficiary_repository's encoding).
        for (const auto& o : core::dict::beneficiary_category.options())
            if (row.text(1).find("," + std::string(o.value) + ",") != std::string::npos)
                ++(student ? counts[std::string(o.value)].first
                           : counts[std::string(o.value)].second);
    }
    for (const auto& o : core::dict::beneficiary_category.options()) {
        auto [students, households] = counts[std::string(o.value)];
        f.by_category.push_back(
            {std::string(o.value), {std::string(o.zh), std::string(o.en)}, students, households});
    }
}

void aid_records(Connection& c, const core::Actor& reader, const ResolvedScope& s, int year,
                 const std::string& first, const std::string& last, PeopleHelpedFacts& f) {
    ListQuery q;
    add_aid_filter(s, q);
    q.filters["date_from"] = first;
    q.filters["date_to"] = last;
    auto st = aid::statistics(c, reader, q);
    for (const auto& r : st.by_kind) {
        f.records_by_kind.push_back({r.key, r.label, r.records, r.beneficiaries, r.amount_fen});
        if (r.key == "home_visit") f.home_visits = r.records;
    }
    std::map<std::string, const aid::StatsRow*> months;
    for (const auto& r : st.by_month) months[r.key] = &r;
    for (int m = 1; m <= 12; ++m) {
        std::string key = std::to_string(year) + "-" + (m < 10 ? "0" : "") + std::to_string(m);
        AidCount row{key, {std::to_string(m) + "月", key}, 0, 0, 0};
        if (auto it = months.find(key); it != months.end()) {
            row.records = it->second->records;
            row.beneficiaries = it->second->beneficiaries;
            row.amount_fen = it->second->amount_fen;
        }
        f.records_by_month.push_back(std::move(row));
    }
    f.records = st.records;
    f.amount_fen = st.amount_fen;
    f.counselled = st.counselled;
    f.tuition_exemptions = st.tuition_exemptions;
    f.work_study_places = st.work_study_places;
    f.people_employed = st.people_employed;
    f.employed_at_2000 = st.employed_at_threshold;
}

void inbound(Connection& c, const core::Actor& reader, const ResolvedScope& s, int year,
             PeopleHelpedFacts& f) {
    ListQuery q;
    if (s.scope.kind == "institution") q.filters["host_institution"] = s.scope.id;
    if (s.scope.kind == "program") q.filters["program"] = s.scope.id;
    q.filters["school_year"] = std::to_string(year);
    auto st = inbound_cohorts::stats(c, reader, q);
    auto copy = [](const std::vector<inbound_cohorts::Count>& from) {
        std::vector<InboundCount> out;
        for (const auto& x : from) out.push_back({x.key, x.label, x.students, x.fee_exemption_fen});
        return out;
    };
    f.inbound_students = st.students;
    f.inbound_fee_exemption_fen = st.fee_exemption_fen;
    f.inbound_by_program = copy(st.by_program);
    f.inbound_by_grade = copy(st.by_grade);
    f.inbound_by_major = copy(st.by_major);
}

// The cadences overdue on `as_of`, from the records made by that day (core/aid_cadence.hpp's
// rule). The aid alerts answer for today from the stored due dates, which later records have
// moved on: a report of a past year must not forget what was overdue on its last day.
void overdue(Connection& c, const core::Actor& reader, const ResolvedScope& s,
             const std::string& last, PeopleHelpedFacts& f) {
    f.as_of = std::min(core::format_date(today_china()), last);
    auto today = *core::parse_date(f.as_of);
    Where w;
    scope_cases(reader, s, w);
    w.add("ac.start_date <= ? AND (ac.end_date IS NULL OR ac.end_date >= ?)", {f.as_of, f.as_of});
    // The last record of the cadence's kind by that day: one seek in aid_records_case_kind.
    Params rp{f.as_of};
    for (const auto& p : w.params()) rp.push_back(p);
    std::int64_t current_case = 0;
    bool counted = false;
    for (const auto& row : c.query(
             "SELECT ac.id, ac.start_date, ac.end_date, cd.kind, cd.every_count, cd.every_unit, "
             "(SELECT MAX(r.record_date) FROM aid_records r WHERE r.aid_case = cd.aid_case "
             "AND r.kind = cd.kind AND r.record_date <= ?) FROM aid_cadences cd JOIN "
             "aid_cases ac ON ac.id = cd.aid_case JOIN beneficiaries b ON b.id = "
             "ac.beneficiary" +
                 w.sql() + " ORDER BY ac.id, cd.kind",
             rp)) {
        auto id = row.integer(0);
        if (id != current_case) {
            current_case = id;
            counted = false;
        }
        auto start = core::parse_date(row.text(1)).value_or(today);
        std::optional<core::Date> end;
        if (!row.is_null(2)) end = core::parse_date(row.text(2));
        std::optional<core::Date> previous;
        if (!row.is_null(6)) previous = core::parse_date(row.text(6));
        if (!core::cadence_due(row.integer(4), row.text(5), start, end, previous, today).overdue)
            continue;
        ++f.overdue_cadences;
        if (!counted) ++f.overdue_cases;
        counted = true;
    }
}
}  // namespace

PeopleHelpedFacts people_helped_facts(Connection& c, const core::Actor& a, const ResolvedScope& s,
                                      int year) {
    std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
    auto reader = reader_of(a, s);
    PeopleHelpedFacts f;
    beneficiaries_and_cases(c, reader, s, first, last, f);
    aid_records(c, reader, s, year, first, last, f);
    inbound(c, reader, s, year, f);
    overdue(c, reader, s, last, f);
    return f;
}

}  // namespace bangfu::store::reports
