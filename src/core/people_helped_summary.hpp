#pragma once
// The "people helped" section of the yearly summary (结对帮扶困难学生与家庭, issue 6): the
// beneficiaries helped one to one, the help recorded (by kind and month, money spent), the
// outcomes the seeds report (counselled, tuition exemptions, work-study places, people employed
// and how many at 2,000 yuan a month or more), the inbound students of the programs, and the
// cadences overdue as of the report date. Built from facts the store aggregated for one scope
// and year (store/people_helped_facts.hpp), so every figure is a pure function of those facts.
//
// No personal data: the Word file leaves the building, and the beneficiaries are minors and poor
// families. The section holds counts, sums and dictionary labels only; never a beneficiary's
// name, ID number, class, address or family situation, nor a helper's name (which would point
// at the child helped). Institution and program names appear (inbound students by program).
#include <cstdint>
#include <string>
#include <vector>

#include "core/aid.hpp"
#include "core/pairing_work_summary.hpp"
#include "core/yearly_report.hpp"

namespace bangfu::core::report {

struct BeneficiaryCategoryCount {
    std::string key;  // dict::beneficiary_category code
    Text label;
    std::int64_t students = 0;
    std::int64_t households = 0;
};
struct AidCount {
    std::string key;  // dict::aid_help_kind code, or "2026-03"
    Text label;
    std::int64_t records = 0;
    std::int64_t beneficiaries = 0;  // distinct beneficiaries helped
    std::int64_t amount_fen = 0;
};
struct InboundCount {
    std::string key;
    std::string label;  // program name, grade, major ("" = general high school)
    std::int64_t students = 0;
    std::int64_t fee_exemption_fen = 0;  // students × exemption per year
};

struct PeopleHelpedFacts {
    // Beneficiaries (by their institution) with an aid case running at some time in the year.
    std::int64_t students = 0;
    std::int64_t households = 0;
    std::vector<BeneficiaryCategoryCount> by_category;  // every category, dictionary order
    std::int64_t cases = 0;                             // aid cases running in the year
    // Aid records dated in the year (store/aid_record_repository statistics).
    std::vector<AidCount> records_by_kind;   // dictionary order, kinds recorded
    std::vector<AidCount> records_by_month;  // 12 rows, January first
    std::int64_t records = 0;
    std::int64_t amount_fen = 0;
    std::int64_t home_visits = 0;  // records
    std::int64_t counselled = 0;   // beneficiaries given psychological counselling
    std::int64_t tuition_exemptions = 0;
    std::int64_t work_study_places = 0;
    std::int64_t people_employed = 0;   // job placements
    std::int64_t employed_at_2000 = 0;  // … at 2,000 yuan a month or more
    // Inbound students of the school year starting in the report year.
    std::int64_t inbound_students = 0;
    std::int64_t inbound_fee_exemption_fen = 0;
    std::vector<InboundCount> inbound_by_program, inbound_by_grade, inbound_by_major;
    // Cadences overdue on `as_of` (the report year's last day, or today during the year).
    std::string as_of;
    std::int64_t overdue_cases = 0;
    std::int64_t overdue_cadences = 0;
};

// Where the figures link to: the beneficiaries, aid and inbound-student pages, with the filters
// each page understands for the scope ("institution=7", "region=441900105", "program=3").
struct PeopleHelpedLinks {
    std::string beneficiary_filter;  // institution=…, region=… or aid_program=…, and aided_year=…
    std::string aid_filter;          // institution=…, region=… or program=…
    std::string inbound_filter;  // host_institution=… or program=…
    int year = 0;
};
PeopleHelpedLinks people_helped_links(const Scope& scope, int year);

Section people_helped_section(const PeopleHelpedFacts& f, const PeopleHelpedLinks& l);

// The dashboard series of the people helped: headline figures (the section's own Figure values,
// so they always agree), beneficiaries by category, aid records by kind and by month, overdue
// cadences as of the report date, each with the link to its records. Labels in `lang`.
boost::json::object people_helped_dashboard_json(const PeopleHelpedFacts& f,
                                                 const PeopleHelpedLinks& l, std::string_view lang);

}  // namespace bangfu::core::report
