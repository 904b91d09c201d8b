#include "http/file_transfer.hpp"

#include "core/error.hpp"

namespace bangfu::http {

Upload read_upload(const Context& ctx) {
    auto it = ctx.request.query.find("name");
    if (it == ctx.request.query.end() || it->second.empty())
        core::throw_validation(
            {{"file", {"缺少文件名（name 参数）", "the file name (parameter name) is missing"}}});
    if (ctx.request.body.empty())
        core::throw_validation({{"file", {"文件是空的", "the file is empty"}}});
    return {it->second, ctx.request.body};
}

Response file_download(const store::files::FileInfo& info, std::string content) {
    auto r = Response::file(std::move(content), info.content_type, info.name);
    // Images and PDF open in the browser (photo thumbnails, previews); the server sends
    // X-Content-Type-Options: nosniff on every answer, and only checked types are stored.
    bool inline_view =
        info.content_type.starts_with("image/") || info.content_type == "application/pdf";
    if (inline_view)
        for (auto& [name, value] : r.headers)
            if (name == "Content-Disposition" && value.starts_with("attachment"))
                value.replace(0, std::string_view("attachment").size(), "inline");
    r.headers.emplace_back("Cache-Control", "private, max-age=3600");
    return r;
}

}  // namespace bangfu::http
