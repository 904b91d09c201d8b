#include "store/dictionary_repository.hpp"

#include <array>

#include "core/text.hpp"
#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/scope.hpp"

namespace bangfu::store::dictionaries {

namespace {
constexpr std::array<const core::Dictionary*, 3> extensible{
    &core::dict::pairing_dimension, &core::dict::activity_type, &core::dict::material_category};

const core::Dictionary* builtin(std::string_view name) {
    for (const auto* d : extensible)
        if (d->name() == name) return d;
    return nullptr;
}

const core::Dictionary& require(std::string_view name) {
    if (const auto* d = builtin(name)) return *d;
    core::throw_not_found({"字典", "Dictionary"});
}

constexpr std::array labels{
    core::FieldLabel{"value", "代码", "code"},
    core::FieldLabel{"zh", "中文名称", "Chinese label"},
    core::FieldLabel{"en", "英文名称", "English label"},
};

std::string joined_labels(const std::vector<Entry>& xs, bool en) {
    std::string out;
    for (const auto& x : xs) {
        if (!out.empty()) out += en ? ", " : "、";
        out += en ? x.value : x.zh;
    }
    return out;
}
}  // namespace

bool is_extensible(std::string_view name) {
    return builtin(name) != nullptr;
}

std::vector<Entry> entries(Connection& c, std::string_view name) {
    const auto& d = require(name);
    std::vector<Entry> out;
    for (const auto& o : d.options())
        out.push_back({std::string(o.value), std::string(o.zh), std::string(o.en), true});
    for (const auto& r :
         c.query("SELECT value, zh, en FROM dictionary_entries WHERE dictionary = ? ORDER BY "
                 "created_at, value",
                 {std::string(name)}))
        out.push_back({r.text(0), r.text(1), r.text(2), false});
    return out;
}

std::optional<Entry> find(Connection& c, std::string_view name, std::string_view text) {
    std::string t = core::trim(text);
    for (auto& e : entries(c, name))
        if (e.value == t || e.zh == t || core::iequals_ascii(e.en, t)) return e;
    return std::nullopt;
}

void check_value(Connection& c, std::string_view name,
                 std::span<const core::FieldLabel> field_labels, core::FieldErrors& e,
                 std::string_view field, const std::string& value) {
    if (e.contains(std::string(field))) return;
    auto all = entries(c, name);
    for (const auto& x : all)
        if (x.value == value) return;
    if (value.empty()) {
        e[std::string(field)] = core::field_message(field_labels, field, "不能为空", "is required");
        return;
    }
    e[std::string(field)] =
        core::field_message(field_labels, field, "应为以下之一：" + joined_labels(all, false),
                            "must be one of: " + joined_labels(all, true));
}

Entry add(Connection& c, const core::Actor& a, std::string_view name, const Entry& entry) {
    Transaction tx(c, Transaction::write);
    require(name);
    if (!a.is_system() && a.role != core::Role::bureau_admin) {
        if (a.is_admin())
            core::throw_forbidden({"只有系统管理员和教育局管理员可以扩充字典",
                                   "Only system and bureau admins may extend dictionaries"});
        refuse_read_only();
    }
    core::FieldErrors e;
    Entry x{core::trim(entry.value), core::trim(entry.zh), core::trim(entry.en), false};
    bool code_ok = !x.value.empty() && x.value.size() <= 40;
    for (char ch : x.value)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) code_ok = false;
    if (!code_ok)
        e["value"] = core::field_message(labels, "value", "应为 1–40 个小写字母、数字或下划线",
                                         "must be 1–40 lower-case letters, digits or underscores");
    core::check_required_text(labels, e, "zh", x.zh, 40);
    core::check_required_text(labels, e, "en", x.en, 80);
    for (const auto& old : entries(c, name)) {
        if (!e.contains("value") && old.value == x.value)
            e["value"] = core::field_message(labels, "value", "已存在", "already exists");
        if (!e.contains("zh") && old.zh == x.zh)
            e["zh"] = core::field_message(labels, "zh", "已存在", "already exists");
        if (!e.contains("en") && core::iequals_ascii(old.en, x.en))
            e["en"] = core::field_message(labels, "en", "已存在", "already exists");
    }
    if (!e.empty()) core::throw_validation(std::move(e));
    c.execute(
        "INSERT INTO dictionary_entries (dictionary, value, zh, en, created_at) VALUES (?, "
        "?, ?, ?, ?)",
        {std::string(name), x.value, x.zh, x.en, now_utc()});
    audit::record(
        c, a, "create",
        {"dictionary_entry", std::string(name) + ":" + x.value, a.scope_path, std::nullopt},
        nullptr,
        boost::json::object{{"dictionary", name}, {"value", x.value}, {"zh", x.zh}, {"en", x.en}});
    tx.commit();
    return x;
}

boost::json::object all_json(Connection& c) {
    boost::json::object out;
    for (const auto* d : core::dict::all()) {
        boost::json::array options;
        if (is_extensible(d->name())) {
            for (const auto& x : entries(c, d->name()))
                options.push_back(
                    {{"value", x.value}, {"zh", x.zh}, {"en", x.en}, {"builtin", x.builtin}});
        } else {
            for (const auto& o : d->options())
                options.push_back({{"value", o.value}, {"zh", o.zh}, {"en", o.en}});
        }
        out[d->name()] = std::move(options);
    }
    return out;
}

}  // namespace bangfu::store::dictionaries
