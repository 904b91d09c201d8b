#pragma once
// Programs (帮扶项目) and their organisation: the leading group (领导小组) and the policy
// documents (政策文件) a bureau issues for the program. Pure records and validation; the store
// decides scope.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct Program {
    std::int64_t id = 0;
    std::string name;
    std::string kind;         // dict::program_kind
    std::string region;       // region code of the owning bureau
    std::string region_name;  // derived, for display
    std::string start_date;   // YYYY-MM-DD
    std::optional<std::string> end_date;
    std::string goals;
    std::string office;             // the office that runs the daily work (领导小组办公室)
    std::string status = "active";  // dict::program_status
    bool archived = false;
    std::string created_at;
    std::string updated_at;
    // Shown on the detail page only (GET /programs/{id}); absent in lists.
    std::optional<std::int64_t> pairing_count;
    std::optional<std::int64_t> active_pairing_count;
};

std::span<const FieldLabel> program_labels();
boost::json::object to_json(const Program& x);
void read_json(Program& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const Program& x);

// A member of a program's leading group: a staff record (its name is copied from the staff
// record) or a person typed in as free text (an official of another department, say).
struct LeadingGroupMember {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string role;  // dict::leading_group_role
    std::optional<std::int64_t> staff;
    std::string name;
    std::string position;  // 职务, e.g. 局长
    std::string unit;      // 单位, e.g. 叶集区文教局
    std::int64_t sort_order = 0;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> leading_group_labels();
boost::json::object to_json(const LeadingGroupMember& x);
void read_json(LeadingGroupMember& x, const boost::json::object& o, FieldErrors& e);
// The staff-or-name rule: with no staff record, `name` is required.
FieldErrors validate(const LeadingGroupMember& x);

struct PolicyDocument {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string title;
    std::string doc_number;  // kept as typed: 叶教〔2011〕45号, 叶教[2011]45号, …
    std::string issuer;
    std::string issued_on;  // YYYY-MM-DD
    std::optional<std::int64_t> file;
    // The stored file's metadata ({id, name, content_type, size, …}) when a file is attached.
    boost::json::value file_info;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> policy_document_labels();
boost::json::object to_json(const PolicyDocument& x);
void read_json(PolicyDocument& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const PolicyDocument& x);

// Shared date checks of the pairing-work records: a required date, an optional one.
void check_required_date(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value);
void check_optional_date(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::optional<std::string>& value);
// end ≥ start, when both are valid dates; the error is on `end_field`.
void check_date_order(std::span<const FieldLabel> labels, FieldErrors& e,
                      std::string_view start_field, const std::string& start,
                      std::string_view end_field, const std::optional<std::string>& end);

}  // namespace bangfu::core
