#include "core/staff.hpp"

#include <algorithm>
#include <array>

#include "core/dictionary.hpp"
#include "core/text.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"name", "姓名", "name"},
    FieldLabel{"gender", "性别", "gender"},
    FieldLabel{"institution", "所在单位", "institution"},
    FieldLabel{"role", "岗位", "role"},
    FieldLabel{"subjects", "任教学科", "subjects"},
    FieldLabel{"title", "职称", "title"},
    FieldLabel{"backbone", "骨干级别", "backbone level"},
    FieldLabel{"years_teaching", "教龄", "years of teaching"},
    FieldLabel{"birth_date", "出生日期", "date of birth"},
    FieldLabel{"health", "健康状况", "health"},
    FieldLabel{"phone", "手机号", "phone"},
};
}  // namespace

std::span<const FieldLabel> staff_labels() {
    return labels;
}

boost::json::object to_json(const Staff& x, bool mask_personal) {
    boost::json::object o;
    o["id"] = x.id;
    o["name"] = x.name;
    o["gender"] = x.gender;
    o["institution"] = x.institution;
    o["institution_name"] = x.institution_name;
    o["role"] = x.role;
    boost::json::array subjects;
    for (const auto& s : x.subjects) subjects.emplace_back(s);
    o["subjects"] = std::move(subjects);
    o["title"] = x.title;
    o["backbone"] = x.backbone;
    o["years_teaching"] = x.years_teaching;
    o["birth_date"] =
        x.birth_date ? boost::json::value(*x.birth_date) : boost::json::value(nullptr);
    o["health"] = x.health;
    o["phone"] = mask_personal ? mask_phone(x.phone) : x.phone;
    o["phone_masked"] = mask_personal && !x.phone.empty();
    o["archived"] = x.archived;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Staff& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 6> ignored{
        "id", "institution_name", "archived", "created_at", "updated_at", "phone_masked"};
    FieldReader f(o, labels, e, ignored);
    f.text("name", x.name);
    f.text("gender", x.gender);
    f.integer("institution", x.institution);
    f.text("role", x.role);
    f.text_list("subjects", x.subjects);
    f.text("title", x.title);
    f.text("backbone", x.backbone);
    f.integer("years_teaching", x.years_teaching);
    f.optional_text("birth_date", x.birth_date);
    f.text("health", x.health);
    f.text("phone", x.phone);
}

FieldErrors validate(const Staff& x, const Date& today) {
    FieldErrors e;
    check_required_text(labels, e, "name", x.name, 50);
    check_choice(labels, e, "gender", x.gender, dict::gender);
    if (x.institution <= 0 && !e.contains("institution"))
        e["institution"] = field_message(labels, "institution", "不能为空", "is required");
    check_choice(labels, e, "role", x.role, dict::staff_role);
    if (!e.contains("subjects")) {
        for (const auto& s : x.subjects) {
            if (!dict::subject.contains(s)) {
                e["subjects"] = field_message(labels, "subjects", "中有未知学科：" + s,
                                              "contains an unknown subject: " + s);
                break;
            }
            if (std::count(x.subjects.begin(), x.subjects.end(), s) > 1) {
                e["subjects"] = field_message(labels, "subjects", "中有重复学科：" + s,
                                              "lists a subject twice: " + s);
                break;
            }
        }
    }
    check_choice(labels, e, "title", x.title, dict::title);
    check_choice(labels, e, "backbone", x.backbone, dict::backbone);
    check_choice(labels, e, "health", x.health, dict::health);
    if (!e.contains("years_teaching")) {
        if (x.years_teaching < 0)
            e["years_teaching"] =
                field_message(labels, "years_teaching", "不能为负数", "must not be negative");
        else if (x.years_teaching > 60)
            e["years_teaching"] =
                field_message(labels, "years_teaching", "不能超过 60 年", "must be at most 60");
    }
    if (x.birth_date && !e.contains("birth_date")) {
        auto d = parse_date(*x.birth_date);
        if (!d) {
            e["birth_date"] = field_message(labels, "birth_date", "应为日期，格式 YYYY-MM-DD",
                                            "must be a date YYYY-MM-DD");
        } else if (*d > today) {
            e["birth_date"] =
                field_message(labels, "birth_date", "不能晚于今天", "must not be in the future");
        } else {
            int age = years_between(*d, today);
            if (age < 16 || age > 100)
                e["birth_date"] =
                    field_message(labels, "birth_date", "对应的年龄应在 16 到 100 岁之间",
                                  "must give an age between 16 and 100");
            else if (!e.contains("years_teaching") && x.years_teaching > age - 16)
                e["years_teaching"] = field_message(
                    labels, "years_teaching", "与出生日期不符（不能早于 16 岁开始任教）",
                    "does not fit the date of birth (teaching from age 16 at the earliest)");
        }
    }
    check_phone(labels, e, "phone", x.phone);
    return e;
}

}  // namespace bangfu::core
