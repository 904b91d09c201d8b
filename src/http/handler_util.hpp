#pragma once
// Helpers shared by the resource handlers: reading bodies, ids and list parameters, and writing
// pages — so every endpoint answers malformed input the same way.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "http/message.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::http {

// JSON bodies are small; files go to the import endpoints, which have their own limit.
inline constexpr std::size_t max_json_body = 1024 * 1024;

// The body as a JSON object, or a 400 (not JSON, not an object) / 413 (too large).
boost::json::object json_body(const Context& ctx);
// A numeric path parameter; anything else is a 404 (no such record).
std::int64_t path_id(const Context& ctx, const std::string& name = "id");
// page, page_size (1..200), q, sort and the remaining parameters as filters.
store::ListQuery list_query(const Context& ctx);
// The same filters without paging, for exports (all matching rows, up to `limit`).
store::ListQuery export_query(const Context& ctx, std::int64_t limit = 100000);

template <class T, class F>
Response page_json(const store::Page<T>& page, F&& to_json) {
    boost::json::array items;
    items.reserve(page.items.size());
    for (const auto& x : page.items) items.push_back(to_json(x));
    return Response::json(boost::json::object{{"items", std::move(items)},
                                              {"total", page.total},
                                              {"page", page.page},
                                              {"page_size", page.page_size}});
}

}  // namespace bangfu::http
