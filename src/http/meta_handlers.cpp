#include "core/dictionary.hpp"
#include "http/openapi.hpp"
#include "http/registry_handlers.hpp"

namespace bangfu::http::meta {

Response healthz(Context& ctx) {
    // Healthy means the database answers, not just that the process runs.
    ctx.conn().query_int("SELECT 1");
    return Response::json({{"status", "ok"}, {"version", BANGFU_VERSION}});
}

Response openapi(Context&) {
    static const std::string doc = boost::json::serialize(openapi_document());
    Response r;
    r.body = doc;
    return r;
}

Response dictionaries(Context&) {
    boost::json::object out;
    for (const auto* d : core::dict::all()) {
        boost::json::array options;
        for (const auto& o : d->options())
            options.push_back({{"value", o.value}, {"zh", o.zh}, {"en", o.en}});
        out[d->name()] = std::move(options);
    }
    return Response::json(out);
}

}  // namespace bangfu::http::meta
