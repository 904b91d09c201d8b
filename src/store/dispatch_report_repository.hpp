#pragma once
// Reports of teacher dispatch, over the assignments the actor may read: the workload per teacher
// and term (class hours at the recipient counted into the home workload, for the extra-hours
// award) and the statistics the seeds report (batches, teachers arranged, person-times, by
// year, subject, sender and recipient).
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/dispatch.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::dispatch_reports {

struct WorkloadRow {
    std::int64_t staff = 0;
    std::string staff_name;
    std::int64_t sending_institution = 0;
    std::string sending_institution_name;
    std::string recipients;  // the recipient institutions, "、"-joined
    core::Term term;
    std::int64_t assignments = 0;
    std::int64_t days = 0;
    std::int64_t recipient_hours = 0;
    std::int64_t home_hours = 0;
    std::int64_t total_hours = 0;
};
// The assignment list's filters (term narrows to that term's rows); rows by term, then sender,
// then name.
std::vector<WorkloadRow> workload(Connection& c, const core::Actor& a, const ListQuery& q);
boost::json::object to_json(const WorkloadRow& r, std::string_view lang);

struct StatRow {
    std::string key;
    core::Text label;
    std::int64_t person_times = 0;  // assignments not withdrawn
    std::int64_t teachers = 0;      // distinct staff among them
    std::int64_t batches = 0;       // distinct batches among them
};
struct Statistics {
    std::int64_t batches = 0;            // batches of the programs in view
    std::int64_t teachers_arranged = 0;  // their planned numbers, added up
    std::int64_t person_times = 0;
    std::int64_t teachers = 0;
    std::int64_t withdrawn = 0;
    // School years (September to August) from the first start to the last end: "3 batches over
    // 4 years". The first and last as "2022-2023".
    std::int64_t school_years = 0;
    std::string first_school_year, last_school_year;
    std::int64_t attachment_person_times = 0;  // the reverse flow: headcounts added up
    std::vector<StatRow> by_year, by_subject, by_sender, by_recipient;
};
// Filters: the assignment list's (program, batch, sender, recipient, institution, subject,
// year, …); batches and teachers arranged follow program (and year, by send-off date).
Statistics statistics(Connection& c, const core::Actor& a, const ListQuery& q);
boost::json::object to_json(const Statistics& s, std::string_view lang);

}  // namespace bangfu::store::dispatch_reports
