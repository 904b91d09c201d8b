#pragma once
// One-to-one aid (一对一帮扶): a case links a helper (a staff member, a partner student in
// "hand in hand", or an institution) with a beneficiary, with goals and a cadence plan of help;
// records are each contact or help given; outcomes note progress with simple indicators.
// The rules that need no database live here; the store checks the referenced rows and scope.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct AidCadence {
    std::string kind;  // dict::aid_help_kind
    std::int64_t every_count = 1;
    std::string every_unit;  // dict::aid_cadence_unit
    std::string note;
    // Derived (store, from the records and today).
    std::string last_date;  // "" when never recorded
    std::string due_date;
    bool overdue = false;
    std::int64_t days_overdue = 0;
};

struct AidCase {
    std::int64_t id = 0;
    std::int64_t beneficiary = 0;
    std::optional<std::int64_t> program;
    std::string helper_kind;  // dict::aid_helper_kind
    std::optional<std::int64_t> helper_staff;
    std::string helper_name;  // partner student or contact; the staff member's name for staff
    std::int64_t helper_institution = 0;  // for staff: the staff member's institution
    std::string start_date;
    std::optional<std::string> end_date;
    std::string goals;
    std::vector<AidCadence> cadences;
    std::string created_at;
    std::string updated_at;
    // Derived for display: what aid screens may show of the beneficiary (never the personal
    // fields), the helper, the program, the state of the cadence.
    std::string beneficiary_name;
    std::string beneficiary_kind;
    std::int64_t beneficiary_institution = 0;
    std::string beneficiary_institution_name;
    std::string grade;
    std::string class_name;
    std::string helper_institution_name;
    std::string program_name;
    std::int64_t record_count = 0;
    std::string last_record_date;
    std::string next_due_date;  // the earliest due date of the cadences ("" without cadence)
    bool overdue = false;
    std::string status;  // active, ended, not_started (before its start date)
};

struct AidRecord {
    std::int64_t id = 0;
    std::int64_t aid_case = 0;
    std::string record_date;
    std::string kind;  // dict::aid_help_kind
    std::int64_t duration_minutes = 0;
    std::int64_t amount_fen = 0;
    std::optional<std::int64_t> monthly_wage_fen;  // job placement only
    std::string notes;
    std::optional<std::int64_t> recorded_by;
    std::string recorded_by_name;  // derived
    std::int64_t attachment_count = 0;
    std::string created_at;
    std::string updated_at;
};

struct AidOutcome {
    std::int64_t id = 0;
    std::int64_t aid_case = 0;
    std::string recorded_on;
    std::string note;
    std::string grade_score;  // free text: "数学 62→78", "班级第 12 名"
    std::optional<std::int64_t> attendance_percent;
    std::optional<bool> employed;
    std::optional<std::int64_t> monthly_wage_fen;
    std::string created_at;
    std::string updated_at;
};

inline constexpr std::size_t aid_text_max = 5000;
inline constexpr std::int64_t aid_cadence_count_max = 100;
inline constexpr std::int64_t aid_duration_max = 100'000;  // minutes
// Monthly wage from which a job placement counts as "employed at 2,000 yuan a month or more"
// (the seeds' 就业月薪2000元以上).
inline constexpr std::int64_t employed_wage_threshold_fen = 200'000;

std::span<const FieldLabel> aid_case_labels();
std::span<const FieldLabel> aid_record_labels();
std::span<const FieldLabel> aid_outcome_labels();

boost::json::object to_json(const AidCase& x, std::string_view lang);
// `cadences`, when sent, replaces the plan (PATCH sends it whole).
void read_json(AidCase& x, const boost::json::object& o, FieldErrors& e);
// Dates and their order, helper fields per helper kind, the cadence plan (known kinds and
// units, 1..100, each kind once), text limits.
FieldErrors validate(const AidCase& x);

boost::json::object to_json(const AidRecord& x, std::string_view lang);
void read_json(AidRecord& x, const boost::json::object& o, FieldErrors& e);
// Kind known, date not after `today` and within the case's start and end, duration and amounts
// within limits; a monthly wage for a job placement and only for it.
FieldErrors validate(const AidRecord& x, const Date& today, const std::string& case_start,
                     const std::optional<std::string>& case_end);

boost::json::object to_json(const AidOutcome& x);
void read_json(AidOutcome& x, const boost::json::object& o, FieldErrors& e);
// Date not after `today`, attendance 0..100, a wage only when employed.
FieldErrors validate(const AidOutcome& x, const Date& today);

}  // namespace bangfu::core
