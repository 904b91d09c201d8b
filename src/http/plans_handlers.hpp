#pragma once
// Handlers of plans, their tasks and the four-haves check (issue 3; see routes.cpp).
#include "http/message.hpp"

namespace bangfu::http {

namespace plans {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response set_approval(Context&);
Response upload_file(Context&);
Response download_file(Context&);
Response remove_file(Context&);
Response list_tasks(Context&);
Response create_task(Context&);
}  // namespace plans

namespace tasks {
Response list(Context&);
Response export_xlsx(Context&);
Response get(Context&);
Response update(Context&);
Response remove(Context&);
}  // namespace tasks

namespace four_haves {
Response program(Context&);
Response pairing(Context&);
Response non_compliant(Context&);
Response non_compliant_export(Context&);
}  // namespace four_haves

}  // namespace bangfu::http
