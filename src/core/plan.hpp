#pragma once
// Plans of a program or of one of its pairings: phased plans (annual, semester — 阶段性计划) and
// implementation plans (实施方案), with their approval by the bureau running the program.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Plan {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;  // derived, for display
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived: "supporter → recipient"
    // Derived: the pairing's sides (the owners a task of a pairing-level plan may have).
    std::optional<std::int64_t> supporter;
    std::string supporter_name;
    std::optional<std::int64_t> recipient;
    std::string recipient_name;
    std::string kind;  // dict::plan_kind
    std::string title;
    std::string content;
    std::optional<std::int64_t> file;
    std::string file_name;  // derived
    std::string start_date;
    std::string end_date;
    std::string approval = "draft";  // dict::plan_approval, changed only through approval steps
    std::string approval_comment;    // what the approver said with the last step
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> plan_labels();
boost::json::object to_json(const Plan& x);
// Reads the editable fields (program, pairing, kind, title, content, start_date, end_date).
void read_json(Plan& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Plan& x);

// Phased plans are the annual and semester plans; an implementation plan is the other kind.
bool is_phased_plan(std::string_view kind);
// A submitted or approved plan is frozen: its content changes only after going back to draft.
bool plan_editable(std::string_view approval);

// Who may move a plan from one approval state to another.
enum class ApprovalStep {
    not_allowed,
    by_author,   // the people who record the plan's work (check_work_write)
    by_program,  // the bureau running the program (check_program_write)
};
// draft → submitted and submitted → draft (withdraw) and rejected → draft are the author's;
// submitted → approved / rejected and approved → draft (reopen) are the bureau's.
ApprovalStep approval_step(std::string_view from, std::string_view to);
// The error for a step that is not allowed, naming both states.
Text approval_step_error(std::string_view from, std::string_view to);

}  // namespace bangfu::core
