#include "core/inspection.hpp"

#include <array>

#include "core/program.hpp"

namespace bangfu::core {

namespace {
namespace json = boost::json;

constexpr std::array fields{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"inspected_on", "检查日期", "date of inspection"},
    FieldLabel{"inspectors", "检查人员", "inspectors"},
    FieldLabel{"checked", "检查内容", "what was checked"},
    FieldLabel{"findings", "发现问题", "findings"},
    FieldLabel{"follow_ups", "整改跟进", "follow-ups"},
};
constexpr std::array<std::string_view, 5> read_only{"id", "program_name", "pairing_label",
                                                    "created_at", "updated_at"};
}  // namespace

std::span<const FieldLabel> inspection_labels() {
    return fields;
}

json::object to_json(const Inspection& x) {
    json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["pairing"] = x.pairing ? json::value(*x.pairing) : json::value(nullptr);
    o["pairing_label"] = x.pairing_label;
    o["inspected_on"] = x.inspected_on;
    o["inspectors"] = x.inspectors;
    o["checked"] = x.checked;
    o["findings"] = x.findings;
    o["follow_ups"] = x.follow_ups;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Inspection& x, const json::object& o, FieldErrors& e) {
    FieldReader f(o, fields, e, read_only);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.text("inspected_on", x.inspected_on);
    f.text("inspectors", x.inspectors);
    f.text("checked", x.checked);
    f.text("findings", x.findings);
    f.text("follow_ups", x.follow_ups);
}

FieldErrors validate(const Inspection& x) {
    FieldErrors e;
    if (x.program <= 0 && !e.contains("program"))
        e["program"] = field_message(fields, "program", "不能为空", "is required");
    check_required_date(fields, e, "inspected_on", x.inspected_on);
    check_required_text(fields, e, "inspectors", x.inspectors, 500);
    check_optional_text(fields, e, "checked", x.checked, 4000);
    check_optional_text(fields, e, "findings", x.findings, 4000);
    check_optional_text(fields, e, "follow_ups", x.follow_ups, 4000);
    return e;
}

}  // namespace bangfu::core
