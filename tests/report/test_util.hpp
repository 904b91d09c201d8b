#pragma once

// Helpers for building test inputs with the same C libraries real files come from.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/table.hpp"

namespace bangfu::report {
// Readable GoogleTest failure messages for tables.
void PrintTo(const Table& table, std::ostream* out);
}  // namespace bangfu::report

namespace bangfu::report::test {

// UTF-8 text re-encoded in `charset` with ICU ("GB18030", "UTF-16LE", ...).
std::string encode(std::string_view utf8, const char* charset);

// A zip archive built entry by entry with minizip's zip API (so the reader is tested on zips it
// did not write itself).
class ZipBuilder {
  public:
    // A normal deflated entry.
    ZipBuilder& add(std::string name, std::string content);
    // An entry whose headers claim `claimed_size` uncompressed bytes whatever it really holds,
    // as a crafted zip bomb would.
    ZipBuilder& add_with_false_size(std::string name, std::string content,
                                    std::uint64_t claimed_size);
    std::string build() const;

  private:
    struct Entry {
        std::string name;
        std::string content;
        std::optional<std::uint64_t> claimed_size;
    };
    std::vector<Entry> entries_;
};

// The parts of a minimal workbook as Excel lays them out; tests replace parts as needed.
struct XlsxParts {
    std::vector<std::pair<std::string, std::string>> parts;

    static XlsxParts excel_like(std::string sheet_xml, std::string shared_strings_xml,
                                std::string styles_xml);
    XlsxParts& set(const std::string& name, std::string content);
    XlsxParts& remove(const std::string& name);
    std::string zip() const;
};

// Content of `name` inside the zip `bytes`, read with minizip from a file; nullopt if absent.
std::optional<std::string> unzip_entry(std::string_view bytes, const std::string& name);

// The <c ...>...</c> element for cell `ref` (e.g. "B2") in worksheet XML, or "" if absent.
std::string cell_xml(const std::string& sheet_xml, const std::string& ref);

}  // namespace bangfu::report::test
