#pragma once
// Handlers of the pairings slice (see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http::pairings {
Response list(Context&);
Response get(Context&);
Response create(Context&);
Response update(Context&);
Response remove(Context&);
Response export_xlsx(Context&);
Response timeline(Context&);
// POST (raw body, ?name=), GET, DELETE /api/v1/pairings/{id}/agreement
Response upload_agreement(Context&);
Response download_agreement(Context&);
Response remove_agreement(Context&);
// GET /api/v1/programs/{id}/graph
Response program_graph(Context&);
// GET /api/v1/institutions/{id}/pairings: both directions, for the institution page.
Response of_institution(Context&);
}  // namespace bangfu::http::pairings
