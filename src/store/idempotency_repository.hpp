#pragma once
// The first answers of requests sent with an Idempotency-Key (migration 9, http/idempotency.hpp),
// kept per user for 24 hours. Each row is written in the same transaction as the writes of the
// request it answers, so a committed write always has its answer here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/connection.hpp"

namespace bangfu::store::idempotency {

struct Answer {
    std::string request_hash;
    int status = 200;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// Makes concurrent requests of the same user and key wait for each other inside their write
// transactions (PostgreSQL: a transaction-scoped advisory lock; SQLite's write transaction is
// already exclusive).
void lock(Connection& c, std::int64_t user, std::string_view key);
// The stored answer of the user's key, if it was stored at or after `not_before` (UTC ISO).
std::optional<Answer> find(Connection& c, std::int64_t user, std::string_view key,
                           std::string_view not_before);
// Stores the answer (replacing an expired one of the same key).
void save(Connection& c, std::int64_t user, std::string_view key, std::string_view method,
          std::string_view path, const Answer& a, std::string_view now);
// Removes keys stored before `before`, at most `limit` of them (a little with every keyed
// request, so the table never needs a sweep of its own).
void expire(Connection& c, std::string_view before, std::int64_t limit = 100);

}  // namespace bangfu::store::idempotency
