#include "store/rural_credit_repository.hpp"

#include <map>

#include "core/rural_credit.hpp"
#include "core/subsidy.hpp"
#include "store/scope.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::rural_credit {

namespace {
// Assignments whose service is over: completed, or cut short by a withdrawal.
constexpr std::string_view credited = "da.status IN ('completed', 'withdrawn')";

constexpr std::string_view service_sql =
    "SELECT da.staff, da.id, ri.name, ri.locality, ri.weak, da.start_date, da.end_date, "
    "da.withdrawn_on FROM dispatch_assignments da JOIN institutions ri ON ri.id = "
    "da.recipient_institution";

ServiceRow service_from_row(const Row& r, const std::optional<core::Date>& cutoff) {
    ServiceRow s;
    s.assignment = r.integer(1);
    s.recipient_name = r.text(2);
    s.locality = r.text(3);
    s.weak = r.boolean(4);
    s.start_date = r.text(5);
    auto first = core::parse_date(r.text(5));
    auto end = core::parse_date(r.text(6));
    std::optional<core::Date> withdrawn;
    if (auto t = r.opt_text(7)) withdrawn = core::parse_date(*t);
    if (!first || !end) return s;
    auto last = core::service_end(*end, withdrawn);
    if (cutoff && *cutoff < last) last = *cutoff;
    s.last_date = core::format_date(last);
    s.months = core::counted_months(*first, last);
    s.counts = core::counts_as_rural_service(s.locality, s.weak);
    return s;
}

void total(Credit& x) {
    std::vector<core::ServicePeriod> periods;
    for (const auto& s : x.service)
        if (s.counts && s.months > 0)
            periods.push_back({*core::parse_date(s.start_date), *core::parse_date(s.last_date)});
    x.months = core::rural_service_months(periods);
}
}  // namespace

boost::json::object to_json(const Credit& x) {
    boost::json::array service;
    for (const auto& s : x.service)
        service.push_back({{"assignment", s.assignment},
                           {"recipient_name", s.recipient_name},
                           {"locality", s.locality},
                           {"weak", s.weak},
                           {"start_date", s.start_date},
                           {"last_date", s.last_date},
                           {"months", s.months},
                           {"counts", s.counts}});
    return {
        {"staff", x.staff}, {"staff_name", x.staff_name}, {"institution_name", x.institution_name},
        {"title", x.title}, {"months", x.months},         {"service", std::move(service)}};
}

boost::json::object to_json(const TitleEvaluation& x) {
    boost::json::array lacking, meeting;
    for (const auto& c : x.lacking) lacking.push_back(to_json(c));
    for (const auto& c : x.meeting) meeting.push_back(to_json(c));
    return {{"region", x.region},
            {"region_name", x.region_name},
            {"year", x.year},
            {"threshold_months", x.threshold_months},
            {"lacking", std::move(lacking)},
            {"meeting", std::move(meeting)}};
}

Credit credit(Connection& c, const core::Actor& a, std::int64_t staff) {
    Where w;
    w.add("s.id = ?", {staff});
    Scope(a).staff(w);
    auto row = c.query_one(
        "SELECT s.id, s.name, i.name, s.title FROM staff s JOIN institutions i ON i.id = "
        "s.institution" +
            w.sql(),
        w.params());
    if (!row) core::throw_not_found({"教职工", "Staff member"});
    Credit x{row->integer(0), row->text(1), row->text(2), row->text(3), 0, {}};
    for (const auto& r : c.query(std::string(service_sql) + " WHERE da.staff = ? AND " +
                                     std::string(credited) + " ORDER BY da.start_date, da.id",
                                 {staff}))
        x.service.push_back(service_from_row(r, std::nullopt));
    total(x);
    return x;
}

TitleEvaluation title_evaluation(Connection& c, const core::Actor& a, const std::string& region,
                                 std::int64_t year) {
    if (year < 1900 || year > 2200)
        bad_parameter("year", {"年份应在 1900 到 2200 之间", "year must be 1900–2200"});
    Where rw;
    rw.add("r.code = ?", {region});
    Scope(a).regions(rw);
    auto reg = c.query_one("SELECT r.code, r.name, r.path FROM regions r" + rw.sql(), rw.params());
    if (!reg) core::throw_not_found({"行政区划", "Region"});
    TitleEvaluation out;
    out.region = reg->text(0);
    out.region_name = reg->text(1);
    out.year = year;
    // The region's subtree, as the bureau of the region reads it.
    auto subtree = Scope::bureau_of(reg->text(2));
    Where pw;
    subtree.subtree_rows(pw, "p");
    auto strictest = c.query_one(
        "SELECT MAX(dp.rural_service_months) FROM dispatch_policies dp JOIN programs p ON p.id = "
        "dp.program" +
            pw.sql(),
        pw.params());
    out.threshold_months = strictest && !strictest->is_null(0) ? strictest->integer(0)
                                                               : core::default_rural_service_months;
    Where w;
    w.add("s.archived = 0 AND s.role IN ('teacher', 'principal')");
    subtree.subtree_rows(w, "s");
    Scope(a).staff(w);
    std::map<std::int64_t, Credit> people;
    std::vector<std::int64_t> order;
    for (const auto& r :
         c.query("SELECT s.id, s.name, i.name, s.title FROM staff s JOIN institutions i ON i.id = "
                 "s.institution" +
                     w.sql() + " ORDER BY i.name_key, s.name_key, s.id",
                 w.params())) {
        people[r.integer(0)] = {r.integer(0), r.text(1), r.text(2), r.text(3), 0, {}};
        order.push_back(r.integer(0));
    }
    core::Date cutoff{static_cast<int>(year), 12, 31};
    Params sp = w.params();
    sp.push_back(core::format_date(cutoff));
    for (const auto& r :
         c.query(std::string(service_sql) + " WHERE da.staff IN (SELECT s.id FROM staff s" +
                     w.sql() + ") AND " + std::string(credited) +
                     " AND da.start_date <= ? ORDER BY da.start_date, da.id",
                 sp))
        if (auto it = people.find(r.integer(0)); it != people.end())
            it->second.service.push_back(service_from_row(r, cutoff));
    for (auto id : order) {
        auto& x = people[id];
        total(x);
        (x.months >= out.threshold_months ? out.meeting : out.lacking).push_back(std::move(x));
    }
    return out;
}

}  // namespace bangfu::store::rural_credit
