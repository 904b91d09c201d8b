#pragma once
// Handlers of programs, their leading groups and policy documents, and inspections
// (see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http {

namespace programs {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace programs

namespace leading_group {
Response list(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace leading_group

namespace policy_documents {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response upload_file(Context&);
Response download_file(Context&);
Response remove_file(Context&);
Response export_xlsx(Context&);
}  // namespace policy_documents

namespace inspections {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace inspections

}  // namespace bangfu::http
