#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace bangfu::http {

namespace {
std::string type_of(const std::filesystem::path& p) {
    auto ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".webmanifest") return "application/manifest+json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".ttf") return "font/ttf";
    return "application/octet-stream";
}
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        auto rel = "/" + fs::relative(entry.path(), root).generic_string();
        files_[rel] = {bytes.str(), type_of(entry.path()), rel.starts_with("/assets/")};
    }
}

const StaticFile* StaticFiles::find(const std::string& path) const {
    auto it = files_.find(path == "/" ? "/index.html" : path);
    if (it != files_.end()) return &it->second;
    if (path.starts_with("/api/") || path.starts_with("/assets/")) return nullptr;
    it = files_.find("/index.html");
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace bangfu::http
