#pragma once
// Teacher dispatch (支教): batches (批次) with their send-off, assignments of a staff member from
// the sending institution to a recipient for a period, and the reverse flow, attachment study
// (挂职/跟岗/跟班) of recipient staff at the supporter. Workload per term counts the class hours
// taught at the recipient into the home workload (the extra-hours award).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

namespace dict {
// planned → active → completed; withdrawn (with a reason and date) from planned or active.
extern const Dictionary assignment_status;
// attachment (挂职), shadowing (跟岗学习), class_tracking (跟班), training (培训).
extern const Dictionary attachment_kind;
}  // namespace dict

struct Batch {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived
    std::string name;
    std::string sendoff_date;  // YYYY-MM-DD
    std::string sendoff_event;  // the farewell meeting ("欢送会，文教局、乡镇办联合举办")
    std::int64_t planned_count = 0;
    std::int64_t assigned_count = 0;  // derived: assignments not withdrawn
    std::string note;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> batch_labels();
boost::json::object to_json(const Batch& x);
void read_json(Batch& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Batch& x);

struct Assignment {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived
    std::optional<std::int64_t> batch;
    std::string batch_name;  // derived
    std::int64_t staff = 0;
    std::string staff_name;  // derived
    // Optional on create: the store fills in the staff member's institution.
    std::optional<std::int64_t> sending_institution;
    std::string sending_institution_name;  // derived
    std::int64_t recipient_institution = 0;
    std::string recipient_institution_name;  // derived
    std::string start_date;                  // YYYY-MM-DD
    std::string end_date;                    // YYYY-MM-DD (a school year: about 10 months)
    std::vector<std::string> subjects;       // dict::subject codes
    std::int64_t weekly_hours_recipient = 0;
    std::int64_t weekly_hours_home = 0;
    std::string housing;
    std::string duties;
    bool volunteered = false;
    std::string status = "planned";  // dict::assignment_status
    std::optional<std::string> withdrawn_on;
    std::string withdraw_reason;
    std::string override_reason;  // an admin's reason for sending someone the rules refuse
    std::optional<std::int64_t> override_by;
    std::string note;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> assignment_labels();
boost::json::object to_json(const Assignment& x);
// `override_reason` is read too; withdrawn_on / withdraw_reason only by the withdraw action.
void read_json(Assignment& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Assignment& x);
// The withdraw action: a reason, and a date within the period.
FieldErrors validate_withdrawal(const Assignment& x, const std::string& on,
                                const std::string& reason);

struct AttachmentStudy {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived
    std::string kind;           // dict::attachment_kind
    std::optional<std::int64_t> staff;
    std::string staff_name;  // derived
    // 1 for a named person; a group received without names has no staff and a headcount.
    std::int64_t headcount = 1;
    std::int64_t home_institution = 0;  // the recipient side, where they come from
    std::string home_institution_name;
    std::int64_t host_institution = 0;  // the supporter, where they study or hold a post
    std::string host_institution_name;
    std::string start_date;
    std::string end_date;
    std::string schedule;  // "每月一周" (one week every month)
    std::int64_t days = 0;
    std::string purpose;
    std::string outcome;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> attachment_labels();
boost::json::object to_json(const AttachmentStudy& x);
void read_json(AttachmentStudy& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const AttachmentStudy& x);

// School terms: the autumn term of year Y runs from Y-09-01 to (Y+1)-01-31, the spring term of Y
// from Y-02-01 to Y-08-31 (summer holidays belong to the spring term, so every day is in one).
struct Term {
    int year = 0;
    bool autumn = false;
    std::string code() const;  // "2012-autumn", "2013-spring"
    Text label() const;        // "2012年秋季学期" / "Autumn term 2012"
    Date first() const;
    Date last() const;
    auto operator<=>(const Term&) const = default;
};
Term term_of(const Date& d);
std::optional<Term> parse_term(std::string_view code);

// One assignment's class hours within one term: the weeks it covers (days / 7, to a tenth of a
// week) times the weekly hours, at the recipient and at home. A withdrawn assignment counts up
// to its withdrawal date; a planned one does not count.
struct TermWorkload {
    Term term;
    std::int64_t days = 0;
    std::int64_t recipient_hours = 0;  // rounded to whole class hours
    std::int64_t home_hours = 0;
    std::int64_t total_hours() const { return recipient_hours + home_hours; }
};
std::vector<TermWorkload> workload_by_term(const Assignment& x);

}  // namespace bangfu::core
