#include "store/dispatch_facts.hpp"

#include <limits>
#include <map>
#include <set>

#include "core/dispatch.hpp"
#include "core/subsidy.hpp"
#include "store/dispatch_scope.hpp"
#include "store/scope.hpp"
#include "store/subsidy_repository.hpp"

namespace bangfu::store::reports {

namespace {
using namespace core::report;

core::Text closed_label(const core::Dictionary& d, const std::string& value) {
    if (const auto* o = d.find(value)) return {std::string(o->zh), std::string(o->en)};
    return {value, value};
}

// Report scope AND actor scope over a dispatch table with two institution columns.
void scope_rows(const core::Actor& a, const ResolvedScope& s, Where& w, const std::string& alias,
                const std::string& first, const std::string& second) {
    store::Scope(a).dispatch(w, alias, first, second, "staff");
    if (s.scope.kind == "program")
        w.add(alias + ".program = ?", {s.numeric_id});
    else if (s.scope.kind == "region")
        store::Scope(scope_reader(a, s)).dispatch(w, alias, first, second, "");
    else
        w.add(alias + "." + first + " = ? OR " + alias + "." + second + " = ?",
              {s.numeric_id, s.numeric_id});
}

// Person-times and distinct teachers per key, ordered by person-times then label.
struct Acc {
    core::Text label;
    std::int64_t person_times = 0;
    std::set<std::int64_t> staff;
};
std::vector<DispatchCount> finish(const std::map<std::string, Acc>& m) {
    std::vector<DispatchCount> out;
    for (const auto& [k, v] : m)
        out.push_back({k, v.label, v.person_times, static_cast<std::int64_t>(v.staff.size())});
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
        return x.person_times != y.person_times ? x.person_times > y.person_times
                                                : x.label.zh < y.label.zh;
    });
    return out;
}

std::vector<std::string> decode_subjects(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto j = s.find(',', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}
}  // namespace

