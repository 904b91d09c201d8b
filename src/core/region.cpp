#include "core/region.hpp"

#include <array>

#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"code", "行政区划代码", "code"}, FieldLabel{"name", "名称", "name"},
    FieldLabel{"level", "级别", "level"},       FieldLabel{"parent", "上级区划", "parent"},
    FieldLabel{"latitude", "纬度", "latitude"}, FieldLabel{"longitude", "经度", "longitude"}};
}

std::span<const FieldLabel> region_labels() {
    return labels;
}

boost::json::object to_json(const Region& r) {
    boost::json::object o;
    o["code"] = r.code;
    o["name"] = r.name;
    o["level"] = r.level;
    o["parent"] = r.parent ? boost::json::value(*r.parent) : boost::json::value(nullptr);
    // Only where entered (a township's centre, issue 18).
    if (r.latitude && r.longitude) {
        o["latitude"] = *r.latitude;
        o["longitude"] = *r.longitude;
    }
    return o;
}

void read_json(Region& r, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e);
    f.text("code", r.code);
    f.text("name", r.name);
    f.text("level", r.level);
    f.optional_text("parent", r.parent);
    f.optional_number("latitude", r.latitude);
    f.optional_number("longitude", r.longitude);
}

std::optional<std::string> child_level(std::string_view level) {
    if (level == "province") return "city";
    if (level == "city") return "county";
    if (level == "county") return "township";
    return std::nullopt;
}

FieldErrors validate(const Region& r, const std::optional<Region>& parent) {
    FieldErrors e;
    bool digits = !r.code.empty();
    for (char c : r.code) digits = digits && c >= '0' && c <= '9';
    if (r.code.empty())
        e["code"] = field_message(labels, "code", "不能为空", "is required");
    else if (!digits || (r.code.size() != 6 && r.code.size() != 9 && r.code.size() != 12))
        e["code"] =
            field_message(labels, "code", "应为 6、9 或 12 位数字", "must be 6, 9 or 12 digits");
    check_required_text(labels, e, "name", r.name, 64);
    if (!dict::region_level.contains(r.level)) {
        e["level"] = field_message(labels, "level", "应为：" + dict::region_level.labels("zh"),
                                   "must be one of " + dict::region_level.labels("en"));
    } else if (!parent) {
        if (r.level != "province" && r.level != "city")
            e["parent"] =
                field_message(labels, "parent", "不能为空（只有省级、直辖市可以没有上级）",
                              "is required below province level");
    } else {
        // A level may be skipped (a county-level city directly under a province), never reversed.
        static constexpr std::array order{"province", "city", "county", "township"};
        auto rank = [](std::string_view l) {
            for (std::size_t i = 0; i < order.size(); ++i)
                if (order[i] == l) return static_cast<int>(i);
            return -1;
        };
        if (rank(r.level) <= rank(parent->level))
            e["level"] = field_message(labels, "level", "必须低于上级区划的级别",
                                       "must be below the parent's level");
    }
    check_coordinates(labels, e, r.latitude, r.longitude);
    return e;
}

}  // namespace bangfu::core
