#include "store/idempotency_repository.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <cstring>

namespace bangfu::store::idempotency {

namespace json = boost::json;

void lock(Connection& c, std::int64_t user, std::string_view key) {
    if (c.engine() != Engine::postgresql) return;
    // A 64-bit digest of (user, key) names the advisory lock.
    std::string text = std::to_string(user) + ":" + std::string(key);
    unsigned char digest[crypto_generichash_BYTES_MIN];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    std::int64_t id = 0;
    std::memcpy(&id, digest, sizeof id);
    c.query("SELECT pg_advisory_xact_lock(?)", {id});
}

std::optional<Answer> find(Connection& c, std::int64_t user, std::string_view key,
                           std::string_view not_before) {
    auto r = c.query_one(
        "SELECT request_hash, status, content_type, headers_json, body FROM idempotency_keys "
        "WHERE user_id = ? AND idempotency_key = ? AND created_at >= ?",
        {user, std::string(key), std::string(not_before)});
    if (!r) return std::nullopt;
    Answer a;
    a.request_hash = r->text(0);
    a.status = static_cast<int>(r->integer(1));
    a.content_type = r->text(2);
    auto headers = json::parse(r->text(3));
    for (const auto& h : headers.as_array()) {
        const auto& pair = h.as_array();
        a.headers.emplace_back(std::string(pair.at(0).as_string()),
                               std::string(pair.at(1).as_string()));
    }
    a.body = r->text(4);
    return a;
}

void save(Connection& c, std::int64_t user, std::string_view key, std::string_view method,
          std::string_view path, const Answer& a, std::string_view now) {
    json::array headers;
    for (const auto& [name, value] : a.headers) headers.push_back(json::array{name, value});
    c.execute("DELETE FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
              {user, std::string(key)});
    c.execute(
        "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, method, path, "
        "status, content_type, headers_json, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        {user, std::string(key), a.request_hash, std::string(method), std::string(path),
         std::int64_t{a.status}, a.content_type, json::serialize(headers), a.body,
         std::string(now)});
}

void expire(Connection& c, std::string_view before, std::int64_t limit) {
    // Through the created_at index: the oldest few, whoever they belong to.
    c.execute(
        "DELETE FROM idempotency_keys WHERE (user_id, idempotency_key) IN (SELECT user_id, "
        "idempotency_key FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)",
        {std::string(before), limit});
}

}  // namespace bangfu::store::idempotency
