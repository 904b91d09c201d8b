#include "report/plans_sheets.hpp"

#include "core/dictionary.hpp"
#include "core/task_progress.hpp"

namespace bangfu::report {

namespace {
std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}
std::string id(const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : "";
}
}  // namespace

Table plans_table(const std::vector<core::Plan>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"id",         "program_id",       "program",
                                      "pairing_id", "pairing",          "kind",
                                      "title",      "start date",       "end date",
                                      "approval",   "approval comment", "file",
                                      "content"}
           : std::vector<std::string>{"编号",     "项目编号", "帮扶项目", "结对编号", "结对关系",
                                      "计划类型", "标题",     "开始日期", "结束日期", "审批状态",
                                      "审批意见", "附件",     "内容"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id), std::to_string(x.program), x.program_name,
                          id(x.pairing), x.pairing_label,
                          label(core::dict::plan_kind, x.kind, lang), x.title, x.start_date,
                          x.end_date, label(core::dict::plan_approval, x.approval, lang),
                          x.approval_comment, x.file_name, x.content});
    return t;
}

Table tasks_table_header(std::string_view lang) {
    Table t;
    t.header = lang == "en" ? std::vector<std::string>{"id",
                                                       "plan_id",
                                                       "plan",
                                                       "description",
                                                       "owner institution",
                                                       "owner",
                                                       "period start",
                                                       "due date",
                                                       "metric",
                                                       "activity type",
                                                       "target",
                                                       "done",
                                                       "percent",
                                                       "status"}
                            : std::vector<std::string>{
                                  "编号",   "计划编号", "所属计划",  "任务内容", "责任单位",
                                  "责任人", "起始日期", "完成期限",  "考核指标", "活动类型",
                                  "目标值", "已完成",   "完成率(%)", "状态"};
    return t;
}

std::vector<std::string> task_row(const core::Task& x, std::string_view lang,
                                  const std::string& activity_type_label) {
    return {std::to_string(x.id),
            std::to_string(x.plan),
            x.plan_title,
            x.description,
            x.owner_institution_name,
            x.owner_staff_name,
            x.period_start,
            x.due_date,
            label(core::dict::task_metric, x.metric, lang),
            activity_type_label,
            std::to_string(x.target),
            std::to_string(x.progress.done),
            std::to_string(x.progress.percent),
            label(core::dict::task_status, x.progress.status, lang)};
}

Table non_compliant_table(const std::vector<store::four_haves::PairingCompliance>& items,
                          std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"pairing_id",  "program",
                                      "supporter",   "recipient",
                                      "start date",  "organisation",
                                      "phased plan", "implementation plan",
                                      "inspection",  "what is missing"}
           : std::vector<std::string>{"结对编号", "帮扶项目",   "帮扶方",   "受援方",   "结对日期",
                                      "组织领导", "阶段性计划", "实施方案", "检查督导", "缺少内容"};
    for (const auto& x : items) {
        std::vector<std::string> row{std::to_string(x.pairing), x.program_name, x.supporter_name,
                                     x.recipient_name, x.start_date};
        for (const auto& i : x.result.items)
            row.push_back(en ? (i.ok ? "yes" : "missing") : (i.ok ? "有" : "缺"));
        row.push_back(core::missing_summary(x.result).in(lang));
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace bangfu::report
