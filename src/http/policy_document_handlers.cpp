#include "http/file_transfer.hpp"
#include "http/handler_util.hpp"
#include "http/programs_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/programs_sheets.hpp"
#include "store/policy_document_repository.hpp"
#include "store/program_repository.hpp"

namespace bangfu::http::policy_documents {

namespace {
std::int64_t doc_id(const Context& ctx) {
    return path_id(ctx, "doc");
}
}  // namespace

Response list(Context& ctx) {
    auto items = store::policy_documents::list(ctx.conn(), ctx.who(), path_id(ctx));
    boost::json::array out;
    for (const auto& x : items) out.push_back(core::to_json(x));
    auto total = static_cast<std::int64_t>(out.size());
    return Response::json(boost::json::object{{"items", std::move(out)}, {"total", total}});
}

Response get(Context& ctx) {
    return Response::json(core::to_json(
        store::policy_documents::get(ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx))));
}

Response create(Context& ctx) {
    auto body = json_body(ctx);
    core::PolicyDocument x;
    core::FieldErrors e;
    core::read_json(x, body, e);
    return Response::json(
        core::to_json(store::policy_documents::create(ctx.conn(), ctx.who(), path_id(ctx), x, e)),
        201);
}

Response update(Context& ctx) {
    auto body = json_body(ctx);
    return Response::json(core::to_json(
        store::policy_documents::update(ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx), body)));
}

Response remove(Context& ctx) {
    store::policy_documents::remove(ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx));
    return Response::no_content();
}

Response upload_file(Context& ctx) {
    auto upload = read_upload(ctx);
    return Response::json(core::to_json(store::policy_documents::attach_file(
        ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx), upload.name, upload.content)));
}

Response download_file(Context& ctx) {
    auto [info, bytes] =
        store::policy_documents::file(ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx));
    return file_download(info, std::move(bytes));
}

Response remove_file(Context& ctx) {
    return Response::json(core::to_json(
        store::policy_documents::remove_file(ctx.conn(), ctx.who(), path_id(ctx), doc_id(ctx))));
}

// The program's name leads the file name, so a bureau's downloads of several programs stay apart.
Response export_xlsx(Context& ctx) {
    auto program = store::programs::get(ctx.conn(), ctx.who(), path_id(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(
        report::policy_documents_table(
            store::policy_documents::list(ctx.conn(), ctx.who(), program.id), ctx.lang()),
        en ? "Policy documents" : "政策文件",
        program.name + (en ? " policy documents" : "政策文件"));
}

}  // namespace bangfu::http::policy_documents
