#include "http/handler_util.hpp"
#include "http/plans_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "report/plans_sheets.hpp"
#include "store/four_haves_repository.hpp"

namespace bangfu::http::four_haves {

Response program(Context& ctx) {
    return Response::json(
        core::to_json(store::four_haves::for_program(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response pairing(Context& ctx) {
    return Response::json(
        core::to_json(store::four_haves::for_pairing(ctx.conn(), ctx.who(), path_id(ctx))));
}

Response non_compliant(Context& ctx) {
    return page_json(store::four_haves::non_compliant(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const store::four_haves::PairingCompliance& x) {
                         return boost::json::value(store::four_haves::to_json(x));
                     });
}

Response non_compliant_export(Context& ctx) {
    auto page = store::four_haves::non_compliant(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::non_compliant_table(all_rows(page), ctx.lang()),
                         en ? "Non-compliant" : "四有不全结对",
                         en ? "four-haves-non-compliant" : "四有不全结对");
}

}  // namespace bangfu::http::four_haves
