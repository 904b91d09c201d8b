#pragma once
// Password hashing (Argon2id, libsodium) and random tokens for sessions, CSRF and API tokens.
#include <string>
#include <string_view>

namespace bangfu::core {

// The encoded Argon2id hash (algorithm, parameters and salt inside), as libsodium produces it.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);
// 32 random bytes, URL-safe base64 without padding.
std::string random_token();
// A hex BLAKE2b digest of a token: only digests are stored, so a database leak yields no
// usable session or API token.
std::string token_digest(std::string_view token);

}  // namespace bangfu::core
