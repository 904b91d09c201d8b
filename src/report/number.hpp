#pragma once

// How numbers become text. The XLSX reader and writer both use these, so a number the writer
// stores comes back from the reader as exactly the same text; importers use them to read number
// cells the same way.

#include <optional>
#include <string>
#include <string_view>

namespace bangfu::report {

// Text for a number as a user would expect to see it: integers without ".0" ("42"), others in
// plain decimal notation where reasonable ("0.0015", not "1.5e-03"). Values are first rounded to
// 15 significant digits, the precision Excel keeps and displays, so a stored 3.1400000000000001
// or a computed 0.30000000000000004 reads as "3.14" and "0.3".
std::string format_number(double value);

// The number spelled by the whole of `text` ("42", "-3.5", "1E+3"); nullopt for anything else,
// including empty text, surrounding spaces, "inf" and "nan".
std::optional<double> parse_number(std::string_view text);

}  // namespace bangfu::report
