#include "report/pairings_sheets.hpp"

#include "core/dictionary.hpp"

namespace bangfu::report {

Table pairings_table(const std::vector<core::Pairing>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"id",         "program",
                                      "supporter",  "supporter region",
                                      "recipient",  "recipient region",
                                      "dimensions", "start date",
                                      "end date",   "status",
                                      "agreement",  "note"}
           : std::vector<std::string>{"编号",     "帮扶项目",       "支援方",   "支援方所在区划",
                                      "受援方",   "受援方所在区划", "帮扶内容", "开始日期",
                                      "结束日期", "状态",           "协议名称", "备注"};
    for (const auto& x : items) {
        std::string dims;
        for (std::size_t i = 0; i < x.dimensions.size(); ++i) {
            const auto& label =
                i < x.dimension_labels.size() ? x.dimension_labels[i].in(lang) : x.dimensions[i];
            dims += (i == 0 ? "" : en ? ", " : "、") + label;
        }
        const auto* status = core::dict::pairing_status.find(x.status);
        t.rows.push_back({std::to_string(x.id), x.program_name, x.supporter_name,
                          x.supporter_region_name, x.recipient_name, x.recipient_region_name, dims,
                          x.start_date, x.end_date.value_or(""),
                          status ? std::string(en ? status->en : status->zh) : x.status,
                          x.agreement_title, x.note});
    }
    return t;
}

}  // namespace bangfu::report
