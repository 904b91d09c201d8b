#include "http/aid_handlers.hpp"

#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/aid_sheets.hpp"
#include "store/aid_case_repository.hpp"
#include "store/aid_record_repository.hpp"
#include "store/clock.hpp"

namespace bangfu::http::aid {

namespace {
// A case with its records (and their files) and outcomes, as the case page shows it.
boost::json::object detail(Context& ctx, const core::AidCase& x) {
    auto o = core::to_json(x, ctx.lang());
    boost::json::array records, outcomes;
    for (const auto& r : store::aid::records(ctx.conn(), ctx.who(), x.id)) {
        auto o = core::to_json(r, ctx.lang());
        boost::json::array files;
        if (r.attachment_count > 0)
            for (const auto& f : store::aid::attachments(ctx.conn(), ctx.who(), x.id, r.id))
                files.push_back(store::files::to_json(f));
        o["attachments"] = std::move(files);
        records.push_back(std::move(o));
    }
    for (const auto& r : store::aid::outcomes(ctx.conn(), ctx.who(), x.id))
        outcomes.push_back(core::to_json(r));
    o["records"] = std::move(records);
    o["outcomes"] = std::move(outcomes);
    return o;
}

// "Today" of a read: ?as_of=YYYY-MM-DD (to look at another day), else China's date.
core::Date as_of(Context& ctx) {
    auto q = list_query(ctx);
    return store::aid::take_as_of(q);
}

std::int64_t record_id(Context& ctx) {
    return path_id(ctx, "record");
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::aid::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [&](const core::AidCase& x) { return core::to_json(x, ctx.lang()); });
}

Response export_xlsx(Context& ctx) {
    auto page = store::aid::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = report::aid_cases_numeric_columns();
    return xlsx_response(report::aid_cases_table(all_rows(page), ctx.lang()),
                         en ? "Aid cases" : "一对一帮扶", en ? "aid-cases" : "一对一帮扶", o);
}

Response get(Context& ctx) {
    return Response::json(
        detail(ctx, store::aid::get(ctx.conn(), ctx.who(), path_id(ctx), as_of(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::AidCase x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    auto created = store::aid::create(ctx.conn(), ctx.who(), std::move(x), std::move(e));
    return Response::json(detail(ctx, created), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        detail(ctx, store::aid::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::aid::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response list_records(Context& ctx) {
    boost::json::array items;
    for (const auto& r : store::aid::records(ctx.conn(), ctx.who(), path_id(ctx)))
        items.push_back(core::to_json(r, ctx.lang()));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response create_record(Context& ctx) {
    auto body = json_body(ctx);
    core::AidRecord x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    auto created =
        store::aid::create_record(ctx.conn(), ctx.who(), path_id(ctx), std::move(x), std::move(e));
    return Response::json(core::to_json(created, ctx.lang()), 201);
}

Response update_record(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(
        store::aid::update_record(ctx.conn(), ctx.who(), path_id(ctx), record_id(ctx), body),
        ctx.lang()));
}

Response remove_record(Context& ctx) {
    store::aid::remove_record(ctx.conn(), ctx.who(), path_id(ctx), record_id(ctx));
    return Response::no_content();
}

Response list_attachments(Context& ctx) {
    boost::json::array files;
    for (const auto& f :
         store::aid::attachments(ctx.conn(), ctx.who(), path_id(ctx), record_id(ctx)))
        files.push_back(store::files::to_json(f));
    return Response::json(boost::json::object{{"items", std::move(files)}});
}

Response upload_attachment(Context& ctx) {
    auto upload = read_upload(ctx);
    auto info = store::aid::add_attachment(ctx.conn(), ctx.who(), path_id(ctx), record_id(ctx),
                                           upload.name, upload.content);
    return Response::json(store::files::to_json(info), 201);
}

Response download_attachment(Context& ctx) {
    auto [info, content] = store::aid::attachment(ctx.conn(), ctx.who(), path_id(ctx),
                                                  record_id(ctx), path_id(ctx, "file"));
    return file_download(info, std::move(content));
}

Response remove_attachment(Context& ctx) {
    store::aid::remove_attachment(ctx.conn(), ctx.who(), path_id(ctx), record_id(ctx),
                                  path_id(ctx, "file"));
    return Response::no_content();
}

Response list_outcomes(Context& ctx) {
    boost::json::array items;
    for (const auto& r : store::aid::outcomes(ctx.conn(), ctx.who(), path_id(ctx)))
        items.push_back(core::to_json(r));
    return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response create_outcome(Context& ctx) {
    auto body = json_body(ctx);
    core::AidOutcome x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    auto created =
        store::aid::create_outcome(ctx.conn(), ctx.who(), path_id(ctx), std::move(x), std::move(e));
    return Response::json(core::to_json(created), 201);
}

Response update_outcome(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(store::aid::update_outcome(
        ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "outcome"), body)));
}

Response remove_outcome(Context& ctx) {
    store::aid::remove_outcome(ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "outcome"));
    return Response::no_content();
}

Response alerts(Context& ctx) {
    auto q = list_query(ctx);
    auto o = store::aid::to_json(store::aid::alerts(ctx.conn(), ctx.who(), q), ctx.lang());
    // The overdue cases one page at a time on request (?page_size=N&page=P); cases_total counts
    // them all, and the groups by helper and institution stay whole.
    if (ctx.request.query.contains("page_size")) {
        auto& cases = o["cases"].as_array();
        auto n = static_cast<std::int64_t>(cases.size());
        auto first = std::min(n, (q.page - 1) * q.page_size);
        auto last = std::min(n, first + q.page_size);
        boost::json::array page(cases.begin() + first, cases.begin() + last);
        o["cases"] = std::move(page);
        o["cases_total"] = n;
        o["page"] = q.page;
        o["page_size"] = q.page_size;
    }
    return Response::json(std::move(o));
}

Response mine(Context& ctx) {
    boost::json::array items;
    for (const auto& x : store::aid::mine(ctx.conn(), ctx.who(), as_of(ctx)))
        items.push_back(core::to_json(x, ctx.lang()));
    return Response::json(boost::json::object{{"items", std::move(items)},
                                              {"linked_staff", ctx.who().staff.has_value()}});
}

Response statistics(Context& ctx) {
    return Response::json(store::aid::to_json(
        store::aid::statistics(ctx.conn(), ctx.who(), list_query(ctx)), ctx.lang()));
}

Response statistics_xlsx(Context& ctx) {
    auto s = store::aid::statistics(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.numeric_columns = report::aid_statistics_numeric_columns();
    o.money_columns = report::aid_statistics_money_columns();
    return xlsx_response(report::aid_statistics_table(s, ctx.lang()),
                         en ? "Aid statistics" : "帮扶统计", en ? "aid-statistics" : "帮扶统计", o);
}

}  // namespace bangfu::http::aid
