#pragma once
// The yearly appraisal of a dispatched teacher (支教考核): four steps in order, each owned by one
// party of the assignment (DESIGN.md §4):
//   1. self      the teacher's self-appraisal and yearly summary — the assignment's staff member
//                (a user with role teacher linked to that staff record, Actor::staff);
//   2. rate      the recipient's rating (excellent / competent / basically competent /
//                incompetent) with comments and its summary — an institution admin of the
//                recipient institution;
//   3. sender    the sending institution's opinion and its summary — an institution admin of the
//                sending institution;
//   4. approve   the bureau office's approval — a bureau admin whose subtree holds the region of
//                the program's owner (or a system admin, who stands above every bureau).
// `stage` names the step that is due: self → rating → sender → office → approved. An approved
// record is locked; only the office reopens it, with a reason, back to a chosen step.
// The appraisal year is the year the school year ends (see core/subsidy.hpp).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dictionary.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"
#include "core/user.hpp"

namespace bangfu::core {

namespace dict {
extern const Dictionary appraisal_stage;  // self, rating, sender, office, approved
extern const Dictionary appraisal_step;   // create, self, rate, sender, approve, reopen
}  // namespace dict

struct Appraisal {
    std::int64_t id = 0;
    std::int64_t assignment = 0;
    std::int64_t year = 0;
    std::string stage = "self";
    // Derived from the assignment, for display and for deciding who acts.
    std::int64_t program = 0;
    std::string program_name;
    std::int64_t staff = 0;
    std::string staff_name;
    std::int64_t sending_institution = 0;
    std::string sending_name;
    std::int64_t recipient_institution = 0;
    std::string recipient_name;
    std::string start_date;
    std::string end_date;
    // The steps.
    std::string self_summary;
    std::optional<std::int64_t> self_by;
    std::string self_by_name;
    std::string self_at;
    std::optional<std::string> rating;
    std::string recipient_comment;
    std::string recipient_summary;
    std::optional<std::int64_t> recipient_by;
    std::string recipient_by_name;
    std::string recipient_at;
    std::string sender_opinion;
    std::string sender_summary;
    std::optional<std::int64_t> sender_by;
    std::string sender_by_name;
    std::string sender_at;
    std::string office_comment;
    std::optional<std::int64_t> office_by;
    std::string office_by_name;
    std::string office_at;
    std::string created_at;
    std::string updated_at;
};

struct AppraisalEvent {
    std::int64_t id = 0;
    std::string step;  // dict::appraisal_step
    std::optional<std::int64_t> user;
    std::string username;
    std::string at;
    std::string comment;  // the reason of a reopen, the comment of a step
};

boost::json::object to_json(const Appraisal& x);
boost::json::object to_json(const AppraisalEvent& x);

// The parties of an assignment, as far as who-may-act is concerned.
struct AppraisalParties {
    std::int64_t staff = 0;
    std::int64_t sending_institution = 0;
    std::int64_t recipient_institution = 0;
    std::string program_path;  // region path of the program's owner
};

enum class AppraisalAction { self, rate, sender, approve };

std::optional<AppraisalAction> parse_appraisal_action(std::string_view text);
std::string_view action_name(AppraisalAction a);
// The stage at which `a` is due, and the stage it leads to.
std::string_view stage_for(AppraisalAction a);
std::string_view stage_after(AppraisalAction a);
// Whether the actor is the party who owns `a` for these parties.
bool owns_step(const Actor& actor, const AppraisalParties& p, AppraisalAction a);
// Whether the actor is the bureau office of the program (approves and reopens).
bool is_office(const Actor& actor, const AppraisalParties& p);
// The actions the actor may take now on a record at `stage` (at most one; empty when none).
std::optional<AppraisalAction> action_due(const Actor& actor, const AppraisalParties& p,
                                          std::string_view stage);

// The fields a step writes, read from its request body and checked.
struct StepInput {
    std::string self_summary;
    std::optional<std::string> rating;
    std::string comment;  // recipient_comment / sender_opinion / office_comment
    std::string summary;  // recipient_summary / sender_summary
};
// Reads the body of step `a`; unknown fields, missing required ones (the self-appraisal, the
// rating and its comment, the sender's opinion) and over-long texts are field errors.
StepInput read_step(AppraisalAction a, const boost::json::object& body, FieldErrors& e);

// Refusals, naming the step and the stage, in both languages.
Text wrong_stage_error(AppraisalAction a, std::string_view stage);
Text wrong_role_error(AppraisalAction a);

}  // namespace bangfu::core
