#pragma once
// Activities of a pairing or program (帮扶活动): visits, demonstration and open classes, lectures,
// training, … with who took part and how many. The rules that need no database live here; the
// store adds the ones that do (the activity type dictionary admins extend, the pairing's two
// institutions, staff in the actor's scope).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct ActivityParticipant {
    std::int64_t staff = 0;
    std::string role;              // free text: 授课教师, 带队领导, …
    std::string name;              // derived, for display
    std::string institution_name;  // derived, for display
};

struct Activity {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::optional<std::int64_t> pairing;
    std::string type;  // dictionary activity_type (extensible)
    std::string start_date;
    std::string end_date;  // a one-day activity has end_date == start_date
    std::int64_t host_institution = 0;
    std::optional<std::int64_t> visiting_institution;  // who came to the host: the direction
    std::int64_t leaders_count = 0;
    std::int64_t teachers_count = 0;
    std::int64_t students_count = 0;
    std::int64_t medical_count = 0;
    std::string subject;  // dict::subject code, optional
    std::string topic;
    std::string content;
    std::string outcome;
    std::optional<std::int64_t> teacher;  // demonstration / open class: who taught
    std::int64_t audience_size = 0;
    std::vector<ActivityParticipant> participants;
    std::string created_at;
    std::string updated_at;
    // Derived for display (filled by the store).
    std::string program_name;
    std::string pairing_label;  // "supporter → recipient"
    std::string host_name;
    std::string visiting_name;
    std::string teacher_name;
    Text type_label;
    std::int64_t attachment_count = 0;
};

inline constexpr std::size_t activity_topic_max = 200;
inline constexpr std::size_t activity_text_max = 5000;
inline constexpr std::int64_t activity_count_max = 1'000'000;

std::span<const FieldLabel> activity_labels();
// Classes (demonstration, open) record a teacher, subject, topic and audience.
bool is_class_activity(std::string_view type);
// Person-times of an activity: the sum of its counts by role.
std::int64_t person_times(const Activity& x);

// `lang` picks the language of the labels (type_label, subject_label).
boost::json::object to_json(const Activity& x, std::string_view lang);
// Reads the fields sent. `participants` replaces the list when present (PATCH sends it whole).
void read_json(Activity& x, const boost::json::object& o, FieldErrors& e);
// Field rules: type present, dates and their order, host present and not the visitor, counts
// within 0..1,000,000, subject known, text limits, the class requirements, participants
// without duplicates.
FieldErrors validate(const Activity& x);
// When the activity belongs to a pairing, host and visitor must be the pairing's two
// institutions (the visitor optional) and differ.
void check_direction(const Activity& x, std::int64_t supporter, std::int64_t recipient,
                     FieldErrors& e);

}  // namespace bangfu::core
