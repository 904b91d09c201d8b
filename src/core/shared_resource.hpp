#pragma once
// Shared teaching resources (资源共享): lesson plans, courseware, videos, topic packages a
// supporting institution shares with its recipients, each with one file and a download count.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

struct SharedResource {
    std::int64_t id = 0;
    std::int64_t owner_institution = 0;  // the supporter sharing it
    std::string owner_institution_name;  // derived
    // When set, only this pairing's recipient sees it; else every recipient of the owner's
    // active pairings does.
    std::optional<std::int64_t> pairing;
    std::string pairing_label;  // derived: "supporter → recipient"
    std::string title;
    std::string kind;     // dict::resource_kind
    std::string subject;  // dict::subject, or empty
    std::string stage;    // dict::stage, or empty
    std::string description;
    // The file (uploaded separately): id, name, size, content type; absent until uploaded.
    std::optional<std::int64_t> file;
    std::string file_name;
    std::int64_t file_size = 0;
    std::string file_type;
    std::int64_t download_count = 0;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> shared_resource_labels();
boost::json::object to_json(const SharedResource& x);
void read_json(SharedResource& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const SharedResource& x);

}  // namespace bangfu::core
