#pragma once
// Handlers of the registry resources, one file per resource (see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http {

namespace meta {
Response healthz(Context&);
Response openapi(Context&);
Response dictionaries(Context&);
Response add_dictionary_entry(Context&);
}  // namespace meta

namespace auth {
Response login(Context&);
Response logout(Context&);
Response me(Context&);
Response create_token(Context&);
Response list_tokens(Context&);
Response revoke_token(Context&);
Response list_throttles(Context&);
Response clear_throttles(Context&);
}  // namespace auth

namespace regions {
Response list(Context&);
Response tree(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace regions

namespace institutions {
Response list(Context&);
Response directory(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response import_template(Context&);
Response import_file(Context&);
}  // namespace institutions

namespace staff {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response import_template(Context&);
Response import_file(Context&);
}  // namespace staff

namespace users {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
}  // namespace users

namespace audit {
Response list(Context&);
Response export_xlsx(Context&);
}  // namespace audit

}  // namespace bangfu::http
