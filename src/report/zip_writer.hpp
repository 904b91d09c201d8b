#pragma once
// A zip archive built in memory (for .docx), with minizip, which the project already links for
// reading .xlsx. Debian's minizip has no in-memory ioapi, so callbacks write into a string.
#include <memory>
#include <string>
#include <string_view>

namespace bangfu::report {

class ZipWriter {
  public:
    ZipWriter();
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;
    // Adds a deflated entry. Throws std::runtime_error if minizip fails.
    void add(const std::string& name, std::string_view content);
    // Closes the archive and returns its bytes; the writer is then spent.
    std::string finish();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace bangfu::report
