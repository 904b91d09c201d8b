#include "http/idempotency.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "store/clock.hpp"
#include "store/idempotency_repository.hpp"

namespace bangfu::http {

namespace {

constexpr std::size_t max_key_length = 200;

// What makes two requests "the same": method, path, query, content type and body.
std::string request_hash(const Request& req) {
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    auto add = [&](std::string_view s) {
        // Length-prefixed, so no two different requests concatenate to the same bytes.
        auto n = std::to_string(s.size()) + ":";
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(n.data()), n.size());
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    };
    add(req.method);
    add(req.path);
    for (const auto& [k, v] : req.query) {
        add(k);
        add(v);
    }
    add(req.content_type);
    add(req.body);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool storable(const Response& r) {
    // Answers are kept as text; every creating endpoint answers JSON.
    return r.status >= 200 && r.status < 300 &&
           (r.content_type.starts_with("application/json") || r.content_type.starts_with("text/"));
}

}  // namespace

Response run_idempotent(const Request& req, Context& ctx, Handler handler) {
    const auto& key = req.idempotency_key;
    bool visible = std::all_of(key.begin(), key.end(), [](char ch) { return ch > 0x20 && ch < 0x7f; });
    if (key.size() > max_key_length || !visible)
        throw core::Error(core::ErrorKind::malformed,
                          {"Idempotency-Key 应为 1 到 200 个可见 ASCII 字符",
                           "Idempotency-Key must be 1 to 200 visible ASCII characters"},
                          {{std::string(idempotency_header),
                            {"应为 1 到 200 个可见 ASCII 字符",
                             "must be 1 to 200 visible ASCII characters"}}});
    auto& c = ctx.conn();
    auto user = ctx.who().user_id;
    auto hash = request_hash(req);
    auto now = std::chrono::system_clock::now();
    auto now_text = store::to_iso_utc(now);
    auto not_before = store::to_iso_utc(now - std::chrono::hours(24));

    store::Transaction tx(c, store::Transaction::write);
    store::idempotency::lock(c, user, key);
    if (auto first = store::idempotency::find(c, user, key, not_before)) {
        if (first->request_hash != hash)
            throw core::Error(core::ErrorKind::validation,
                              {"此 Idempotency-Key 已用于另一个请求：每次提交请使用新的键",
                               "This Idempotency-Key was used for another request: use a new "
                               "key for each submission"},
                              {{std::string(idempotency_header),
                                {"已用于另一个请求", "was used for another request"}}});
        Response r;
        r.status = first->status;
        r.content_type = first->content_type;
        r.body = std::move(first->body);
        r.headers = std::move(first->headers);
        r.headers.emplace_back("Idempotent-Replayed", "true");
        return r;  // nothing written: the transaction rolls back
    }
    store::idempotency::expire(c, not_before);
    Response r = handler(ctx);
    if (storable(r)) {
        store::idempotency::Answer a{hash, r.status, r.content_type, r.headers, r.body};
        // Headers the handler set through the context (cookies) belong to that answer only.
        store::idempotency::save(c, user, key, req.method, req.path, a, now_text);
    }
    tx.commit();
    return r;
}

}  // namespace bangfu::http
