#include "store/sql_builder.hpp"

#include <algorithm>
#include <charconv>

#include "core/text.hpp"

namespace bangfu::store {

void Where::add(std::string condition, Params params) {
    conditions_.push_back(std::move(condition));
    for (auto& p : params) params_.push_back(std::move(p));
}

std::string Where::sql() const {
    std::string out;
    for (std::size_t i = 0; i < conditions_.size(); ++i)
        out += (i == 0 ? " WHERE (" : " AND (") + conditions_[i] + ")";
    return out;
}

std::string Where::conditions_joined(std::string_view separator) const {
    std::string out;
    for (std::size_t i = 0; i < conditions_.size(); ++i)
        out += (i == 0 ? "(" : std::string(separator) + "(") + conditions_[i] + ")";
    return out;
}

void bad_parameter(const std::string& name, core::Text message) {
    core::FieldErrors fields{{name, message}};
    throw core::Error(core::ErrorKind::malformed,
                      {"查询参数 " + name + " 不正确：" + message.zh,
                       "query parameter " + name + " is invalid: " + message.en},
                      std::move(fields));
}

std::string order_by(std::string_view sort, std::span<const SortField> allowed,
                     std::string_view default_sort, std::string_view tiebreak) {
    std::string_view s = sort.empty() ? default_sort : sort;
    bool desc = s.starts_with('-');
    if (desc) s.remove_prefix(1);
    auto it = std::find_if(allowed.begin(), allowed.end(),
                           [&](const SortField& f) { return f.name == s; });
    if (it == allowed.end()) {
        std::string names;
        for (const auto& f : allowed) names += (names.empty() ? "" : ", ") + std::string(f.name);
        bad_parameter("sort", {"不能按 " + std::string(s) + " 排序，可用：" + names,
                               "cannot sort by " + std::string(s) + "; use one of " + names});
    }
    return " ORDER BY " + std::string(it->sql) + (desc ? " DESC" : "") + ", " +
           std::string(tiebreak);
}

std::string limit_offset(const ListQuery& q) {
    return " LIMIT " + std::to_string(q.page_size) + " OFFSET " +
           std::to_string((q.page - 1) * q.page_size);
}

int parse_year_filter(const std::string& name, const std::string& value) {
    int year = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), year);
    if (ec != std::errc() || p != value.data() + value.size() || year < 1900 || year > 2999)
        bad_parameter(name, {"应为四位年份，如 2026", "must be a four-digit year such as 2026"});
    return year;
}

bool parse_bool_filter(const std::string& name, const std::string& value) {
    if (value == "true" || value == "1" || value == "是") return true;
    if (value == "false" || value == "0" || value == "否") return false;
    bad_parameter(name, {"应为 true 或 false", "must be true or false"});
}

std::int64_t parse_id_filter(const std::string& name, const std::string& value) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size() || v <= 0)
        bad_parameter(name, {"应为正整数编号", "must be a positive integer id"});
    return v;
}

const std::string& choice_filter(const std::string& name, const std::string& value,
                                 const core::Dictionary& d) {
    if (!d.contains(value))
        bad_parameter(name, {"应为：" + d.labels("zh"), "must be one of " + d.labels("en")});
    return value;
}

void check_known_filters(const ListQuery& q, std::span<const std::string_view> known) {
    for (const auto& [k, v] : q.filters)
        if (std::find(known.begin(), known.end(), k) == known.end())
            bad_parameter(k, {"不是可用的筛选条件", "is not a known filter"});
}

void read_archived(const boost::json::object& patch, bool& archived, core::FieldErrors& errors) {
    const auto* v = patch.if_contains("archived");
    if (!v) return;
    if (!v->is_bool())
        errors["archived"] = {"已归档应为是/否（true/false）", "archived must be true or false"};
    else
        archived = v->get_bool();
}

std::string contains_pattern(std::string_view text) {
    // Not lowered here: the SQL lowers both sides with the engine's own lower(), so the
    // comparison is consistent (ASCII-only in SQLite, Unicode in PostgreSQL).
    return "%" + core::like_escape(text) + "%";
}

}  // namespace bangfu::store
