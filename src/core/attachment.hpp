#pragma once
// Uploaded files: which kinds are accepted and how large they may be. The type is decided from
// the file's first bytes (its signature) and must agree with the name's extension, so a renamed
// executable is not stored as a "photo".
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace bangfu::core {

// What a file is for decides what is accepted.
enum class FilePurpose {
    photo_or_document,  // activity attachments: photos and documents
    document,           // agreements, plans, policy documents
    resource,           // shared teaching resources: documents, slides, videos, archives
};

struct FileCheck {
    std::string content_type;  // e.g. "image/jpeg", decided by check_upload
    std::string extension;     // lower-case, without the dot
};

// Per-purpose size limits (bytes).
std::int64_t max_file_size(FilePurpose purpose);
// Checks the name, size and content of an upload. Throws a validation error on `field`
// ("file" unless told) naming the problem: empty file, too large (with the limit in MB),
// extension not accepted (listing the accepted ones), content not matching the extension.
FileCheck check_upload(FilePurpose purpose, std::string_view file_name, std::string_view content,
                       std::string_view field = "file");
// Strips directories and control characters from a client-supplied name and keeps it ≤ 200
// characters; an empty result is a validation error.
std::string clean_file_name(std::string_view name, std::string_view field = "file");

}  // namespace bangfu::core
