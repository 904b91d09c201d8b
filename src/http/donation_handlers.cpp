#include "http/donations_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/donations_sheets.hpp"
#include "store/donation_repository.hpp"

namespace bangfu::http::donations {

Response list(Context& ctx) {
    return page_json(store::donations::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Donation& x) { return core::to_json(x); });
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::donations::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Donation x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::donations::create(ctx.conn(), ctx.who(), x, e)),
                          201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::donations::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::donations::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::donations::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.money_columns = {report::donations_money_column};
    o.numeric_columns = {report::donations_quantity_column};
    return xlsx_response(report::donations_table(ctx.conn(), all_rows(page), ctx.lang()),
                         en ? "Donations" : "捐赠物资", en ? "donations" : "捐赠物资", o);
}

Response totals(Context& ctx) {
    // `group` chooses the grouping; every other parameter is a filter, as in the list.
    auto q = list_query(ctx);
    std::string group = "year";
    if (auto it = q.filters.find("group"); it != q.filters.end()) {
        group = it->second;
        q.filters.erase(it);
    }
    return Response::json(store::donations::to_json(
        store::donations::totals(ctx.conn(), ctx.who(), q, group), ctx.lang()));
}

}  // namespace bangfu::http::donations
