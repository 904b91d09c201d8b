#pragma once
// Dispatch policy of a program (DESIGN.md §4: policies are data): who may be sent (eligibility),
// the sender guard's share and the months of rural service a senior title needs. A program
// without a stored policy uses the seeds' rules (default_dispatch_policy).
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

struct DispatchPolicy {
    std::int64_t program = 0;
    // A rule left empty (or false) is not checked.
    std::optional<std::int64_t> min_years_teaching;
    bool require_good_health = false;
    bool require_volunteer = false;
    std::optional<std::string> min_title;     // dict::title code
    std::optional<std::int64_t> min_age;      // at the start of the assignment
    std::optional<std::int64_t> max_age;      // at the start of the assignment
    std::optional<std::string> min_backbone;  // dict::backbone code
    std::int64_t max_subject_share_percent = 30;
    std::int64_t rural_service_months = 12;
    bool is_default = false;  // derived: no row stored, these are the defaults
    std::string created_at;
    std::string updated_at;
};

// The seeds' rules (Pengzhou → Xiangcheng): at least 3 years of teaching, good health,
// volunteered; the sender guard at 30 %; 12 months of rural service for a senior title.
DispatchPolicy default_dispatch_policy(std::int64_t program);

std::span<const FieldLabel> dispatch_policy_labels();
boost::json::object to_json(const DispatchPolicy& x);
void read_json(DispatchPolicy& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const DispatchPolicy& x);

// What the eligibility rules look at in a candidate.
struct Candidate {
    std::int64_t years_teaching = 0;
    std::string health = "good";  // dict::health
    bool volunteered = false;
    std::string title = "none";     // dict::title
    std::string backbone = "none";  // dict::backbone
    std::optional<std::string> birth_date;
};

// One broken rule: `rule` is a stable code (years_teaching, health, volunteered, title, age,
// backbone) and the message says what the rule asks and what the candidate has.
struct Violation {
    std::string rule;
    Text message;
};

// Every rule of `p` the candidate breaks, in the policy's order (empty = eligible). `on` is the
// assignment's start date (ages are taken then).
std::vector<Violation> check_eligibility(const DispatchPolicy& p, const Candidate& c,
                                         const Date& on);
boost::json::array to_json(const std::vector<Violation>& v, std::string_view lang);

// The sender guard: `sent` teachers of one subject (this assignment included) away at once out
// of `teachers` of that subject at the sending institution. Returns a warning when the share is
// above the policy's limit.
std::optional<Text> sender_guard(const DispatchPolicy& p, std::string_view subject_label_zh,
                                 std::string_view subject_label_en, std::int64_t sent,
                                 std::int64_t teachers);

}  // namespace bangfu::core
