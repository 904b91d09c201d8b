#include "http/handler_util.hpp"
#include "http/programs_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/programs_sheets.hpp"
#include "store/leading_group_repository.hpp"
#include "store/program_repository.hpp"

namespace bangfu::http::leading_group {

Response list(Context& ctx) {
    auto items = store::leading_group::list(ctx.conn(), ctx.who(), path_id(ctx));
    boost::json::array out;
    for (const auto& x : items) out.push_back(core::to_json(x));
    auto total = static_cast<std::int64_t>(out.size());
    return Response::json(boost::json::object{{"items", std::move(out)}, {"total", total}});
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::LeadingGroupMember x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::leading_group::create(ctx.conn(), ctx.who(), path_id(ctx), x, e)),
        201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(store::leading_group::update(
        ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "member"), body)));
}

Response remove(Context& ctx) {
    store::leading_group::remove(ctx.conn(), ctx.who(), path_id(ctx), path_id(ctx, "member"));
    return Response::no_content();
}

// The program's name leads the file name, so a bureau's downloads of several programs stay apart.
Response export_xlsx(Context& ctx) {
    auto program = store::programs::get(ctx.conn(), ctx.who(), path_id(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(
        report::leading_group_table(store::leading_group::list(ctx.conn(), ctx.who(), program.id),
                                    ctx.lang()),
        en ? "Leading group" : "领导小组", program.name + (en ? " leading group" : "领导小组"));
}

}  // namespace bangfu::http::leading_group
