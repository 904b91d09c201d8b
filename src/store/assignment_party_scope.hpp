#pragma once
// Who may read the dispatch assignments that appraisals, subsidies and rural-service credit are
// computed from (DESIGN.md §1): a system admin all; bureau admins and inspectors those of
// programs run in their subtree and those sending from or to an institution in it; an
// institution admin those sending from or to their institution; a teacher their own (the staff
// record the user is linked to, Actor::staff).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/appraisal.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store {

// An assignment with the names and paths the appraisal and subsidy rules need.
struct AssignmentParties {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string program_name;
    std::string program_path;
    std::int64_t staff = 0;
    std::string staff_name;
    std::int64_t sending_institution = 0;
    std::string sending_name;
    std::int64_t recipient_institution = 0;
    std::string recipient_name;
    std::string start_date;
    std::string end_date;
    std::optional<std::string> withdrawn_on;
    std::string status;

    core::AppraisalParties parties() const {
        return {staff, sending_institution, recipient_institution, program_path};
    }
};

// The assignment when the actor may read it, else nullopt.
std::optional<AssignmentParties> find_assignment(Connection& c, const core::Actor& a,
                                                 std::int64_t id);

}  // namespace bangfu::store
