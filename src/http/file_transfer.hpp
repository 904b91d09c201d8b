#pragma once
// Uploading and downloading the files kept with pairing work (agreements, plans, policy
// documents, activity photos, shared resources). An upload is the raw request body (as the
// spreadsheet imports), its file name in the `name` query parameter; web/src/api.js uploadFile()
// sends exactly that.
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "store/file_repository.hpp"

namespace bangfu::http {

struct Upload {
    std::string name;          // as the client named it (cleaned by the file repository)
    std::string_view content;  // the request body
};

// The request body as an uploaded file. A missing `name` parameter or an empty body is a 400
// naming the field "file".
Upload read_upload(const Context& ctx);
// A download of a stored file: the original name in Content-Disposition (UTF-8, RFC 6266),
// `inline` for images and PDF so a browser shows them, `attachment` for everything else;
// X-Content-Type-Options: nosniff always.
Response file_download(const store::files::FileInfo& info, std::string content);

}  // namespace bangfu::http
