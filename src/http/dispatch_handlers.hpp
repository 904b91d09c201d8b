#pragma once
// Handlers of teacher dispatch (issue 4): batches, assignments, attachment study, the dispatch
// policy of a program, the workload report and statistics (see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http {

namespace dispatch_batches {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace dispatch_batches

namespace dispatch_assignments {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response withdraw(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace dispatch_assignments

namespace attachment_studies {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace attachment_studies

namespace dispatch_reports {
Response workload(Context&);
Response workload_xlsx(Context&);
Response statistics(Context&);
Response statistics_xlsx(Context&);
Response get_policy(Context&);
Response put_policy(Context&);
}  // namespace dispatch_reports

}  // namespace bangfu::http
