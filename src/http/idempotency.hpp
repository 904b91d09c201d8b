#pragma once
// Safe retries (issue 17): a POST sent with an `Idempotency-Key` header runs inside one write
// transaction together with the storing of its answer (store/idempotency_repository.hpp). A
// retry by the same user with the same key and the same request gets the first answer again
// (with `Idempotent-Replayed: true`) and creates nothing; the same key with another request is a
// 422. So a client that lost an answer — a phone on a village network, a timeout, a crash of the
// server between commit and answer — retries without making a duplicate. Keys live 24 hours.
// Only answers 2xx are kept: an error changed nothing, so the retry simply runs again.
#include "http/app.hpp"
#include "http/message.hpp"

namespace bangfu::http {

inline constexpr std::string_view idempotency_header = "Idempotency-Key";

Response run_idempotent(const Request& req, Context& ctx, Handler handler);

}  // namespace bangfu::http
