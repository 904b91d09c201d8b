#pragma once

// Internal: text-encoding helpers built on ICU.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bangfu::report::detail {

// True if `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// Converts `bytes` in the ICU charset `charset` (e.g. "GB18030", "UTF-16") to UTF-8. Returns
// nullopt if any byte sequence is invalid in that charset: guessing a substitute character would
// silently corrupt what the user entered.
std::optional<std::string> to_utf8(std::string_view bytes, const char* charset);

// Width of UTF-8 text in spreadsheet columns: East Asian wide/full-width characters (汉字, 全角)
// count 2, others 1. Multi-line text counts its widest line.
std::size_t display_width(std::string_view utf8);

}  // namespace bangfu::report::detail
