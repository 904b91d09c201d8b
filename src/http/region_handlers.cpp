#include <map>

#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "store/region_repository.hpp"

namespace bangfu::http::regions {

namespace {
boost::json::value region_json(const core::Region& r) {
    return core::to_json(r);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::regions::list(ctx.conn(), ctx.who(), list_query(ctx)), region_json);
}

Response tree(Context& ctx) {
    auto all = store::regions::all_in_scope(ctx.conn(), ctx.who());
    std::map<std::string, std::vector<std::size_t>> children;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < all.size(); ++i) index[all[i].code] = i;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].parent && index.contains(*all[i].parent)) children[*all[i].parent].push_back(i);
    auto build = [&](auto& self, std::size_t i) -> boost::json::object {
        auto o = core::to_json(all[i]);
        boost::json::array kids;
        for (auto k : children[all[i].code]) kids.push_back(self(self, k));
        o["children"] = std::move(kids);
        return o;
    };
    // A region whose parent is out of the user's scope is a root of what they see.
    boost::json::array roots;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!all[i].parent || !index.contains(*all[i].parent)) roots.push_back(build(build, i));
    return Response::json(roots);
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::regions::get(ctx.conn(), ctx.who(), ctx.params.at("code"))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Region r;
    core::FieldErrors e;
    core::read_json(r, body, e);
    return Response::json(core::to_json(store::regions::create(ctx.conn(), ctx.who(), r, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::regions::update(ctx.conn(), ctx.who(), ctx.params.at("code"), body)));
}

Response remove(Context& ctx) {
    store::regions::remove(ctx.conn(), ctx.who(), ctx.params.at("code"));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::regions::list(ctx.conn(), ctx.who(), export_query(ctx));
    return xlsx_response(report::regions_table(all_rows(page), ctx.lang()),
                         ctx.lang() == "en" ? "Regions" : "行政区划",
                         ctx.lang() == "en" ? "regions" : "行政区划");
}

}  // namespace bangfu::http::regions
