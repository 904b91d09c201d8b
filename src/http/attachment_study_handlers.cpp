#include "http/dispatch_handlers.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/dispatch_sheets.hpp"
#include "store/attachment_study_repository.hpp"

namespace bangfu::http::attachment_studies {

Response list(Context& ctx) {
    auto q = list_query(ctx);
    auto page = store::attachment_studies::list(ctx.conn(), ctx.who(), q);
    boost::json::array items;
    for (const auto& x : page.items) items.push_back(core::to_json(x));
    // headcount: the people of every matching row, the figure the yearly summary shows.
    return Response::json(boost::json::object{
        {"items", std::move(items)},
        {"total", page.total},
        {"headcount", store::attachment_studies::headcount(ctx.conn(), ctx.who(), q)},
        {"page", page.page},
        {"page_size", page.page_size}});
}

Response get(Context& ctx) {
    return Response::json(
        core::to_json(store::attachment_studies::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::AttachmentStudy x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::attachment_studies::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(
        store::attachment_studies::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::attachment_studies::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::attachment_studies::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns.assign(std::begin(report::attachment_numeric_columns),
                             std::end(report::attachment_numeric_columns));
    return xlsx_response(report::attachment_studies_table(all_rows(page), ctx.lang()),
                         en ? "Attachment study" : "挂职跟岗", en ? "attachment-study" : "挂职跟岗",
                         o);
}

}  // namespace bangfu::http::attachment_studies
