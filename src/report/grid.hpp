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

}  // namespace bangfu::report::detail
