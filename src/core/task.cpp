#include "core/task.hpp"

#include <array>

#include "core/date.hpp"
#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"description", "任务内容", "description"},
    FieldLabel{"owner_institution", "责任单位", "owner institution"},
    FieldLabel{"owner_staff", "责任人", "owner"},
    FieldLabel{"period_start", "起始日期", "period start"},
    FieldLabel{"due_date", "完成期限", "due date"},
    FieldLabel{"metric", "考核指标", "metric"},
    FieldLabel{"activity_type", "活动类型", "activity type"},
    FieldLabel{"target", "目标值", "target"},
};
constexpr std::array<std::string_view, 11> read_only{"id",
                                                     "plan",
                                                     "owner_institution_name",
                                                     "owner_staff_name",
                                                     "created_at",
                                                     "updated_at",
                                                     "plan_title",
                                                     "program",
                                                     "pairing",
                                                     "progress",
                                                     "plan_approval"};

void check_date(FieldErrors& e, std::string_view field, const std::string& value) {
    if (e.contains(std::string(field))) return;
    if (value.empty())
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
    else if (!parse_date(value))
        e[std::string(field)] = field_message(labels, field, "应为有效日期（如 2026-09-01）",
                                              "must be a valid date (e.g. 2026-09-01)");
}

boost::json::value opt(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
}  // namespace

std::span<const FieldLabel> task_labels() {
    return labels;
}

TaskTarget task_target(const Task& x) {
    return {x.metric, x.activity_type, x.period_start, x.due_date, x.target};
}

boost::json::object to_json(const Task& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["plan"] = x.plan;
    o["plan_title"] = x.plan_title;
    o["program"] = x.program;
    o["pairing"] = opt(x.pairing);
    o["description"] = x.description;
    o["owner_institution"] = opt(x.owner_institution);
    o["owner_institution_name"] = x.owner_institution_name;
    o["owner_staff"] = opt(x.owner_staff);
    o["owner_staff_name"] = x.owner_staff_name;
    o["period_start"] = x.period_start;
    o["due_date"] = x.due_date;
    o["metric"] = x.metric;
    o["activity_type"] =
        x.activity_type ? boost::json::value(*x.activity_type) : boost::json::value(nullptr);
    o["target"] = x.target;
    o["progress"] = boost::json::object{{"done", x.progress.done},
                                        {"target", x.progress.target},
                                        {"percent", x.progress.percent},
                                        {"status", x.progress.status}};
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Task& x, const boost::json::object& o, FieldErrors& e) {
    FieldReader f(o, labels, e, read_only);
    f.text("description", x.description);
    f.optional_integer("owner_institution", x.owner_institution);
    f.optional_integer("owner_staff", x.owner_staff);
    f.text("period_start", x.period_start);
    f.text("due_date", x.due_date);
    f.text("metric", x.metric);
    f.optional_text("activity_type", x.activity_type);
    f.integer("target", x.target);
}

FieldErrors validate(const Task& x) {
    FieldErrors e;
    check_required_text(labels, e, "description", x.description, 500);
    if (!x.owner_institution && !x.owner_staff && !e.contains("owner_institution") &&
        !e.contains("owner_staff"))
        e["owner_institution"] = {"请填写责任单位或责任人（至少一项）",
                                  "give the owner institution or the owner (at least one)"};
    check_date(e, "period_start", x.period_start);
    check_date(e, "due_date", x.due_date);
    if (!e.contains("period_start") && !e.contains("due_date") && x.due_date < x.period_start)
        e["due_date"] = field_message(labels, "due_date", "不能早于起始日期",
                                      "must not be before the period start");
    check_choice(labels, e, "metric", x.metric, dict::task_metric);
    if (!e.contains("target")) {
        if (x.target < 1)
            e["target"] = field_message(labels, "target", "至少为 1", "must be at least 1");
        else if (x.target > 1'000'000)
            e["target"] =
                field_message(labels, "target", "不能超过 1000000", "must be at most 1000000");
    }
    return e;
}

}  // namespace bangfu::core
