#pragma once
// Inbound students (异地就读 / "9+3"): students from an aided region studying at a host
// institution under a program, recorded as cohorts (school year, stage, grade, major) with a
// head count and the fee exemption each student receives per year — the figures the seeds
// report ("15 students from Xiangcheng"; "198 '9+3' students, 63 in grade 10, 74 in grade 11,
// 61 in grade 12, by major"). Individual students, when helped one to one, are beneficiaries.
#include <boost/json.hpp>
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct InboundCohort {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived
    std::int64_t host_institution = 0;
    std::string host_name;           // derived
    std::string origin_region;       // region code of the aided region the students come from
    std::string origin_region_name;  // derived
    std::int64_t school_year = 0;    // the year the school year starts (2015 = 2015–2016)
    std::string stage = "senior";    // dict::stage
    std::string grade;               // 高一 / 高二 / 高三, 一年级 …
    std::string major;               // vocational major, empty for general high school
    std::int64_t student_count = 0;
    std::int64_t fee_exemption_fen = 0;  // per student per year
    std::string note;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> inbound_cohort_labels();
boost::json::object to_json(const InboundCohort& x);
// "fee_exemption" is yuan text ("2500.00") → fee_exemption_fen.
void read_json(InboundCohort& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const InboundCohort& x);

}  // namespace bangfu::core
