#pragma once
// Handlers of the activities slice (帮扶活动): records, statistics, export and attachments.
#include "http/message.hpp"

namespace bangfu::http::activities {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response stats(Context&);
Response list_attachments(Context&);
Response upload_attachment(Context&);
Response download_attachment(Context&);
Response remove_attachment(Context&);
}  // namespace bangfu::http::activities
