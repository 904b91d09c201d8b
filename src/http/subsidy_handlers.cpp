#include "http/appraisal_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/appraisal_sheets.hpp"
#include "store/subsidy_repository.hpp"

namespace bangfu::http {

namespace subsidy_items {

Response list(Context& ctx) {
    boost::json::array items;
    for (const auto& x : store::subsidies::list_items(ctx.conn(), ctx.who(), path_id(ctx)))
        items.push_back(core::to_json(x));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response create(Context& ctx) {
    auto program = path_id(ctx);
    auto body = json_body(ctx);
    core::SubsidyItem x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::subsidies::create_item(ctx.conn(), ctx.who(), program, x, e)), 201);
}

Response update(Context& ctx) {
    auto program = path_id(ctx);
    auto id = path_id(ctx, "item");
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::subsidies::update_item(ctx.conn(), ctx.who(), program, id, body)));
}

Response remove(Context& ctx) {
    store::subsidies::remove_item(ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "item"));
    return Response::no_content();
}

}  // namespace subsidy_items

namespace entitlements {

Response list(Context& ctx) {
    auto list = store::subsidies::entitlements(ctx.conn(), ctx.who(), export_query(ctx));
    return rows_page_json(ctx, list.rows,
                          [](const auto& row) { return store::subsidies::to_json(row); },
                          {{"entitled_fen", list.entitled_fen},
                           {"payable_fen", list.payable_fen},
                           {"pending_fen", list.pending_fen}});
}

Response export_xlsx(Context& ctx) {
    auto list = store::subsidies::entitlements(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.money_columns = {report::entitlements_amount_column, report::entitlements_total_column};
    o.numeric_columns = {4, 5, 9};
    return xlsx_response(report::entitlements_table(list, ctx.lang()),
                         en ? "Subsidies" : "补助发放", en ? "subsidy-payments" : "支教补助发放表",
                         o);
}

}  // namespace entitlements

}  // namespace bangfu::http
