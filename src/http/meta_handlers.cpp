#include <array>
#include "core/dictionary.hpp"
#include "core/fields.hpp"

#include "http/handler_util.hpp"
#include "http/openapi.hpp"
#include "http/registry_handlers.hpp"
#include "store/dictionary_repository.hpp"

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

Response dictionaries(Context& ctx) {
    return Response::json(store::dictionaries::all_json(ctx.conn()));
}

Response add_dictionary_entry(Context& ctx) {
    auto body = json_body(ctx);
    core::FieldErrors e;
    store::dictionaries::Entry entry;
    static constexpr std::array labels{
        core::FieldLabel{"value", "代码", "code"},
        core::FieldLabel{"zh", "中文名称", "Chinese label"},
        core::FieldLabel{"en", "英文名称", "English label"},
    };
    core::FieldReader f(body, labels, e);
    f.text("value", entry.value);
    f.text("zh", entry.zh);
    f.text("en", entry.en);
    if (!store::dictionaries::is_extensible(ctx.params.at("name")))
        core::throw_not_found({"可扩充的字典", "Extensible dictionary"});
    if (!e.empty()) core::throw_validation(std::move(e));
    auto x = store::dictionaries::add(ctx.conn(), ctx.who(), ctx.params.at("name"), entry);
    return Response::json({{"value", x.value}, {"zh", x.zh}, {"en", x.en}, {"builtin", false}},
                          201);
}

}  // namespace bangfu::http::meta
