#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "http/plans_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/plans_sheets.hpp"
#include "store/dictionary_repository.hpp"
#include "store/plan_repository.hpp"
#include "store/task_repository.hpp"

namespace bangfu::http::plans {

namespace {
boost::json::value plan_json(const core::Plan& x) {
    return core::to_json(x);
}
boost::json::value task_json(const core::Task& x) {
    return core::to_json(x);
}
}  // namespace

Response list(Context& ctx) {
    return page_json(store::plans::list(ctx.conn(), ctx.who(), list_query(ctx)), plan_json);
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::plans::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::Plan x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::plans::create(ctx.conn(), ctx.who(), x, e)), 201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::plans::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::plans::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response export_xlsx(Context& ctx) {
    auto page = store::plans::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::plans_table(all_rows(page), ctx.lang()), en ? "Plans" : "计划",
                         en ? "plans" : "帮扶计划");
}

Response set_approval(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::plans::set_approval(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response upload_file(Context& ctx) {
    auto id = path_id(ctx);
    auto upload = read_upload(ctx);
    return Response::json(store::files::to_json(store::plans::attach_file(
                              ctx.conn(), ctx.who(), id, upload.name, upload.content)),
                          201);
}

Response download_file(Context& ctx) {
    auto [info, content] = store::plans::file(ctx.conn(), ctx.who(), path_id(ctx));
    return file_download(info, std::move(content));
}

Response remove_file(Context& ctx) {
    store::plans::remove_file(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

Response list_tasks(Context& ctx) {
    return page_json(
        store::tasks::list_for_plan(ctx.conn(), ctx.who(), path_id(ctx), list_query(ctx)),
        task_json);
}

Response create_task(Context& ctx) {
    auto id = path_id(ctx);
    auto body = json_body(ctx);
    core::Task x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(core::to_json(store::tasks::create(ctx.conn(), ctx.who(), id, x, e)),
                          201);
}

}  // namespace bangfu::http::plans

namespace bangfu::http::tasks {

Response list(Context& ctx) {
    return page_json(store::tasks::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const core::Task& x) { return boost::json::value(core::to_json(x)); });
}

Response export_xlsx(Context& ctx) {
    auto page = store::tasks::list(ctx.conn(), ctx.who(), export_query(ctx));
    auto& c = ctx.conn();
    std::string lang = ctx.lang();
    auto type_label = [&](const std::string& code) {
        auto e = store::dictionaries::find(c, "activity_type", code);
        return e ? (lang == "en" ? e->en : e->zh) : code;
    };
    bool en = lang == "en";
    return xlsx_response(report::tasks_table(all_rows(page), lang, type_label),
                         en ? "Tasks" : "任务", en ? "tasks" : "计划任务");
}

Response get(Context& ctx) {
    return Response::json(core::to_json(store::tasks::get(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(
        core::to_json(store::tasks::update(ctx.conn(), ctx.who(), path_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::tasks::remove(ctx.conn(), ctx.who(), path_id(ctx));
    return Response::no_content();
}

}  // namespace bangfu::http::tasks
