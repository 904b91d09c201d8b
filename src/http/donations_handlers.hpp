#pragma once
// Handlers of donations and shared resources (see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http {

namespace donations {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response totals(Context&);
}  // namespace donations

namespace resources {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response upload_file(Context&);
Response download_file(Context&);
}  // namespace resources

}  // namespace bangfu::http
