#pragma once

// Internal: shared final step of the readers.

#include <string>
#include <vector>

#include "report/table.hpp"

namespace bangfu::report::detail {

// Turns rows as parsed (ragged, possibly with trailing empty rows) into a Table normalised as
// described on Table. Throws FileError if the rectangle would exceed limits.max_cells.
Table make_table(std::vector<std::vector<std::string>> grid, const ReadLimits& limits);

// The FileError for a table larger than the limit, shared so both readers say the same thing.
[[noreturn]] void throw_too_many_cells(std::size_t limit);
// The read would take more memory than ReadLimits::max_bytes.
[[noreturn]] void throw_too_large_in_memory(std::size_t limit);
// What a cell of `text` costs in memory while it is read (its bytes and its string).
inline std::size_t cell_cost(std::size_t text_bytes) {
    return text_bytes + 48;
}

}  // namespace bangfu::report::detail
