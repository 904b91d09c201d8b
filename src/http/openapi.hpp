#pragma once
#include <boost/json.hpp>

namespace bangfu::http {

// The OpenAPI 3 document, generated from the route table so that no endpoint is left out.
boost::json::object openapi_document();

}  // namespace bangfu::http
