#include "http/spreadsheet_response.hpp"

#include "core/error.hpp"
#include "report/table.hpp"
#include "report/xlsx_writer.hpp"
#include "store/clock.hpp"

namespace bangfu::http {

namespace {
constexpr std::string_view xlsx_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

Response xlsx_response(const report::Table& table, const std::string& sheet_name,
                       const std::string& file_stem, report::XlsxOptions o) {
    o.sheet_name = sheet_name;
    auto date = core::format_date(store::today_china());
    return Response::file(report::write_xlsx(table, o), std::string(xlsx_type),
                          file_stem + "-" + date + ".xlsx");
}

ImportUpload read_import(Context& ctx, const std::function<void()>& may_import) {
    // Who may import comes first: a refusal must not depend on how the request is worded.
    if (!ctx.who().may_write_registry())
        core::throw_forbidden({"无权操作：您的角色只能查看", "Forbidden: your role is read-only"});
    if (may_import) may_import();
    const auto& q = ctx.request.query;
    auto mode_it = q.find("mode");
    ImportUpload u;
    u.mode_name = mode_it == q.end() ? "all_or_nothing" : mode_it->second;
    if (u.mode_name != "all_or_nothing" && u.mode_name != "valid_rows")
        store::bad_parameter(
            "mode", {"应为 all_or_nothing 或 valid_rows", "must be all_or_nothing or valid_rows"});
    u.mode = u.mode_name == "valid_rows" ? report::ImportMode::valid_rows
                                         : report::ImportMode::all_or_nothing;
    if (ctx.request.body.empty())
        throw core::Error(core::ErrorKind::malformed, {"没有收到文件", "No file was uploaded"});
    try {
        u.table = report::read_table(ctx.request.body);
    } catch (const report::FileError& e) {
        throw core::Error(core::ErrorKind::validation, {e.what(), e.what()},
                          {{"file", {e.what(), e.what()}}});
    }
    return u;
}

Response import_answer(const Context& ctx, const ImportUpload& u,
                       const report::ImportResult& result) {
    boost::json::array errors;
    for (const auto& e : result.errors)
        errors.push_back(
            {{"row", e.row}, {"field", e.field}, {"message", e.message.in(ctx.lang())}});
    return Response::json(boost::json::object{{"total", result.total},
                                              {"imported", result.imported},
                                              {"mode", u.mode_name},
                                              {"errors", std::move(errors)}});
}

Response import_response(Context& ctx, report::RegistryKind kind) {
    auto u = read_import(ctx, [&] {
        const auto& who = ctx.who();
        if (kind == report::RegistryKind::institutions && !who.is_system() &&
            who.role != core::Role::bureau_admin)
            core::throw_forbidden(
                {"只有教育局管理员可以导入单位", "Only bureau admins may import institutions"});
    });
    return import_answer(ctx, u,
                         report::import_registry(ctx.conn(), ctx.who(), kind, u.table, u.mode));
}

}  // namespace bangfu::http
