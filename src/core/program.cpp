#include "core/program.hpp"

#include <array>

#include "core/date.hpp"
#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
namespace json = boost::json;

json::value opt(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<std::int64_t>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

constexpr std::array program_fields{
    FieldLabel{"name", "项目名称", "name"},
    FieldLabel{"kind", "项目类型", "kind"},
    FieldLabel{"region", "主管区划", "region"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"goals", "工作目标", "goals"},
    FieldLabel{"office", "办公室", "office"},
    FieldLabel{"status", "状态", "status"},
};
constexpr std::array<std::string_view, 7> program_read_only{"id",
                                                            "region_name",
                                                            "archived",
                                                            "created_at",
                                                            "updated_at",
                                                            "pairing_count",
                                                            "active_pairing_count"};

constexpr std::array member_fields{
    FieldLabel{"role", "职务类别", "role"}, FieldLabel{"staff", "教职工", "staff member"},
    FieldLabel{"name", "姓名", "name"},     FieldLabel{"position", "职务", "position"},
    FieldLabel{"unit", "单位", "unit"},     FieldLabel{"sort_order", "排序", "sort order"},
};
constexpr std::array<std::string_view, 4> member_read_only{"id", "program", "created_at",
                                                           "updated_at"};

constexpr std::array document_fields{
    FieldLabel{"title", "文件标题", "title"},
    FieldLabel{"doc_number", "文号", "document number"},
    FieldLabel{"issuer", "发文单位", "issuer"},
    FieldLabel{"issued_on", "发文日期", "date issued"},
};
constexpr std::array<std::string_view, 6> document_read_only{
    "id", "program", "file", "file_info", "created_at", "updated_at"};
}  // namespace

void check_required_date(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::string& value) {
    if (e.contains(std::string(field))) return;
    if (value.empty()) {
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
        return;
    }
    check_optional_date(labels, e, field, value);
}

void check_optional_date(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                         const std::optional<std::string>& value) {
    if (!value || e.contains(std::string(field))) return;
    if (!parse_date(*value))
        e[std::string(field)] =
            field_message(labels, field, "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
}

void check_date_order(std::span<const FieldLabel> labels, FieldErrors& e,
                      std::string_view start_field, const std::string& start,
                      std::string_view end_field, const std::optional<std::string>& end) {
    if (!end || e.contains(std::string(start_field)) || e.contains(std::string(end_field))) return;
    auto s = parse_date(start);
    auto t = parse_date(*end);
    if (s && t && *t < *s) {
        const FieldLabel* l = find_label(labels, start_field);
        std::string zh = l ? std::string(l->zh) : std::string(start_field);
        std::string en = l ? std::string(l->en) : std::string(start_field);
        e[std::string(end_field)] =
            field_message(labels, end_field, "不能早于" + zh, "must not be before the " + en);
    }
}

// ---- programs --------------------------------------------------------------------------------

std::span<const FieldLabel> program_labels() {
    return program_fields;
}

json::object to_json(const Program& x) {
    json::object o;
    o["id"] = x.id;
    o["name"] = x.name;
    o["kind"] = x.kind;
    o["region"] = x.region;
    o["region_name"] = x.region_name;
    o["start_date"] = x.start_date;
    o["end_date"] = opt(x.end_date);
    o["goals"] = x.goals;
    o["office"] = x.office;
    o["status"] = x.status;
    o["archived"] = x.archived;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    if (x.pairing_count) o["pairing_count"] = *x.pairing_count;
    if (x.active_pairing_count) o["active_pairing_count"] = *x.active_pairing_count;
    return o;
}

void read_json(Program& x, const json::object& o, FieldErrors& e) {
    FieldReader f(o, program_fields, e, program_read_only);
    f.text("name", x.name);
    f.text("kind", x.kind);
    f.text("region", x.region);
    f.text("start_date", x.start_date);
    f.optional_text("end_date", x.end_date);
    f.text("goals", x.goals);
    f.text("office", x.office);
    f.text("status", x.status);
}

FieldErrors validate(const Program& x) {
    FieldErrors e;
    check_required_text(program_fields, e, "name", x.name, 100);
    check_choice(program_fields, e, "kind", x.kind, dict::program_kind);
    check_required_text(program_fields, e, "region", x.region, 12);
    check_required_date(program_fields, e, "start_date", x.start_date);
    check_optional_date(program_fields, e, "end_date", x.end_date);
    check_date_order(program_fields, e, "start_date", x.start_date, "end_date", x.end_date);
    check_optional_text(program_fields, e, "goals", x.goals, 4000);
    check_optional_text(program_fields, e, "office", x.office, 200);
    check_choice(program_fields, e, "status", x.status, dict::program_status);
    return e;
}

// ---- leading group ---------------------------------------------------------------------------

std::span<const FieldLabel> leading_group_labels() {
    return member_fields;
}

json::object to_json(const LeadingGroupMember& x) {
    json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["role"] = x.role;
    o["staff"] = opt(x.staff);
    o["name"] = x.name;
    o["position"] = x.position;
    o["unit"] = x.unit;
    o["sort_order"] = x.sort_order;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(LeadingGroupMember& x, const json::object& o, FieldErrors& e) {
    FieldReader f(o, member_fields, e, member_read_only);
    f.text("role", x.role);
    f.optional_integer("staff", x.staff);
    f.text("name", x.name);
    f.text("position", x.position);
    f.text("unit", x.unit);
    f.integer("sort_order", x.sort_order);
}

FieldErrors validate(const LeadingGroupMember& x) {
    FieldErrors e;
    check_choice(member_fields, e, "role", x.role, dict::leading_group_role);
    if (x.staff) {
        // The name comes from the staff record; a typed name is checked only for length.
        check_optional_text(member_fields, e, "name", x.name, 50);
    } else if (x.name.empty() && !e.contains("name")) {
        e["name"] = {"请选择教职工或填写姓名", "choose a staff member or type a name"};
    } else {
        check_required_text(member_fields, e, "name", x.name, 50);
    }
    check_optional_text(member_fields, e, "position", x.position, 100);
    check_optional_text(member_fields, e, "unit", x.unit, 100);
    if (!e.contains("sort_order") && (x.sort_order < 0 || x.sort_order > 100000))
        e["sort_order"] = field_message(member_fields, "sort_order", "应在 0 到 100000 之间",
                                        "must be between 0 and 100000");
    return e;
}

// ---- policy documents ------------------------------------------------------------------------

std::span<const FieldLabel> policy_document_labels() {
    return document_fields;
}

json::object to_json(const PolicyDocument& x) {
    json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["title"] = x.title;
    o["doc_number"] = x.doc_number;
    o["issuer"] = x.issuer;
    o["issued_on"] = x.issued_on;
    o["file"] = opt(x.file);
    o["file_info"] = x.file_info;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(PolicyDocument& x, const json::object& o, FieldErrors& e) {
    FieldReader f(o, document_fields, e, document_read_only);
    f.text("title", x.title);
    f.text("doc_number", x.doc_number);
    f.text("issuer", x.issuer);
    f.text("issued_on", x.issued_on);
}

FieldErrors validate(const PolicyDocument& x) {
    FieldErrors e;
    check_required_text(document_fields, e, "title", x.title, 200);
    check_optional_text(document_fields, e, "doc_number", x.doc_number, 100);
    check_optional_text(document_fields, e, "issuer", x.issuer, 100);
    check_required_date(document_fields, e, "issued_on", x.issued_on);
    return e;
}

}  // namespace bangfu::core
