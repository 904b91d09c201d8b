#pragma once
// Files kept in the database (agreements, plans, policy documents, activity photos, shared
// resources). The caller decides whether the actor may attach to or read the owner (its
// repository checks scope first); this repository stores, lists, reads and deletes.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/attachment.hpp"
#include "core/user.hpp"
#include "store/audit_repository.hpp"
#include "store/connection.hpp"

namespace bangfu::store::files {

struct FileInfo {
    std::int64_t id = 0;
    std::string name;
    std::string content_type;
    std::int64_t size = 0;
    std::string sha256;
    std::string owner_kind;  // "activity", "pairing", "plan", "policy_document", "resource"
    std::int64_t owner_id = 0;
    std::string created_at;
};
boost::json::object to_json(const FileInfo& f);

// Checks the upload (core::check_upload) and stores it under the owner, inside the caller's
// transaction if one is open; writes an audit row on `audit_target`.
FileInfo store(Connection& c, const core::Actor& a, core::FilePurpose purpose,
               std::string_view owner_kind, std::int64_t owner_id, std::string_view name,
               std::string_view content, const audit::Target& audit_target);
std::vector<FileInfo> list(Connection& c, std::string_view owner_kind, std::int64_t owner_id);
std::optional<FileInfo> find(Connection& c, std::int64_t id);
// The bytes of a file.
std::string content(Connection& c, std::int64_t id);
// Deletes a file (metadata and content); writes an audit row.
void remove(Connection& c, const core::Actor& a, std::int64_t id,
            const audit::Target& audit_target);
// Deletes every file of an owner (when the owner is deleted), inside the caller's transaction.
void remove_all(Connection& c, std::string_view owner_kind, std::int64_t owner_id);

}  // namespace bangfu::store::files
