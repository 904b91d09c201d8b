#pragma once
// Building the WHERE / ORDER BY / LIMIT of list queries from user input without ever putting
// user text into SQL: conditions are fixed strings, values are parameters, sort fields come from
// an allow-list.
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/dictionary.hpp"
#include "core/error.hpp"
#include "store/connection.hpp"

namespace bangfu::store {

// What a list endpoint was asked for. Filters arrive as text and are checked by the repository.
struct ListQuery {
    std::int64_t page = 1;
    std::int64_t page_size = 20;
    std::string q;
    std::string sort;
    std::map<std::string, std::string> filters;
};

template <class T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    std::int64_t page = 1;
    std::int64_t page_size = 20;
    // false when `total` is a lower bound: more rows match than were counted (list_total.hpp).
    bool total_exact = true;
};

class Where {
  public:
    void add(std::string condition, Params params = {});
    std::string sql() const;  // "" or " WHERE a AND b"
    // The conditions joined by `separator` ("(a) OR (b)"), to combine them in another way.
    std::string conditions_joined(std::string_view separator) const;
    const Params& params() const { return params_; }

  private:
    std::vector<std::string> conditions_;
    Params params_;
};

struct SortField {
    std::string_view name;  // as on the wire
    std::string_view sql;   // the expression
};

// "name" or "-name" → " ORDER BY expr [DESC], <tiebreak>"; an unknown field is a 400.
std::string order_by(std::string_view sort, std::span<const SortField> allowed,
                     std::string_view default_sort, std::string_view tiebreak);
std::string limit_offset(const ListQuery& q);

// Filter helpers: each throws a 400 naming the parameter when its value is not acceptable.
[[noreturn]] void bad_parameter(const std::string& name, core::Text message);
bool parse_bool_filter(const std::string& name, const std::string& value);
std::int64_t parse_id_filter(const std::string& name, const std::string& value);
// A four-digit year filter (1900–2999), e.g. year=2026 or school_year=2026.
int parse_year_filter(const std::string& name, const std::string& value);
// A filter value from a closed vocabulary (kind=primary); anything else is a 400, not an empty
// list.
const std::string& choice_filter(const std::string& name, const std::string& value,
                                 const core::Dictionary& d);
void check_known_filters(const ListQuery& q, std::span<const std::string_view> known);
// "%text%" for LIKE … ESCAPE '\'.
std::string contains_pattern(std::string_view text);
// PATCH {"archived": false} restores an archived record (and true archives it).
void read_archived(const boost::json::object& patch, bool& archived, core::FieldErrors& errors);

}  // namespace bangfu::store
