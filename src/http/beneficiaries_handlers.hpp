#pragma once
// Handlers of beneficiaries, inbound cohorts and user permissions (issue 5; see routes.cpp).
#include "http/message.hpp"

namespace bangfu::http {

namespace beneficiaries {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response stats(Context&);
Response stats_export_xlsx(Context&);
Response import_template(Context&);
Response import_file(Context&);
}  // namespace beneficiaries

namespace inbound_cohorts {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response stats(Context&);
}  // namespace inbound_cohorts

namespace permissions {
Response holders(Context&);
Response grant(Context&);
Response revoke(Context&);
}  // namespace permissions

}  // namespace bangfu::http