DispatchFacts dispatch_facts(Connection& c, const core::Actor& a, const ResolvedScope& s,
                             int year) {
    DispatchFacts f;
    auto [from, to] = core::appraisal_year_window(year);
    auto first = core::format_date(from);
    auto last = core::format_date(to);

    // Assignments whose period overlaps the school year.
    Where w;
    scope_rows(a, s, w, "da", "sending_institution", "recipient_institution");
    w.add("da.start_date <= ? AND da.end_date >= ?", {last, first});
    std::set<std::int64_t> in_scope;  // every status: a withdrawn teacher earns for months served
    std::set<std::int64_t> teachers;
    std::map<std::string, Acc> subject, sender, recipient;
    std::map<std::int64_t, std::int64_t> batch_person_times;
    for (const auto& r :
         c.query("SELECT da.id, da.staff, da.status, da.subjects, da.sending_institution, si.name, "
                 "da.recipient_institution, ri.name, da.batch FROM dispatch_assignments da "
                 "JOIN institutions si ON si.id = da.sending_institution "
                 "JOIN institutions ri ON ri.id = da.recipient_institution" +
                     w.sql() + " ORDER BY da.id",
                 w.params())) {
        in_scope.insert(r.integer(0));
        if (r.text(2) == "withdrawn") {
            ++f.withdrawn;
            continue;
        }
        auto staff = r.integer(1);
        ++f.person_times;
        teachers.insert(staff);
        for (const auto& code : decode_subjects(r.text(3))) {
            auto& x = subject[code];
            x.label = closed_label(core::dict::subject, code);
            ++x.person_times;
            x.staff.insert(staff);
        }
        auto& se = sender[std::to_string(r.integer(4))];
        se.label = {r.text(5), r.text(5)};
        ++se.person_times;
        se.staff.insert(staff);
        auto& re = recipient[std::to_string(r.integer(6))];
        re.label = {r.text(7), r.text(7)};
        ++re.person_times;
        re.staff.insert(staff);
        if (auto b = r.opt_integer(8)) ++batch_person_times[*b];
    }
    f.teachers = static_cast<std::int64_t>(teachers.size());
    f.by_subject = finish(subject);
    f.by_sender = finish(sender);
    f.by_recipient = finish(recipient);

    // The batches those assignments belong to, by send-off date.
    for (const auto& r : c.query(
             "SELECT b.id, p.name, b.name, b.sendoff_date, b.sendoff_event, b.planned_count FROM "
             "dispatch_batches b JOIN programs p ON p.id = b.program ORDER BY b.sendoff_date, "
             "b.id")) {
        auto found = batch_person_times.find(r.integer(0));
        if (found == batch_person_times.end()) continue;
        f.batches.push_back(
            {r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5), found->second});
    }

    // Attachment study received: the recipient side's staff at the supporter.
    Where aw;
    scope_rows(a, s, aw, "x", "home_institution", "host_institution");
    aw.add("x.start_date <= ? AND x.end_date >= ?", {last, first});
    for (const auto& r :
         c.query("SELECT x.kind, hi.name, ho.name, x.start_date, x.end_date, x.headcount FROM "
                 "attachment_studies x JOIN institutions hi ON hi.id = x.home_institution "
                 "JOIN institutions ho ON ho.id = x.host_institution" +
                     aw.sql() + " ORDER BY x.start_date, x.id",
                 aw.params()))
        f.attachments.push_back({closed_label(core::dict::attachment_kind, r.text(0)), r.text(1),
                                 r.text(2), r.text(3) + " — " + r.text(4), r.integer(5)});

    // Appraisals of the appraisal year: approved ones by rating, the rest in progress.
    Where pw;
    scope_rows(a, s, pw, "da", "sending_institution", "recipient_institution");
    pw.add("ap.year = ?", {std::int64_t{year}});
    std::map<std::string, std::int64_t> ratings;
    for (const auto& r :
         c.query("SELECT ap.stage, ap.rating, st.name, si.name, ri.name FROM appraisals ap "
                 "JOIN dispatch_assignments da ON da.id = ap.assignment "
                 "JOIN staff st ON st.id = da.staff "
                 "JOIN institutions si ON si.id = da.sending_institution "
                 "JOIN institutions ri ON ri.id = da.recipient_institution" +
                     pw.sql() + " ORDER BY st.name_key, ap.id",
                 pw.params())) {
        if (r.text(0) != "approved") {
            ++f.appraisals_open;
            continue;
        }
        auto rating = r.opt_text(1).value_or("");
        ++ratings[rating];
        if (rating == "excellent") f.excellent.push_back({r.text(2), r.text(3), r.text(4)});
    }
    for (const auto& o : core::dict::appraisal_rating.options())
        f.ratings.push_back({std::string(o.value),
                             {std::string(o.zh), std::string(o.en)},
                             ratings[std::string(o.value)]});

    // Subsidies earned in the appraisal year: the subsidy repository's entitlements (the
    // actor's scope), kept to the assignments of this report's scope.
    ListQuery q;
    q.filters["year"] = std::to_string(year);
    if (s.scope.kind == "program") q.filters["program"] = s.scope.id;
    if (s.scope.kind == "institution") q.filters["institution"] = s.scope.id;
    // No row cap here: the cap guards the payment-list API's answer, while a province's summary
    // must cover all its assignments (it failed at province scale with the default 20,000).
    for (const auto& row :
         subsidies::entitlements(c, a, q, std::numeric_limits<std::int64_t>::max()).rows) {
        if (!in_scope.contains(row.assignment)) continue;
        // A program without subsidy items earns nothing: no row of zeros for each teacher.
        if (row.entitlement.lines.empty()) continue;
        SubsidyFact x{row.program_name,
                      row.staff_name,
                      row.sending_name,
                      row.recipient_name,
                      row.entitlement.months,
                      0,
                      row.entitlement.payable_fen,
                      row.entitlement.pending_fen};
        for (const auto& line : row.entitlement.lines) x.entitled_fen += line.total_fen;
        f.subsidies.push_back(std::move(x));
    }
    return f;
}

std::vector<DispatchCount> dispatch_by_school_year(Connection& c, const core::Actor& a,
                                                   const ResolvedScope& s, int first, int last) {
    std::vector<DispatchCount> out;
    for (int y = first; y <= last; ++y) {
        auto [from, to] = core::appraisal_year_window(y);
        Where w;
        scope_rows(a, s, w, "da", "sending_institution", "recipient_institution");
        w.add("da.start_date <= ? AND da.end_date >= ?",
              {core::format_date(to), core::format_date(from)});
        w.add("da.status <> 'withdrawn'");
        auto row = c.query_one(
            "SELECT COUNT(*), COUNT(DISTINCT da.staff) FROM dispatch_assignments da" + w.sql(),
            w.params());
        auto key = std::to_string(y);
        auto before = std::to_string(y - 1);
        out.push_back({key,
                       {before + "—" + key + "学年", before + "–" + key.substr(2)},
                       row->integer(0),
                       row->integer(1)});
    }
    return out;
}

}  // namespace bangfu::store::reports
