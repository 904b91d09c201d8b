#include "http/handler_util.hpp"
#include "http/registry_handlers.hpp"
#include "http/spreadsheet_response.hpp"
#include "store/audit_repository.hpp"

namespace bangfu::http::audit {

Response list(Context& ctx) {
    return page_json(store::audit::list(ctx.conn(), ctx.who(), list_query(ctx)),
                     [](const store::audit::Entry& e) { return store::audit::to_json(e); });
}

Response export_xlsx(Context& ctx) {
    auto page = store::audit::list(ctx.conn(), ctx.who(), export_query(ctx));
    bool en = ctx.lang() == "en";
    return xlsx_response(report::audit_table(all_rows(page), ctx.lang()),
                         en ? "Audit log" : "审计日志", en ? "audit-log" : "审计日志");
}

}  // namespace bangfu::http::audit
