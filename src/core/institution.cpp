#include "core/institution.hpp"

#include <array>

#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"name", "名称", "name"},
    FieldLabel{"kind", "类型", "kind"},
    FieldLabel{"locality", "城乡类别", "locality"},
    FieldLabel{"weak", "薄弱学校", "weak"},
    FieldLabel{"region", "行政区划", "region"},
    FieldLabel{"address", "地址", "address"},
    FieldLabel{"latitude", "纬度", "latitude"},
    FieldLabel{"longitude", "经度", "longitude"},
    FieldLabel{"student_count", "学生数", "student count"},
    FieldLabel{"staff_count", "教职工数", "staff count"},
    FieldLabel{"contact_name", "联系人", "contact name"},
    FieldLabel{"contact_phone", "联系电话", "contact phone"},
};
constexpr std::array<std::string_view, 6> read_only{"id",         "region_name", "archived",
                                                    "created_at", "updated_at",  "kind_label"};

}  // namespace

std::span<const FieldLabel> institution_labels() {
    return labels;
}

boost::json::object to_json(const Institution& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["name"] = x.name;
    o["kind"] = x.kind;
    o["locality"] = x.locality;
    o["weak"] = x.weak;
    o["region"] = x.region;
    o["region_name"] = x.region_name;
    o["address"] = x.address;
    o["latitude"] = x.latitude ? boost::json::value(*x.latitude) : boost::json::value(nullptr);
    o["longitude"] = x.longitude ? boost::json::value(*x.longitude) : boost::json::value(nullptr);
    o["student_count"] = x.student_count;
    o["staff_count"] = x.staff_count;
    o["contact_name"] = x.contact_name;
    o["contact_phone"] = x.contact_phone;
    o["archived"] = x.archived;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Institution& x, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.text("name", x.name);
    f.text("kind", x.kind);
    f.text("locality", x.locality);
    f.boolean("weak", x.weak);
    f.text("region", x.region);
    f.text("address", x.address);
    f.optional_number("latitude", x.latitude);
    f.optional_number("longitude", x.longitude);
    f.integer("student_count", x.student_count);
    f.integer("staff_count", x.staff_count);
    f.text("contact_name", x.contact_name);
    f.text("contact_phone", x.contact_phone);
}

FieldErrors validate(const Institution& x) {
    FieldErrors e;
    check_required_text(labels, e, "name", x.name, 100);
    check_choice(labels, e, "kind", x.kind, dict::institution_kind);
    check_choice(labels, e, "locality", x.locality, dict::locality);
    check_required_text(labels, e, "region", x.region, 12);
    check_optional_text(labels, e, "address", x.address, 200);
    check_coordinates(labels, e, x.latitude, x.longitude);
    for (auto field : {"student_count", "staff_count"}) {
        std::int64_t v =
            std::string_view(field) == "student_count" ? x.student_count : x.staff_count;
        if (e.contains(field)) continue;
        if (v < 0)
            e[field] = field_message(labels, field, "不能为负数", "must not be negative");
        else if (v > 1'000'000)
            e[field] = field_message(labels, field, "不能超过 1000000", "must be at most 1000000");
    }
    check_optional_text(labels, e, "contact_name", x.contact_name, 50);
    check_phone(labels, e, "contact_phone", x.contact_phone);
    return e;
}

}  // namespace bangfu::core
