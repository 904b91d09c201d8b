#pragma once
// Money is integer fen (1/100 yuan) everywhere: in the database, on the wire (`amount_fen`), in
// totals. Yuan text ("290000", "1,700,000.5", "3100.00") is parsed and formatted here digit by
// digit, so no amount ever passes through a binary floating-point number and loses a fen.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace bangfu::core {

// The largest amount accepted: 10^13 fen (100 billion yuan), far above any donation, and small
// enough that a sum of many of them still fits in 64 bits and that Excel's 15 significant
// digits show every fen of it.
inline constexpr std::int64_t max_amount_fen = 10'000'000'000'000;

// Parses yuan text into fen. Accepted: digits, optionally grouped by commas in threes
// ("1,700,000"), optionally a point and one or two decimals ("0.5", "3100.00"); surrounding
// spaces are ignored. Refused (nullopt, with the reason in `why` when given): empty text, a
// sign, more than two decimals, misplaced commas, anything else, and amounts above
// max_amount_fen.
std::optional<std::int64_t> parse_yuan(std::string_view text, Text* why = nullptr);

// Fen as yuan with exactly two decimals: 500000 → "5000.00", or "5,000.00" with `grouping`.
// Negative amounts (differences) get a leading '-'.
std::string format_yuan(std::int64_t fen, bool grouping = false);

}  // namespace bangfu::core
