#pragma once
// Helpers shared by the resource handlers: reading bodies, ids and list parameters, and writing
// pages — so every endpoint answers malformed input the same way.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "core/error.hpp"
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

// The rows of an export page. An export never drops rows silently: when the filters match more
// than one file may hold (export_query's limit), it refuses and says how to narrow it down.
template <class T>
const std::vector<T>& all_rows(const store::Page<T>& page) {
    if (page.total > static_cast<std::int64_t>(page.items.size()))
        throw core::Error(
            core::ErrorKind::too_large,
            {"符合条件的记录有 " + std::to_string(page.total) + " 条，超过一次导出的上限 " +
                 std::to_string(page.page_size) + " 条，请加上筛选条件分批导出",
             std::to_string(page.total) + " records match, more than the " +
                 std::to_string(page.page_size) +
                 " one export may hold; narrow the filters and export in parts"});
    return page.items;
}

template <class T, class F>
Response page_json(const store::Page<T>& page, F&& to_json) {
    boost::json::array items;
    items.reserve(page.items.size());
    for (const auto& x : page.items) items.push_back(to_json(x));
    return Response::json(boost::json::object{{"items", std::move(items)},
                                              {"total", page.total},
                                              {"total_exact", page.total_exact},
                                              {"page", page.page},
                                              {"page_size", page.page_size}});
}

// A report computed whole (its totals need every row) answered one page at a time: with
// ?page_size=N (and ?page=P) the items of that page, else all of them; `total` counts them all.
// The rest of the answer (totals) is the caller's `extra`.
template <class Rows, class F>
Response rows_page_json(const Context& ctx, const Rows& rows, F&& to_json,
                        boost::json::object extra = {}) {
    auto q = list_query(ctx);
    bool paged = ctx.request.query.contains("page_size");
    auto n = static_cast<std::int64_t>(rows.size());
    std::int64_t first = paged ? std::min(n, (q.page - 1) * q.page_size) : 0;
    std::int64_t last = paged ? std::min(n, first + q.page_size) : n;
    boost::json::array items;
    items.reserve(static_cast<std::size_t>(last - first));
    for (auto i = first; i < last; ++i) items.push_back(to_json(rows[static_cast<std::size_t>(i)]));
    extra["items"] = std::move(items);
    extra["total"] = n;
    extra["page"] = paged ? q.page : 1;
    extra["page_size"] = paged ? q.page_size : n;
    return Response::json(std::move(extra));
}

}  // namespace bangfu::http
