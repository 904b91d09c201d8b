#include "core/plan.hpp"

#include <array>

#include "core/date.hpp"
#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"kind", "计划类型", "kind"},
    FieldLabel{"title", "标题", "title"},
    FieldLabel{"content", "内容", "content"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"approval", "审批状态", "approval"},
    FieldLabel{"approval_comment", "审批意见", "approval comment"},
    FieldLabel{"file", "附件", "file"},
};
// Sent back by clients that PATCH what they received; approval changes go through the approval
// endpoint (the store refuses a different value rather than ignoring it).
constexpr std::array<std::string_view, 12> read_only{
    "id",         "program_name",   "pairing_label", "supporter", "supporter_name",
    "recipient",  "recipient_name", "file",          "file_name", "approval_comment",
    "created_at", "updated_at"};

void check_date(FieldErrors& e, std::string_view field, const std::string& value) {
    if (e.contains(std::string(field))) return;
    if (value.empty())
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
    else if (!parse_date(value))
        e[std::string(field)] = field_message(labels, field, "应为有效日期（如 2026-09-01）",
                                              "must be a valid date (e.g. 2026-09-01)");
}

std::string state_zh(std::string_view s) {
    auto* o = dict::plan_approval.find(s);
    return o ? std::string(o->zh) : std::string(s);
}
std::string state_en(std::string_view s) {
    auto* o = dict::plan_approval.find(s);
    return o ? std::string(o->en) : std::string(s);
}
}  // namespace

std::span<const FieldLabel> plan_labels() {
    return labels;
}

boost::json::object to_json(const Plan& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["pairing"] = x.pairing ? boost::json::value(*x.pairing) : boost::json::value(nullptr);
    o["pairing_label"] = x.pairing_label;
    auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? boost::json::value(*v) : boost::json::value(nullptr);
    };
    o["supporter"] = opt(x.supporter);
    o["supporter_name"] = x.supporter_name;
    o["recipient"] = opt(x.recipient);
    o["recipient_name"] = x.recipient_name;
    o["kind"] = x.kind;
    o["title"] = x.title;
    o["content"] = x.content;
    o["file"] = x.file ? boost::json::value(*x.file) : boost::json::value(nullptr);
    o["file_name"] = x.file_name;
    o["start_date"] = x.start_date;
    o["end_date"] = x.end_date;
    o["approval"] = x.approval;
    o["approval_comment"] = x.approval_comment;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Plan& x, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.text("kind", x.kind);
    f.text("title", x.title);
    f.text("content", x.content);
    f.text("start_date", x.start_date);
    f.text("end_date", x.end_date);
    f.text("approval", x.approval);
}

FieldErrors validate(const Plan& x) {
    FieldErrors e;
    if (x.program <= 0) e["program"] = field_message(labels, "program", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0)
        e["pairing"] = field_message(labels, "pairing", "不存在", "does not exist");
    check_choice(labels, e, "kind", x.kind, dict::plan_kind);
    check_required_text(labels, e, "title", x.title, 200);
    check_optional_text(labels, e, "content", x.content, 50000);
    check_date(e, "start_date", x.start_date);
    check_date(e, "end_date", x.end_date);
    if (!e.contains("start_date") && !e.contains("end_date") && x.end_date < x.start_date)
        e["end_date"] = field_message(labels, "end_date", "不能早于开始日期",
                                      "must not be before the start date");
    check_choice(labels, e, "approval", x.approval, dict::plan_approval);
    check_optional_text(labels, e, "approval_comment", x.approval_comment, 1000);
    return e;
}

bool is_phased_plan(std::string_view kind) {
    return kind == "annual" || kind == "semester";
}

bool plan_editable(std::string_view approval) {
    return approval == "draft" || approval == "rejected";
}

ApprovalStep approval_step(std::string_view from, std::string_view to) {
    if (from == "draft" && to == "submitted") return ApprovalStep::by_author;
    if (from == "submitted" && to == "draft") return ApprovalStep::by_author;
    if (from == "rejected" && to == "draft") return ApprovalStep::by_author;
    if (from == "submitted" && (to == "approved" || to == "rejected"))
        return ApprovalStep::by_program;
    if (from == "approved" && to == "draft") return ApprovalStep::by_program;
    return ApprovalStep::not_allowed;
}

Text approval_step_error(std::string_view from, std::string_view to) {
    return {"计划不能从“" + state_zh(from) + "”改为“" + state_zh(to) +
                "”（草稿→已报送→已批准/已退回，退回或已批准的计划可改回草稿）",
            "a plan cannot go from " + state_en(from) + " to " + state_en(to) +
                " (draft → submitted → approved / rejected; rejected or approved back to draft)"};
}

}  // namespace bangfu::core
