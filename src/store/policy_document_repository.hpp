#pragma once
// The policy documents (政策文件) of a program, each with an optional file (the scanned or
// original document). Read with the program; changed by whoever may change the program.
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/program.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"

namespace bangfu::store::policy_documents {

// Newest first (issued_on descending, then id).
std::vector<core::PolicyDocument> list(Connection& c, const core::Actor& a, std::int64_t program);
core::PolicyDocument get(Connection& c, const core::Actor& a, std::int64_t program,
                         std::int64_t id);
core::PolicyDocument create(Connection& c, const core::Actor& a, std::int64_t program,
                            core::PolicyDocument x, core::FieldErrors errors);
core::PolicyDocument update(Connection& c, const core::Actor& a, std::int64_t program,
                            std::int64_t id, const boost::json::object& patch);
// Deletes the document and its file.
void remove(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id);

// Attaches a file (purpose document), replacing the previous one, which is deleted.
core::PolicyDocument attach_file(Connection& c, const core::Actor& a, std::int64_t program,
                                 std::int64_t id, std::string_view name, std::string_view content);
// The file's metadata and bytes; 404 when the document has no file.
std::pair<files::FileInfo, std::string> file(Connection& c, const core::Actor& a,
                                             std::int64_t program, std::int64_t id);
core::PolicyDocument remove_file(Connection& c, const core::Actor& a, std::int64_t program,
                                 std::int64_t id);

}  // namespace bangfu::store::policy_documents
