#include "http/balance_handlers.hpp"

#include "core/balance.hpp"
#include "http/handler_util.hpp"
#include "store/balance_repository.hpp"

namespace bangfu::http::balance {

namespace {

std::string query_value(const Context& ctx, const std::string& name) {
    auto it = ctx.request.query.find(name);
    return it == ctx.request.query.end() ? std::string() : it->second;
}

// ?school_year=2025-2026 (or 2025); absent: nullopt.
std::optional<std::int64_t> school_year_param(const Context& ctx, const std::string& name) {
    auto text = query_value(ctx, name);
    if (text.empty()) return std::nullopt;
    if (auto y = core::balance::parse_school_year(text)) return y;
    if (text.size() == 4) return store::parse_year_filter(name, text);
    store::bad_parameter(name, {"应为学年，如 2025-2026", "must be a school year, e.g. 2025-2026"});
}

// ?year=2025 (the school year 2025-2026), or ?school_year=2025-2026; the current one by default.
std::int64_t year_param(const Context& ctx) {
    if (auto y = school_year_param(ctx, "year")) return *y;
    if (auto y = school_year_param(ctx, "school_year")) return *y;
    return store::balance::current_school_year();
}

}  // namespace

Response county(Context& ctx) {
    auto f =
        store::balance::county(ctx.conn(), ctx.who(), query_value(ctx, "region"), year_param(ctx));
    return Response::json(store::balance::to_json(f, ctx.lang()));
}

Response counties(Context& ctx) {
    auto f = store::balance::counties(ctx.conn(), ctx.who(), query_value(ctx, "region"),
                                      year_param(ctx));
    return Response::json(store::balance::to_json(f, ctx.lang()));
}

Response trend(Context& ctx) {
    return Response::json(store::balance::county_trend(ctx.conn(), ctx.who(),
                                                       query_value(ctx, "region"), ctx.lang()));
}

Response get_policy(Context& ctx) {
    return Response::json(core::balance::to_json(
        store::balance::get_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"))));
}

Response put_policy(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::balance::to_json(
        store::balance::put_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"), body)));
}

Response delete_policy(Context& ctx) {
    return Response::json(core::balance::to_json(
        store::balance::delete_policy(ctx.conn(), ctx.who(), query_value(ctx, "region"))));
}

Response get_conditions(Context& ctx) {
    auto v = store::balance::get_conditions(ctx.conn(), ctx.who(), path_id(ctx),
                                            school_year_param(ctx, "school_year"));
    return Response::json(store::balance::to_json(v, ctx.lang()));
}

Response put_conditions(Context& ctx) {
    auto id = path_id(ctx);
    auto body = json_body(ctx);
    auto v = store::balance::put_conditions(ctx.conn(), ctx.who(), id,
                                            school_year_param(ctx, "school_year"), body);
    return Response::json(store::balance::to_json(v, ctx.lang()));
}

Response delete_conditions(Context& ctx) {
    store::balance::delete_conditions(ctx.conn(), ctx.who(), path_id(ctx),
                                      school_year_param(ctx, "school_year"));
    return Response::no_content();
}

Response school(Context& ctx) {
    return Response::json(
        store::balance::school_trend(ctx.conn(), ctx.who(), path_id(ctx), ctx.lang()));
}

}  // namespace bangfu::http::balance
