#pragma once
// The request target (path and query string) of an HTTP request, decoded and checked: the parser
// every request passes through first, fuzzed by tests/fuzz/fuzz_query.cpp (issue 17).
#include <map>
#include <string>
#include <string_view>

namespace bangfu::http {

struct RequestTarget {
    std::string path;                          // percent-decoded, without the query
    std::map<std::string, std::string> query;  // decoded; a repeated key keeps its last value
};

// Parses an origin-form target ("/api/v1/x?a=1&b=%E4%B8%AD"). Throws core::Error (malformed)
// when it is not one, or when a decoded part is not text (invalid UTF-8, control characters:
// they would reach the database, where PostgreSQL rejects them and SQLite would store them);
// the error's field names the part ("path", the parameter, or "query").
RequestTarget parse_request_target(std::string_view target);

}  // namespace bangfu::http
