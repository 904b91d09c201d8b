#pragma once
// UTF-8 text helpers. Chinese is first-class: lengths count characters, not bytes, and sorting
// uses ICU's Chinese (pinyin) collation so 安庆 sorts before 桐城 as users expect.
#include <string>
#include <string_view>

namespace bangfu::core {

bool is_valid_utf8(std::string_view s);
// Control characters other than tab and line breaks (NUL above all) have no place in what people
// type; PostgreSQL cannot even store NUL. True when `s` holds one.
bool has_control_characters(std::string_view s);
// Number of Unicode code points (s must be valid UTF-8).
std::size_t char_count(std::string_view s);
// Trims ASCII whitespace and the ideographic space U+3000 that Chinese input methods insert.
std::string trim(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
std::string to_lower_ascii(std::string_view s);
// A byte string whose binary order is the zh (pinyin) collation order, hex encoded so it can be
// stored in a TEXT column and compared bytewise by both SQLite and PostgreSQL (COLLATE "C").
std::string collation_key(std::string_view utf8);
// 13812345678 → 138****5678; shorter values keep only their last two characters.
std::string mask_phone(std::string_view phone);
// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string like_escape(std::string_view s);

}  // namespace bangfu::core
