#pragma once
// The pieces of figure and link text every section of the yearly summary writes: the same
// words in both languages, numbers and yuan, and web links with their query filters.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace bangfu::core::report::text {

// `path?a&b`: the parameters in order, empty ones left out.
std::string link(std::string_view path, std::initializer_list<std::string> params);
std::string link(std::string_view path, const std::vector<std::string>& params);
// "date_from=Y-01-01&date_to=Y-12-31": the calendar year on the lists that filter by dates.
std::string year_range(int year);

Text same(std::string s);  // the same text in Chinese and English (names, numbers)
Text number(std::int64_t n);
Text yuan(std::int64_t fen);  // "5,000.00"
std::string n(std::int64_t v);

}  // namespace bangfu::core::report::text
