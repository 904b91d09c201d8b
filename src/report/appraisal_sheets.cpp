#include "report/appraisal_sheets.hpp"

#include "core/dictionary.hpp"
#include "core/money.hpp"
#include "core/subsidy.hpp"

namespace bangfu::report {

namespace {
std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}
std::string label(const core::Dictionary& d, const std::optional<std::string>& value,
                  std::string_view lang) {
    return value ? label(d, *value, lang) : "";
}
}  // namespace

Table entitlements_table(const store::subsidies::EntitlementList& list, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"Teacher",
                                             "Sending institution",
                                             "Recipient institution",
                                             "Program",
                                             "Appraisal year",
                                             "Months served",
                                             "Rating",
                                             "Item",
                                             "Amount (yuan)",
                                             "Quantity",
                                             "Total (yuan)",
                                             "Status"}
                  : std::vector<std::string>{"姓名",       "派出单位", "受援单位",   "帮扶项目",
                                             "考核年度",   "任教月数", "考核等次",   "补助项目",
                                             "标准（元）", "数量",     "金额（元）", "发放状态"};
    for (const auto& row : list.rows) {
        const auto& e = row.entitlement;
        for (const auto& line : e.lines)
            t.rows.push_back({row.staff_name, row.sending_name, row.recipient_name,
                              row.program_name, std::to_string(e.year), std::to_string(e.months),
                              label(core::dict::appraisal_rating, e.rating, lang), line.name,
                              core::format_yuan(line.amount_fen), std::to_string(line.quantity),
                              core::format_yuan(line.total_fen),
                              label(core::dict::entitlement_status, line.status, lang)});
    }
    auto total_row = [&](std::string name, std::int64_t fen) {
        std::vector<std::string> row(t.header.size());
        row[0] = std::move(name);
        row[entitlements_total_column] = core::format_yuan(fen);
        t.rows.push_back(std::move(row));
    };
    total_row(en ? "Payable total" : "应发合计", list.payable_fen);
    total_row(en ? "Awaiting appraisal" : "待考核合计", list.pending_fen);
    return t;
}

Table appraisals_table(const std::vector<core::Appraisal>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"Teacher",
                                             "Sending institution",
                                             "Recipient institution",
                                             "Program",
                                             "Year",
                                             "Stage",
                                             "Rating",
                                             "Recipient's comment",
                                             "Sender's opinion",
                                             "Office comment",
                                             "Approved at"}
                  : std::vector<std::string>{"姓名",         "派出单位", "受援单位", "帮扶项目",
                                             "考核年度",     "进度",     "考核等次", "评定意见",
                                             "派出单位意见", "审批意见", "审批时间"};
    for (const auto& x : items)
        t.rows.push_back({x.staff_name, x.sending_name, x.recipient_name, x.program_name,
                          std::to_string(x.year), label(core::dict::appraisal_stage, x.stage, lang),
                          label(core::dict::appraisal_rating, x.rating, lang), x.recipient_comment,
                          x.sender_opinion, x.office_comment,
                          x.stage == "approved" ? x.office_at : ""});
    return t;
}

Table title_evaluation_table(const store::rural_credit::TitleEvaluation& report,
                             std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"Teacher",
                                             "Institution",
                                             "Title",
                                             "Rural / weak-school service (months)",
                                             "Required (months)",
                                             "Result"}
                  : std::vector<std::string>{
                        "姓名", "单位", "职称", "农村/薄弱学校任教（月）", "要求（月）", "结论"};
    auto add = [&](const store::rural_credit::Credit& c, bool meets) {
        t.rows.push_back({c.staff_name, c.institution_name, label(core::dict::title, c.title, lang),
                          std::to_string(c.months), std::to_string(report.threshold_months),
                          meets ? (en ? "Meets the requirement" : "符合")
                                : (en ? "Lacks the service (veto)" : "不符合（一票否决）")});
    };
    for (const auto& c : report.lacking) add(c, false);
    for (const auto& c : report.meeting) add(c, true);
    return t;
}

}  // namespace bangfu::report
