#include "http/activities_handlers.hpp"
#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "report/activities_sheets.hpp"
#include "report/xlsx_writer.hpp"
#include "store/activity_repository.hpp"
#include "store/clock.hpp"

namespace bangfu::http::activities {

namespace {
boost::json::object with_attachments(Context& ctx, const core::Activity& x) {
    auto o = core::to_json(x, ctx.lang());
    boost::json::array files;
    for (const auto& f : store::activities::attachments(ctx.conn(), ctx.who(), x.id))
        files.push_back(store::files::to_json(f));
    o["attachments"] = std::move(files);
    return o;
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::activities::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [&](const core::Activity& x) { return core::to_json(x, ctx.lang()); });
}

Response get(Context& ctx) {
    return Response::json(
        with_attachments(ctx, store::activities::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Activity x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    auto created = store::activities::create(ctx.conn(), ctx.who(), std::move(x), std::move(e));
    return Response::json(with_attachments(ctx, created), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(with_attachments(
        ctx, store::activities::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::activities::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::activities::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    report::XlsxOptions o;
    o.sheet_name = en ? "Activities" : "帮扶活动";
    o.numeric_columns = report::activities_numeric_columns();
    auto date = core::format_date(store::today_china());
    return Response::file(
        report::write_xlsx(report::activities_table(all_rows(page), ctx.lang()), o),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        std::string(en ? "activities" : "帮扶活动") + "-" + date + ".xlsx");
}

Response stats(Context& ctx) {
    auto q = list_query(ctx);
    std::string group = "type";
    if (auto it = q.filters.find("group"); it != q.filters.end()) {
        group = it->second;
        q.filters.erase(it);
    }
    if (group != "type" && group != "month")
        store::bad_parameter("group",
                             {"应为 type（按类型）或 month（按月份）", "must be type or month"});
    auto rows = store::activities::stats(ctx.conn(), ctx.who(), q,
                                         group == "type" ? store::activities::StatsGroup::type
                                                         : store::activities::StatsGroup::month);
    boost::json::array items;
    boost::json::object total{{"activities", 0}, {"person_times", 0}, {"leaders", 0},
                              {"teachers", 0},   {"students", 0},     {"medical", 0}};
    for (const auto& r : rows) {
        items.push_back(store::activities::to_json(r, ctx.lang()));
        for (auto& [k, v] : total) v = v.as_int64() + items.back().as_object().at(k).as_int64();
    }
    return Response::json(
        boost::json::object{{"group", group}, {"rows", std::move(items)}, {"total", total}});
}

Response list_attachments(Context& ctx) {
    boost::json::array files;
    for (const auto& f : store::activities::attachments(ctx.conn(), ctx.who(), path_id(ctx)))
        files.push_back(store::files::to_json(f));
    return Response::json(boost::json::object{{"items", std::move(files)}});
}

Response upload_attachment(Context& ctx) {
    auto upload = read_upload(ctx);
    auto info = store::activities::add_attachment(ctx.conn(), ctx.who(), path_id(ctx), upload.name,
                                                  upload.content);
    return Response::json(store::files::to_json(info), 201);
}

Response download_attachment(Context& ctx) {
    auto [info, content] =
        store::activities::attachment(ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "file"));
    return file_download(info, std::move(content));
}

Response remove_attachment(Context& ctx) {
    store::activities::remove_attachment(ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "file"));
    return Response::no_content();
}

}  // namespace bangfu::http::activities
