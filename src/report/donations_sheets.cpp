#include "report/donations_sheets.hpp"

#include "core/dictionary.hpp"
#include "core/money.hpp"
#include "store/dictionary_repository.hpp"

namespace bangfu::report {

namespace {
std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}
}  // namespace

Table donations_table(store::Connection& c, const std::vector<core::Donation>& items,
                      std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"Date",       "Program", "Pairing",       "Kind",
                                             "Donor kind", "Donor",   "Recipient",     "Category",
                                             "Quantity",   "Unit",    "Amount (yuan)", "Purpose",
                                             "Note"}
                  : std::vector<std::string>{"捐赠日期",   "帮扶项目", "结对关系",   "捐赠类型",
                                             "捐赠方类型", "捐赠方",   "受赠单位",   "物资类别",
                                             "数量",       "单位",     "金额（元）", "用途",
                                             "备注"};
    auto categories = store::dictionaries::entries(c, "material_category");
    auto category_label = [&](const std::optional<std::string>& code) -> std::string {
        if (!code) return "";
        for (const auto& e : categories)
            if (e.value == *code) return en ? e.en : e.zh;
        return *code;
    };
    std::int64_t funds = 0, materials = 0;
    for (const auto& x : items) {
        (x.kind == "funds" ? funds : materials) += x.amount_fen;
        t.rows.push_back({x.donated_on, x.program_name, x.pairing_label,
                          label(core::dict::donation_kind, x.kind, lang),
                          label(core::dict::donor_kind, x.donor_kind, lang), core::donor_display(x),
                          x.recipient_institution_name, category_label(x.category),
                          x.quantity ? std::to_string(*x.quantity) : "", x.unit,
                          core::format_yuan(x.amount_fen), x.purpose, x.note});
    }
    // Totals as the seeds report them: funds, materials (valued), and both; summed in fen.
    auto total_row = [&](std::string name, std::int64_t fen) {
        std::vector<std::string> row(t.header.size());
        row[0] = std::move(name);
        row[donations_money_column] = core::format_yuan(fen);
        t.rows.push_back(std::move(row));
    };
    total_row(en ? "Funds total" : "资金合计", funds);
    total_row(en ? "Materials total (valued)" : "物资合计（折价）", materials);
    total_row(en ? "Total" : "总计", funds + materials);
    return t;
}

Table resources_table(const std::vector<core::SharedResource>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header =
        en ? std::vector<std::string>{"Title",   "Kind", "Subject",   "Stage",      "Shared by",
                                      "Pairing", "File", "Downloads", "Description"}
           : std::vector<std::string>{"标题",     "资源类型", "学科",     "学段", "共享单位",
                                      "结对关系", "文件",     "下载次数", "简介"};
    for (const auto& x : items)
        t.rows.push_back({x.title, label(core::dict::resource_kind, x.kind, lang),
                          x.subject.empty() ? "" : label(core::dict::subject, x.subject, lang),
                          x.stage.empty() ? "" : label(core::dict::stage, x.stage, lang),
                          x.owner_institution_name, x.pairing_label, x.file_name,
                          std::to_string(x.download_count), x.description});
    return t;
}

}  // namespace bangfu::report
