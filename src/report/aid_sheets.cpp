#include "report/aid_sheets.hpp"

#include <string>

#include "core/money.hpp"

namespace bangfu::report {

namespace {
std::string cadence_text(const core::AidCase& x, bool en) {
    std::string out;
    for (const auto& c : x.cadences) {
        if (!out.empty()) out += en ? "; " : "；";
        const auto* kind = core::dict::aid_help_kind.find(c.kind);
        const auto* unit = core::dict::aid_cadence_unit.find(c.every_unit);
        std::string k(kind ? (en ? kind->en : kind->zh) : c.kind);
        std::string u(unit ? (en ? unit->en : unit->zh) : c.every_unit);
        out += en ? k + " every " + std::to_string(c.every_count) + " " + u
                  : k + " 每" + std::to_string(c.every_count) + u;
        if (c.overdue)
            out += en ? " (overdue since " + c.due_date + ")" : "（" + c.due_date + " 起逾期）";
    }
    return out;
}

std::string status_text(const core::AidCase& x, bool en) {
    if (x.status == "ended") return en ? "ended" : "已结束";
    if (x.status == "not_started") return en ? "not started" : "未开始";
    if (x.overdue) return en ? "overdue" : "逾期";
    return en ? "active" : "进行中";
}
}  // namespace

std::vector<std::size_t> aid_cases_numeric_columns() {
    return {0, 13};
}

Table aid_cases_table(const std::vector<core::AidCase>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",           "beneficiary",
                                             "institution",  "grade",
                                             "class",        "helper kind",
                                             "helper",       "helper's institution",
                                             "program",      "start date",
                                             "end date",     "goals",
                                             "cadence plan", "records",
                                             "last record",  "next due",
                                             "status"}
                  : std::vector<std::string>{"编号",     "帮扶对象",   "所在单位", "年级",
                                             "班级",     "帮扶人类型", "帮扶人",   "帮扶人单位",
                                             "帮扶项目", "开始日期",   "结束日期", "帮扶目标",
                                             "帮扶频次", "记录数",     "最近帮扶", "下次应帮扶",
                                             "状态"};
    for (const auto& x : items) {
        const auto* hk = core::dict::aid_helper_kind.find(x.helper_kind);
        t.rows.push_back(
            {std::to_string(x.id), x.beneficiary_name, x.beneficiary_institution_name, x.grade,
             x.class_name, hk ? std::string(en ? hk->en : hk->zh) : x.helper_kind, x.helper_name,
             x.helper_institution_name, x.program_name, x.start_date, x.end_date.value_or(""),
             x.goals, cadence_text(x, en), std::to_string(x.record_count), x.last_record_date,
             x.next_due_date, status_text(x, en)});
    }
    return t;
}

std::vector<std::size_t> aid_statistics_numeric_columns() {
    return {2, 3, 4};
}
std::vector<std::size_t> aid_statistics_money_columns() {
    return {5};
}

Table aid_statistics_table(const store::aid::Statistics& s, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"group",         "kind / month",       "records",
                                             "beneficiaries", "duration (minutes)", "amount (yuan)"}
                  : std::vector<std::string>{"分组",       "帮扶方式/月份", "记录数",
                                             "帮扶对象数", "时长（分钟）",  "金额（元）"};
    auto add = [&](const char* zh, const char* en_group,
                   const std::vector<store::aid::StatsRow>& v) {
        for (const auto& r : v)
            t.rows.push_back({en ? en_group : zh, r.label.in(lang), std::to_string(r.records),
                              std::to_string(r.beneficiaries), std::to_string(r.duration_minutes),
                              core::format_yuan(r.amount_fen)});
    };
    add("按帮扶方式", "by kind", s.by_kind);
    add("按月份", "by month", s.by_month);
    auto total = [&](const char* zh, const char* en_label, std::int64_t n) {
        t.rows.push_back(
            {en ? "total" : "合计", en ? en_label : zh, std::to_string(n), "", "", ""});
    };
    total("帮扶关系数", "cases", s.cases);
    total("帮扶对象数", "beneficiaries", s.beneficiaries);
    total("心理辅导人数", "counselled", s.counselled);
    total("学费减免", "tuition exemptions", s.tuition_exemptions);
    total("勤工助学岗位", "work-study places", s.work_study_places);
    total("就业人数", "people employed", s.people_employed);
    total("帮扶记录数", "records", s.records);
    t.rows.push_back({en ? "total" : "合计", en ? "money spent" : "帮扶金额", "", "", "",
                      core::format_yuan(s.amount_fen)});
    return t;
}

}  // namespace bangfu::report
