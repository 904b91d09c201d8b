#include "core/shared_resource.hpp"

#include <array>

#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"owner_institution", "共享单位", "owner institution"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"title", "标题", "title"},
    FieldLabel{"kind", "资源类型", "kind"},
    FieldLabel{"subject", "学科", "subject"},
    FieldLabel{"stage", "学段", "stage"},
    FieldLabel{"description", "简介", "description"},
    FieldLabel{"file", "文件", "file"},
};

// An optional value from a closed vocabulary: empty, or one of its codes.
void check_optional_choice(FieldErrors& e, std::string_view field, const std::string& value,
                           const Dictionary& d) {
    if (value.empty() || e.contains(std::string(field))) return;
    if (!d.contains(value))
        e[std::string(field)] = field_message(labels, field, "应为：" + d.labels("zh"),
                                              "must be one of " + d.labels("en"));
}
}  // namespace

std::span<const FieldLabel> shared_resource_labels() {
    return labels;
}

boost::json::object to_json(const SharedResource& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["owner_institution"] = x.owner_institution;
    o["owner_institution_name"] = x.owner_institution_name;
    o["pairing"] = x.pairing ? boost::json::value(*x.pairing) : boost::json::value(nullptr);
    o["pairing_label"] = x.pairing_label;
    o["title"] = x.title;
    o["kind"] = x.kind;
    o["subject"] = x.subject;
    o["stage"] = x.stage;
    o["description"] = x.description;
    if (x.file)
        o["file"] = boost::json::object{{"id", *x.file},
                                        {"name", x.file_name},
                                        {"size", x.file_size},
                                        {"content_type", x.file_type}};
    else
        o["file"] = nullptr;
    o["download_count"] = x.download_count;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(SharedResource& x, const boost::json::object& o, FieldErrors& e) {
    // The file is uploaded through its own endpoint and the count is kept by downloads, so a
    // client sending back what it received may include them.
    static constexpr std::array<std::string_view, 7> ignored{"id",
                                                             "owner_institution_name",
                                                             "pairing_label",
                                                             "download_count",
                                                             "file",
                                                             "created_at",
                                                             "updated_at"};
    FieldReader f(o, labels, e, ignored);
    f.integer("owner_institution", x.owner_institution);
    f.optional_integer("pairing", x.pairing);
    f.text("title", x.title);
    f.text("kind", x.kind);
    f.text("subject", x.subject);
    f.text("stage", x.stage);
    f.text("description", x.description);
}

FieldErrors validate(const SharedResource& x) {
    FieldErrors e;
    if (x.owner_institution <= 0)
        e["owner_institution"] =
            field_message(labels, "owner_institution", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0)
        e["pairing"] = field_message(labels, "pairing", "无效", "is not valid");
    check_required_text(labels, e, "title", x.title, 200);
    check_choice(labels, e, "kind", x.kind, dict::resource_kind);
    check_optional_choice(e, "subject", x.subject, dict::subject);
    check_optional_choice(e, "stage", x.stage, dict::stage);
    check_optional_text(labels, e, "description", x.description, 4000);
    return e;
}

}  // namespace bangfu::core
