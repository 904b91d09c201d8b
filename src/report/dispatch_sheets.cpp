#include "report/dispatch_sheets.hpp"

#include "core/dictionary.hpp"

namespace bangfu::report {

namespace {
std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}

std::vector<std::string> pick(std::string_view lang, std::vector<std::string> zh,
                              std::vector<std::string> en) {
    return lang == "en" ? en : zh;
}
}  // namespace

Table batches_table(const std::vector<core::Batch>& items, std::string_view lang) {
    Table t;
    t.header =
        pick(lang, {"帮扶项目", "批次名称", "欢送日期", "计划人数", "已派人数", "欢送活动", "备注"},
             {"Program", "Batch", "Send-off date", "Planned", "Sent", "Send-off event", "Note"});
    for (const auto& x : items)
        t.rows.push_back({x.program_name, x.name, x.sendoff_date, std::to_string(x.planned_count),
                          std::to_string(x.assigned_count), x.sendoff_event, x.note});
    return t;
}

Table assignments_table(const std::vector<core::Assignment>& items, std::string_view lang) {
    Table t;
    t.header = pick(
        lang,
        {"支教教师", "派出单位", "受援单位", "帮扶项目", "批次", "开始日期", "结束日期", "任教学科",
         "状态", "受援校周课时", "本校周课时", "住宿安排", "工作职责", "本人自愿", "中止日期",
         "中止原因", "破格选派理由", "备注"},
        {"Staff member", "Sending institution", "Recipient", "Program", "Batch", "Start", "End",
         "Subjects", "Status", "Weekly hours at recipient", "Weekly hours at home", "Housing",
         "Duties", "Volunteered", "Withdrawn on", "Withdrawal reason", "Override reason", "Note"});
    for (const auto& x : items) {
        std::string subjects;
        for (const auto& s : x.subjects)
            subjects += (subjects.empty() ? "" : (lang == "en" ? ", " : "、")) +
                        label(core::dict::subject, s, lang);
        t.rows.push_back(
            {x.staff_name, x.sending_institution_name, x.recipient_institution_name, x.program_name,
             x.batch_name, x.start_date, x.end_date, subjects,
             label(core::dict::assignment_status, x.status, lang),
             std::to_string(x.weekly_hours_recipient), std::to_string(x.weekly_hours_home),
             x.housing, x.duties,
             x.volunteered ? (lang == "en" ? "yes" : "是") : (lang == "en" ? "no" : "否"),
             x.withdrawn_on.value_or(""), x.withdraw_reason, x.override_reason, x.note});
    }
    return t;
}

Table attachment_studies_table(const std::vector<core::AttachmentStudy>& items,
                               std::string_view lang) {
    Table t;
    t.header = pick(lang,
                    {"类型", "人员", "派出（受援）单位", "接收（支援）单位", "人数", "开始日期",
                     "结束日期", "安排", "天数", "帮扶项目", "目的与内容", "成效"},
                    {"Kind", "Staff member", "Home institution", "Host institution", "Headcount",
                     "Start", "End", "Schedule", "Days", "Program", "Purpose", "Outcome"});
    for (const auto& x : items)
        t.rows.push_back({label(core::dict::attachment_kind, x.kind, lang), x.staff_name,
                          x.home_institution_name, x.host_institution_name,
                          std::to_string(x.headcount), x.start_date, x.end_date, x.schedule,
                          std::to_string(x.days), x.program_name, x.purpose, x.outcome});
    return t;
}

Table workload_table(const std::vector<store::dispatch_reports::WorkloadRow>& rows,
                     std::string_view lang) {
    Table t;
    t.header = pick(lang,
                    {"学期", "教师", "派出单位", "受援单位", "支教记录数", "天数", "受援校课时",
                     "本校课时", "合计课时（计入本校工作量）"},
                    {"Term", "Teacher", "Sending institution", "Recipients", "Assignments", "Days",
                     "Hours at recipient", "Hours at home", "Total hours (home workload)"});
    for (const auto& r : rows)
        t.rows.push_back({r.term.label().in(lang), r.staff_name, r.sending_institution_name,
                          r.recipients, std::to_string(r.assignments), std::to_string(r.days),
                          std::to_string(r.recipient_hours), std::to_string(r.home_hours),
                          std::to_string(r.total_hours)});
    return t;
}

Table statistics_table(const store::dispatch_reports::Statistics& s, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = pick(lang, {"分组方式", "分组", "支教人次", "支教教师", "批次"},
                    {"Grouping", "Group", "Person-times", "Teachers", "Batches"});
    auto n = [](std::int64_t v) { return std::to_string(v); };
    const std::string total = en ? "Total" : "合计";
    t.rows.push_back({total, en ? "Batches" : "批次", "", "", n(s.batches)});
    t.rows.push_back({total, en ? "Teachers arranged (planned)" : "安排教师（计划人数）", "",
                      n(s.teachers_arranged), ""});
    t.rows.push_back({total, en ? "Dispatch" : "支教", n(s.person_times), n(s.teachers), ""});
    t.rows.push_back({total, en ? "School years" : "学年",
                      s.school_years ? n(s.school_years) + " (" + s.first_school_year + " ~ " +
                                           s.last_school_year + ")"
                                     : "0",
                      "", ""});
    t.rows.push_back({total, en ? "Withdrawn" : "中止", n(s.withdrawn), "", ""});
    t.rows.push_back({total, en ? "Attachment study (person-times)" : "挂职跟岗人次",
                      n(s.attachment_person_times), "", ""});
    auto group = [&](std::string zh, std::string english,
                     const std::vector<store::dispatch_reports::StatRow>& rows) {
        for (const auto& r : rows)
            t.rows.push_back({en ? english : zh, r.label.in(lang), n(r.person_times), n(r.teachers),
                              n(r.batches)});
    };
    group("按年度", "By year", s.by_year);
    group("按学科", "By subject", s.by_subject);
    group("按派出单位", "By sender", s.by_sender);
    group("按受援单位", "By recipient", s.by_recipient);
    return t;
}

}  // namespace bangfu::report
