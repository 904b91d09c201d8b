#pragma once
// Staff of institutions: teachers, principals, cadres, medical staff. The people who are sent,
// appraised and paid in later modules.
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

struct Staff {
    std::int64_t id = 0;
    std::string name;
    std::string gender;  // dict::gender
    std::int64_t institution = 0;
    std::string institution_name;       // derived, for display
    std::string role = "teacher";       // dict::staff_role
    std::vector<std::string> subjects;  // dict::subject codes
    std::string title = "none";         // dict::title
    std::string backbone = "none";      // dict::backbone
    std::int64_t years_teaching = 0;
    std::optional<std::string> birth_date;  // YYYY-MM-DD
    std::string health = "good";            // dict::health
    std::string phone;
    bool archived = false;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> staff_labels();
// `mask_personal` hides the phone number (lists, exports without the permission).
boost::json::object to_json(const Staff& x, bool mask_personal);
void read_json(Staff& x, const boost::json::object& o, FieldErrors& e);
// `today` is needed for the birth-date checks (not in the future, plausible working age).
FieldErrors validate(const Staff& x, const Date& today);

}  // namespace bangfu::core
