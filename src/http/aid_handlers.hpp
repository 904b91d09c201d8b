#pragma once
// Handlers of one-to-one aid (一对一帮扶): cases with their cadence, records (with
// attachments), outcomes, overdue alerts, my beneficiaries and statistics, with exports.
#include "http/message.hpp"

namespace bangfu::http::aid {
Response list(Context&);
Response export_xlsx(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response list_records(Context&);
Response create_record(Context&);
Response update_record(Context&);
Response remove_record(Context&);
Response list_attachments(Context&);
Response upload_attachment(Context&);
Response download_attachment(Context&);
Response remove_attachment(Context&);
Response list_outcomes(Context&);
Response create_outcome(Context&);
Response update_outcome(Context&);
Response remove_outcome(Context&);
Response alerts(Context&);
Response mine(Context&);
Response statistics(Context&);
Response statistics_xlsx(Context&);
}  // namespace bangfu::http::aid
