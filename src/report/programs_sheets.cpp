#include "report/programs_sheets.hpp"

#include "core/dictionary.hpp"

namespace bangfu::report {

namespace {
std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}
}  // namespace

Table programs_table(const std::vector<core::Program>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",          "name",       "kind",     "region",
                                             "region_name", "start date", "end date", "status",
                                             "office",      "goals",      "archived"}
                  : std::vector<std::string>{"编号",     "项目名称", "项目类型", "主管区划代码",
                                             "主管区划", "开始日期", "结束日期", "状态",
                                             "办公室",   "工作目标", "已归档"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id), x.name,
                          label(core::dict::program_kind, x.kind, lang), x.region, x.region_name,
                          x.start_date, x.end_date.value_or(""),
                          label(core::dict::program_status, x.status, lang), x.office, x.goals,
                          en ? (x.archived ? "yes" : "no") : (x.archived ? "是" : "否")});
    return t;
}

Table inspections_table(const std::vector<core::Inspection>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"id",         "date",      "program_id", "program",
                                      "pairing_id", "pairing",   "inspectors", "checked",
                                      "findings",   "follow-ups"}
           : std::vector<std::string>{"编号",     "检查日期", "项目编号", "帮扶项目", "结对编号",
                                      "结对关系", "检查人员", "检查内容", "发现问题", "整改跟进"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id), x.inspected_on, std::to_string(x.program),
                          x.program_name, x.pairing ? std::to_string(*x.pairing) : "",
                          x.pairing_label, x.inspectors, x.checked, x.findings, x.follow_ups});
    return t;
}

Table leading_group_table(const std::vector<core::LeadingGroupMember>& items,
                          std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"role", "name", "position", "unit", "staff id"}
                  : std::vector<std::string>{"职务类别", "姓名", "职务", "单位", "教职工编号"};
    for (const auto& x : items)
        t.rows.push_back({label(core::dict::leading_group_role, x.role, lang), x.name, x.position,
                          x.unit, x.staff ? std::to_string(*x.staff) : ""});
    return t;
}

Table policy_documents_table(const std::vector<core::PolicyDocument>& items,
                             std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"id",     "title",       "document number",
                                      "issuer", "date issued", "file"}
           : std::vector<std::string>{"编号", "文件标题", "文号", "发文单位", "发文日期", "附件"};
    for (const auto& x : items) {
        std::string file;
        if (x.file_info.is_object())
            if (const auto* n = x.file_info.as_object().if_contains("name"); n && n->is_string())
                file = std::string(n->get_string());
        t.rows.push_back(
            {std::to_string(x.id), x.title, x.doc_number, x.issuer, x.issued_on, file});
    }
    return t;
}

}  // namespace bangfu::report
