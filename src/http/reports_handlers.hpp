#pragma once
// Handlers of the yearly reports (issue 6; see routes.cpp for the table).
#include "http/message.hpp"

namespace bangfu::http::reports {
Response summary(Context&);
Response dashboard(Context&);
Response get_written(Context&);
Response put_written(Context&);
Response lock(Context&);
Response list_unlock_requests(Context&);
Response request_unlock(Context&);
Response grant_unlock(Context&);
Response refuse_unlock(Context&);
}  // namespace bangfu::http::reports
