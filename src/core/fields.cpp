#include "core/fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace bangfu::core {

namespace json = boost::json;

const FieldLabel* find_label(std::span<const FieldLabel> labels, std::string_view field) {
    for (const auto& l : labels)
        if (l.field == field) return &l;
    return nullptr;
}

Text field_message(std::span<const FieldLabel> labels, std::string_view field,
                   std::string_view zh_suffix, std::string_view en_suffix) {
    const FieldLabel* l = find_label(labels, field);
    std::string zh = l ? std::string(l->zh) : std::string(field);
    std::string en = l ? std::string(l->en) : std::string(field);
    return {zh + std::string(zh_suffix), en + " " + std::string(en_suffix)};
}

FieldReader::FieldReader(const json::object& obj, std::span<const FieldLabel> labels,
                         FieldErrors& errors, std::span<const std::string_view> read_only)
    : obj_(obj), labels_(labels), errors_(errors) {
    for (const auto& kv : obj) {
        std::string_view key = kv.key();
        if (find_label(labels, key)) continue;
        if (std::find(read_only.begin(), read_only.end(), key) != read_only.end()) continue;
        errors_[std::string(key)] = {"未知字段", "unknown field"};
    }
}

void FieldReader::type_error(std::string_view key, std::string_view zh, std::string_view en) {
    errors_[std::string(key)] = field_message(labels_, key, zh, en);
}

void FieldReader::text(std::string_view key, std::string& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_null()) {
        out.clear();
        return;
    }
    if (!v->is_string()) return type_error(key, "应为文本", "must be a string");
    out = trim(v->get_string());
}

void FieldReader::optional_text(std::string_view key, std::optional<std::string>& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_null()) {
        out.reset();
        return;
    }
    if (!v->is_string()) return type_error(key, "应为文本", "must be a string");
    std::string t = trim(v->get_string());
    if (t.empty())
        out.reset();
    else
        out = std::move(t);
}

void FieldReader::integer(std::string_view key, std::int64_t& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_int64()) {
        out = v->get_int64();
        return;
    }
    if (v->is_uint64() && v->get_uint64() <= INT64_MAX) {
        out = static_cast<std::int64_t>(v->get_uint64());
        return;
    }
    if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
        std::abs(v->get_double()) < 9e15) {
        out = static_cast<std::int64_t>(v->get_double());
        return;
    }
    type_error(key, "应为整数", "must be an integer");
}

void FieldReader::optional_integer(std::string_view key, std::optional<std::int64_t>& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_null()) {
        out.reset();
        return;
    }
    std::int64_t x = 0;
    auto before = errors_.size();
    integer(key, x);
    if (errors_.size() == before) out = x;
}

void FieldReader::boolean(std::string_view key, bool& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (!v->is_bool()) return type_error(key, "应为是/否（true/false）", "must be true or false");
    out = v->get_bool();
}

void FieldReader::optional_number(std::string_view key, std::optional<double>& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_null()) {
        out.reset();
        return;
    }
    if (!v->is_number()) return type_error(key, "应为数字", "must be a number");
    out = v->to_number<double>();
}

void FieldReader::text_list(std::string_view key, std::vector<std::string>& out) {
    auto* v = obj_.if_contains(key);
    if (!v) return;
    if (v->is_null()) {
        out.clear();
        return;
    }
    if (!v->is_array()) return type_error(key, "应为文本列表", "must be a list of strings");
    std::vector<std::string> items;
    for (const auto& item : v->get_array()) {
        if (!item.is_string()) return type_error(key, "应为文本列表", "must be a list of strings");
        items.push_back(trim(item.get_string()));
    }
    out = std::move(items);
}

void check_coordinates(std::span<const FieldLabel> labels, FieldErrors& e,
                       const std::optional<double>& latitude,
                       const std::optional<double>& longitude) {
    if (latitude && (*latitude < -90 || *latitude > 90))
        e["latitude"] =
            field_message(labels, "latitude", "应在 -90 到 90 之间", "must be between -90 and 90");
    if (longitude && (*longitude < -180 || *longitude > 180))
        e["longitude"] = field_message(labels, "longitude", "应在 -180 到 180 之间",
                                       "must be between -180 and 180");
    if (latitude.has_value() != longitude.has_value() && !e.contains("latitude") &&
        !e.contains("longitude"))
        e[latitude ? "longitude" : "latitude"] =
            field_message(labels, latitude ? "longitude" : "latitude", "应与经纬度成对填写",
                          "must be given together with the other coordinate");
}

void check_required_text(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value, std::size_t max_chars) {
    if (e.contains(std::string(field))) return;
    if (value.empty()) {
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
        return;
    }
    check_optional_text(labels, e, field, value, max_chars);
}

void check_optional_text(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value, std::size_t max_chars) {
    if (e.contains(std::string(field))) return;
    if (!is_valid_utf8(value) || has_control_characters(value)) {
        e[std::string(field)] = field_message(labels, field, "含有无效字符", "is not valid UTF-8");
    } else if (char_count(value) > max_chars) {
        // Refuse rather than truncate: nothing a user typed may be silently cut off.
        e[std::string(field)] =
            field_message(labels, field, fmt::format("不能超过 {} 个字", max_chars),
                          fmt::format("must be at most {} characters", max_chars));
    }
}

void check_choice(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                  const std::string& value, const Dictionary& d) {
    if (e.contains(std::string(field))) return;
    if (value.empty())
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
    else if (!d.contains(value))
        e[std::string(field)] = field_message(labels, field, "应为：" + d.labels("zh"),
                                              "must be one of " + d.labels("en"));
}

void check_phone(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                 const std::string& value) {
    if (value.empty() || e.contains(std::string(field))) return;
    bool ok = value.size() <= 30;
    int digits = 0;
    for (char c : value) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != '-' && c != '+' && c != ' ' && c != '(' && c != ')')
            ok = false;
    }
    if (!ok || digits < 5)
        e[std::string(field)] = field_message(labels, field, "格式不正确（只能包含数字、-、+）",
                                              "must be a phone number (digits, -, +)");
}

}  // namespace bangfu::core
