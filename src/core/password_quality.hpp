#pragma once
// Password quality (issue 17): the rules every new password meets, in the API, the CLI and the
// UI alike. libpwquality with its cracklib dictionary does the guessing-resistance part; the
// dictionary is read-only system data (Debian cracklib-runtime), consulted like a table, which is
// why this lives in core although core does no other I/O.
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"

namespace bangfu::core {

inline constexpr std::size_t min_password_chars = 10;
inline constexpr std::size_t max_password_chars = 128;

// Why the password is refused, in the user's words; nullopt when it is acceptable. `username` is
// the account it is for: a password built from it is refused.
std::optional<Text> password_weakness(std::string_view password, std::string_view username);

}  // namespace bangfu::core
