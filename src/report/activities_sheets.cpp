#include "report/activities_sheets.hpp"

#include <string>

#include "core/dictionary.hpp"

namespace bangfu::report {

namespace {
std::string subject_label(const std::string& code, std::string_view lang) {
    const auto* o = code.empty() ? nullptr : core::dict::subject.find(code);
    if (!o) return code;
    return std::string(lang == "en" ? o->en : o->zh);
}

std::string participants(const core::Activity& x, bool en) {
    std::string out;
    for (const auto& p : x.participants) {
        if (!out.empty()) out += en ? ", " : "、";
        out += p.name;
        // The role is kept (in brackets) so nothing recorded is lost in the sheet.
        if (!p.role.empty()) out += en ? " (" + p.role + ")" : "（" + p.role + "）";
    }
    return out;
}
}  // namespace

std::vector<std::size_t> activities_numeric_columns() {
    return {0, 11, 12, 13, 14, 15, 16, 20};
}

Table activities_table(const std::vector<core::Activity>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",
                                             "program",
                                             "pairing",
                                             "activity type",
                                             "start date",
                                             "end date",
                                             "host institution",
                                             "visiting institution",
                                             "subject",
                                             "topic",
                                             "teacher",
                                             "audience size",
                                             "leaders",
                                             "teachers",
                                             "students",
                                             "medical staff",
                                             "person-times",
                                             "participants",
                                             "content",
                                             "outcome",
                                             "attachments"}
                  : std::vector<std::string>{
                        "编号",     "帮扶项目", "结对关系", "活动类型",     "开始日期", "结束日期",
                        "承办单位", "来访单位", "学科",     "主题/课题",    "授课教师", "听课人数",
                        "领导人数", "教师人数", "学生人数", "医务人员人数", "合计人次", "参加人员",
                        "活动内容", "活动成效", "附件数"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id),
                          x.program_name,
                          x.pairing_label,
                          x.type_label.in(lang),
                          x.start_date,
                          x.end_date,
                          x.host_name,
                          x.visiting_name,
                          subject_label(x.subject, lang),
                          x.topic,
                          x.teacher_name,
                          std::to_string(x.audience_size),
                          std::to_string(x.leaders_count),
                          std::to_string(x.teachers_count),
                          std::to_string(x.students_count),
                          std::to_string(x.medical_count),
                          std::to_string(core::person_times(x)),
                          participants(x, en),
                          x.content,
                          x.outcome,
                          std::to_string(x.attachment_count)});
    return t;
}

}  // namespace bangfu::report
