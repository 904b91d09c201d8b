#pragma once
// The built web UI (web/dist), loaded into memory at start-up and served from the I/O threads:
// it never touches the database, so it need not wait for a worker.
#include <map>
#include <optional>
#include <string>

namespace bangfu::http {

struct StaticFile {
    std::string body;
    std::string content_type;
    bool immutable = false;  // Vite's hashed assets can be cached for a year
};

class StaticFiles {
  public:
    explicit StaticFiles(const std::string& root);
    // The file for a path; unknown paths that are not API or asset paths get index.html, so
    // the single-page app's own routes survive a reload.
    const StaticFile* find(const std::string& path) const;
    bool empty() const { return files_.empty(); }

  private:
    std::map<std::string, StaticFile> files_;
};

}  // namespace bangfu::http
