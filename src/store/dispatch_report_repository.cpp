#include "store/dispatch_report_repository.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "store/assignment_repository.hpp"
#include "store/attachment_study_repository.hpp"
#include "store/batch_repository.hpp"

namespace bangfu::store::dispatch_reports {

namespace {
// Every assignment the filters match (reports are not paged).
std::vector<core::Assignment> all_assignments(Connection& c, const core::Actor& a, ListQuery q) {
    q.page = 1;
    q.page_size = 1000000;
    q.sort = "start_date";
    return assignments::list(c, a, q).items;
}

template <class Q>
Q with_only(const ListQuery& q, std::initializer_list<std::string_view> keep) {
    Q out;
    out.page = 1;
    out.page_size = 1000000;
    for (const auto& [k, v] : q.filters)
        if (std::find(keep.begin(), keep.end(), k) != keep.end()) out.filters[k] = v;
    return out;
}

boost::json::array rows_json(const std::vector<StatRow>& rows, std::string_view lang) {
    boost::json::array out;
    for (const auto& r : rows)
        out.push_back(boost::json::object{{"key", r.key},
                                          {"label", r.label.in(lang)},
                                          {"person_times", r.person_times},
                                          {"teachers", r.teachers},
                                          {"batches", r.batches}});
    return out;
}

struct Acc {
    core::Text label;
    std::int64_t person_times = 0;
    std::set<std::int64_t> staff, batches;
};

std::vector<StatRow> finish(std::map<std::string, Acc>& m, bool by_key) {
    std::vector<StatRow> out;
    for (auto& [k, acc] : m)
        out.push_back({k, acc.label, acc.person_times, static_cast<std::int64_t>(acc.staff.size()),
                       static_cast<std::int64_t>(acc.batches.size())});
    if (!by_key)
        std::stable_sort(out.begin(), out.end(), [](const StatRow& x, const StatRow& y) {
            return x.person_times > y.person_times;
        });
    return out;
}

// The school year (starting in September) a date falls in, by its first calendar year.
int school_year_of(const std::string& date) {
    auto d = core::parse_date(date);
    if (!d) return 0;
    return d->month >= 9 ? d->year : d->year - 1;
}

std::string school_year_label(int year) {
    return std::to_string(year) + "-" + std::to_string(year + 1);
}

void add(std::map<std::string, Acc>& m, const std::string& key, const core::Text& label,
         const core::Assignment& x) {
    auto& acc = m[key];
    acc.label = label;
    acc.person_times += 1;
    acc.staff.insert(x.staff);
    if (x.batch) acc.batches.insert(*x.batch);
}
}  // namespace

std::vector<WorkloadRow> workload(Connection& c, const core::Actor& a, const ListQuery& q) {
    std::optional<core::Term> only;
    if (auto it = q.filters.find("term"); it != q.filters.end()) {
        only = core::parse_term(it->second);
        if (!only)
            bad_parameter("term", {"应为学期，如 2012-autumn 或 2013-spring",
                                   "must be a term such as 2012-autumn or 2013-spring"});
    }
    std::map<std::tuple<core::Term, std::string, std::string, std::int64_t>, WorkloadRow> rows;
    for (const auto& x : all_assignments(c, a, q)) {
        for (const auto& w : core::workload_by_term(x)) {
            if (only && w.term != *only) continue;
            auto& r = rows[{w.term, x.sending_institution_name, x.staff_name, x.staff}];
            if (r.assignments == 0) {
                r.staff = x.staff;
                r.staff_name = x.staff_name;
                r.sending_institution = *x.sending_institution;
                r.sending_institution_name = x.sending_institution_name;
                r.term = w.term;
            }
            if (r.recipients.find(x.recipient_institution_name) == std::string::npos)
                r.recipients += (r.recipients.empty() ? "" : "、") + x.recipient_institution_name;
            r.assignments += 1;
            r.days += w.days;
            r.recipient_hours += w.recipient_hours;
            r.home_hours += w.home_hours;
            r.total_hours += w.total_hours();
        }
    }
    std::vector<WorkloadRow> out;
    for (auto& [k, r] : rows) out.push_back(std::move(r));
    return out;
}

boost::json::object to_json(const WorkloadRow& r, std::string_view lang) {
    return {{"staff", r.staff},
            {"staff_name", r.staff_name},
            {"sending_institution", r.sending_institution},
            {"sending_institution_name", r.sending_institution_name},
            {"recipients", r.recipients},
            {"term", r.term.code()},
            {"term_label", r.term.label().in(lang)},
            {"assignments", r.assignments},
            {"days", r.days},
            {"recipient_hours", r.recipient_hours},
            {"home_hours", r.home_hours},
            {"total_hours", r.total_hours}};
}

Statistics statistics(Connection& c, const core::Actor& a, const ListQuery& q) {
    Statistics s;
    std::map<std::string, Acc> year, subject, sender, recipient;
    std::set<std::int64_t> staff;
    int first_school_year = 0, last_school_year = 0;
    for (const auto& x : all_assignments(c, a, q)) {
        if (x.status == "withdrawn") {
            ++s.withdrawn;
            continue;
        }
        ++s.person_times;
        staff.insert(x.staff);
        auto y = x.start_date.substr(0, 4);
        add(year, y, {y + "年", y}, x);
        for (const auto& code : x.subjects) {
            auto* o = core::dict::subject.find(code);
            add(subject, code,
                o ? core::Text{std::string(o->zh), std::string(o->en)} : core::Text{code, code}, x);
        }
        add(sender, std::to_string(*x.sending_institution),
            {x.sending_institution_name, x.sending_institution_name}, x);
        add(recipient, std::to_string(x.recipient_institution),
            {x.recipient_institution_name, x.recipient_institution_name}, x);
        auto first = school_year_of(x.start_date);
        auto last = school_year_of(x.end_date);
        if (first_school_year == 0 || first < first_school_year) first_school_year = first;
        if (last > last_school_year) last_school_year = last;
    }
    s.teachers = static_cast<std::int64_t>(staff.size());
    if (first_school_year != 0) {
        s.school_years = last_school_year - first_school_year + 1;
        s.first_school_year = school_year_label(first_school_year);
        s.last_school_year = school_year_label(last_school_year);
    }
    s.by_year = finish(year, true);
    s.by_subject = finish(subject, false);
    s.by_sender = finish(sender, false);
    s.by_recipient = finish(recipient, false);
    for (const auto& b : batches::list(c, a, with_only<ListQuery>(q, {"program", "year"})).items) {
        ++s.batches;
        s.teachers_arranged += b.planned_count;
    }
    for (const auto& x :
         attachment_studies::list(c, a, with_only<ListQuery>(q, {"program", "year"})).items)
        s.attachment_person_times += x.headcount;
    return s;
}

boost::json::object to_json(const Statistics& s, std::string_view lang) {
    return {{"batches", s.batches},
            {"teachers_arranged", s.teachers_arranged},
            {"person_times", s.person_times},
            {"teachers", s.teachers},
            {"withdrawn", s.withdrawn},
            {"school_years", s.school_years},
            {"first_school_year", s.first_school_year},
            {"last_school_year", s.last_school_year},
            {"attachment_person_times", s.attachment_person_times},
            {"by_year", rows_json(s.by_year, lang)},
            {"by_subject", rows_json(s.by_subject, lang)},
            {"by_sender", rows_json(s.by_sender, lang)},
            {"by_recipient", rows_json(s.by_recipient, lang)}};
}

}  // namespace bangfu::store::dispatch_reports
