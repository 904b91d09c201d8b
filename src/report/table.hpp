#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::report {

// A sheet of text as read from or written to CSV/XLSX. All cells are UTF-8.
//
// Tables returned by the readers are normalised so importers can index freely:
// - `header` is the first row of the file (spreadsheet row 1), even if it is empty, so that
//   rows[i] is always spreadsheet row i + 2 and an importer's "第 N 行" matches what the user
//   sees in Excel/WPS;
// - trailing rows whose cells are all empty are dropped (Excel leaves formatted empty rows
//   behind); empty rows in the middle are kept as rows of empty strings for the same reason;
// - the header and every row have the same number of cells: the width up to the last column
//   holding any non-empty cell. Only empty cells are ever added or removed.
struct Table {
    std::vector<std::string> header{};
    std::vector<std::vector<std::string>> rows{};

    friend bool operator==(const Table&, const Table&) = default;
};

// A file the user supplied cannot be read or written; what() is a Chinese message that can be
// shown to the user as-is.
struct FileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Defences against hostile or accidental huge inputs. Injectable so tests can use small values.
struct ReadLimits {
    // Largest uncompressed size of one entry inside an .xlsx (zip bomb guard).
    std::uint64_t max_entry_bytes = std::uint64_t{200} * 1024 * 1024;
    // Largest number of cells (rows x width) a table may expand to. Sparse inputs (one cell at
    // XFD1048576, or a million blank CSV lines plus one very wide line) would otherwise blow up
    // when padded into a rectangle.
    std::size_t max_cells = 10'000'000;
    // Memory the read may take: the text of every cell and shared string plus a fixed cost per
    // cell. A small .xlsx can expand a lot: 9 million cells naming one shared string took 2 GB
    // before this budget (issue 17). Past it the import is refused with a clear message.
    std::size_t max_bytes = std::size_t{256} * 1024 * 1024;
};

// Reads an .xlsx (if the bytes start with a zip signature) or else a CSV.
// Throws FileError; an old binary .xls gets a message asking the user to save as .xlsx.
Table read_table(std::string_view bytes);
Table read_table(std::string_view bytes, const ReadLimits& limits);

// Index of the first header cell matching one of `names`, tried in the order given (so the
// preferred spelling goes first). Header cells are compared after trimming ASCII whitespace and
// full-width spaces (U+3000) at both ends, case-insensitively for ASCII letters, so "名称",
// " Name " and "NAME" can all be found.
std::optional<std::size_t> column_index(const Table& table,
                                        std::initializer_list<std::string_view> names);

}  // namespace bangfu::report
