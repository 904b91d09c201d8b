#include "report/beneficiary_sheets.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <map>

#include "core/money.hpp"
#include "core/text.hpp"
#include "report/xlsx_writer.hpp"
#include "store/institution_repository.hpp"
#include "store/migrations.hpp"

namespace bangfu::report {

namespace {

std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}

std::string labels(const core::Dictionary& d, const std::vector<std::string>& values,
                   std::string_view lang) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : (lang == "en" ? ", " : "、")) + label(d, v, lang);
    return out;
}

// "建档立卡、留守儿童", "registered_poor, left_behind", "因病；因学": codes or labels.
void set_list(const core::Dictionary& d, std::string_view field, std::string_view zh_label,
              std::vector<std::string>& out, const std::string& cell, core::FieldErrors& e) {
    out.clear();
    std::string normalized = cell;
    for (std::string_view sep : {"、", "，", "；", ";", "/", "／"})
        for (auto pos = normalized.find(sep); pos != std::string::npos; pos = normalized.find(sep))
            normalized.replace(pos, sep.size(), ",");
    std::size_t start = 0;
    while (start <= normalized.size()) {
        auto end = normalized.find(',', start);
        if (end == std::string::npos) end = normalized.size();
        std::string item = core::trim(normalized.substr(start, end - start));
        if (!item.empty()) {
            const auto* o = d.find_any(item);
            if (!o) {
                e[std::string(field)] = {
                    std::string(zh_label) + "中有无法识别的“" + item + "”，应为：" + d.labels("zh"),
                    "unknown entry \"" + item + "\" (expected " + d.labels("en") + ")"};
                return;
            }
            out.emplace_back(o->value);
        }
        start = end + 1;
    }
}

void set_choice(const core::Dictionary& d, std::string_view field, std::string_view zh_label,
                std::string& out, const std::string& cell, core::FieldErrors& e) {
    if (cell.empty()) return;
    const auto* o = d.find_any(cell);
    if (!o) {
        e[std::string(field)] = {
            std::string(zh_label) + "“" + cell + "”无法识别，应为：" + d.labels("zh"),
            "\"" + cell + "\" is not one of " + d.labels("en")};
        return;
    }
    out = std::string(o->value);
}

using B = core::Beneficiary;
using E = core::FieldErrors;
struct Column {
    std::string_view field;
    std::string_view zh;
    std::string_view en;
    std::string_view student_example;
    std::string_view household_example;
    // Empty for the institution column, resolved by name or id after the row is read.
    std::function<void(B&, const std::string&, E&)> set;
};

const std::vector<Column>& columns() {
    static const std::vector<Column> cols{
        {"kind", "类别", "kind", "学生", "农户",
         [](B& x, const std::string& c, E& e) {
             if (c.empty()) e["kind"] = {"类别不能为空（学生或农户）", "kind is required"};
             set_choice(core::dict::beneficiary_kind, "kind", "类别", x.kind, c, e);
         }},
        {"name", "姓名", "name", "李小明", "张某某",
         [](B& x, const std::string& c, E&) { x.name = c; }},
        {"gender", "性别", "gender", "男", "男",
         [](B& x, const std::string& c, E& e) {
             set_choice(core::dict::gender, "gender", "性别", x.gender, c, e);
         }},
        {"birth_date", "出生日期", "date of birth", "2012-05-06", "1970-05-01",
         [](B& x, const std::string& c, E&) {
             if (!c.empty()) x.birth_date = c;
         }},
        {"id_number", "身份证号", "ID number", "", "",
         [](B& x, const std::string& c, E& e) {
             // Excel turns an 18-digit number typed into a general cell into 5.10182E+17 and
             // drops the last digits: say so instead of only "wrong check digit".
             if (c.find("E+") != std::string::npos || c.find("e+") != std::string::npos)
                 e["id_number"] = {"身份证号被 Excel 转成了科学计数法（" + c +
                                       "），末尾数字已丢失：请把该列设为“文本”格式后重新输入",
                                   "ID number was turned into a number by Excel (" + c +
                                       ") and lost digits: format the column as text"};
             else
                 x.id_number = core::normalise_id_number(c);
         }},
        {"institution", "所在单位", "institution", "五里镇湾头小学", "五里镇湾头村", nullptr},
        {"grade", "年级", "grade", "五年级", "",
         [](B& x, const std::string& c, E&) { x.grade = c; }},
        {"class_name", "班级", "class", "2 班", "",
         [](B& x, const std::string& c, E&) { x.class_name = c; }},
        {"categories", "帮扶类别", "categories", "建档立卡、留守儿童", "建档立卡",
         [](B& x, const std::string& c, E& e) {
             set_list(core::dict::beneficiary_category, "categories", "帮扶类别", x.categories, c,
                      e);
         }},
        {"guardian_name", "监护人", "guardian", "李某", "",
         [](B& x, const std::string& c, E&) { x.guardian_name = c; }},
        {"guardian_relation", "监护人关系", "guardian's relation", "祖父", "",
         [](B& x, const std::string& c, E&) { x.guardian_relation = c; }},
        {"phone", "联系电话", "phone", "13800005678", "13900001234",
         [](B& x, const std::string& c, E&) { x.phone = c; }},
        {"address", "家庭住址", "address", "五里镇湾头村 3 组", "五里镇湾头村 5 组",
         [](B& x, const std::string& c, E&) { x.address = c; }},
        {"family_situation", "家庭情况", "family situation", "父母外出务工，随祖父母生活",
         "户主患慢性病，子女在读", [](B& x, const std::string& c, E&) { x.family_situation = c; }},
        {"poverty_causes", "致贫原因", "causes of poverty", "", "因病、因学",
         [](B& x, const std::string& c, E& e) {
             set_list(core::dict::poverty_cause, "poverty_causes", "致贫原因", x.poverty_causes, c,
                      e);
         }},
        {"annual_income", "家庭年收入（元）", "annual income (yuan)", "", "12500.50",
         [](B& x, const std::string& c, E& e) {
             if (c.empty()) return;
             core::Text why;
             auto fen = core::parse_yuan(c, &why);
             if (!fen)
                 e["annual_income"] = {"家庭年收入" + why.zh, "annual income " + why.en};
             else
                 x.annual_income_fen = *fen;
         }},
        {"measures", "帮扶措施", "measures taken", "", "落实助学金，介绍务工岗位",
         [](B& x, const std::string& c, E&) { x.measures = c; }},
    };
    return cols;
}

// Columns an export adds that an import of that export may carry back: accepted and ignored.
constexpr std::array<std::string_view, 8> ignored_headers{
    "编号", "id", "所在单位编号", "institution_id", "已归档", "archived", "更新时间", "updated_at"};

void add_field_errors(std::vector<RowError>& out, std::size_t row, const core::FieldErrors& e) {
    for (const auto& [field, msg] : e) out.push_back({row, field, msg});
}

}  // namespace

Table beneficiaries_table(const std::vector<core::Beneficiary>& items, bool mask_personal,
                          std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header.emplace_back(en ? "id" : "编号");
    for (const auto& c : columns()) {
        if (c.field == "institution") t.header.emplace_back(en ? "institution_id" : "所在单位编号");
        t.header.emplace_back(en ? c.en : c.zh);
    }
    for (const auto& x : items)
        t.rows.push_back(
            {std::to_string(x.id), label(core::dict::beneficiary_kind, x.kind, lang), x.name,
             label(core::dict::gender, x.gender, lang), x.birth_date.value_or(""),
             mask_personal ? core::mask_id_number(x.id_number) : x.id_number,
             std::to_string(x.institution), x.institution_name, x.grade, x.class_name,
             labels(core::dict::beneficiary_category, x.categories, lang), x.guardian_name,
             x.guardian_relation, mask_personal ? core::mask_phone(x.phone) : x.phone,
             mask_personal ? core::mask_text(x.address) : x.address,
             mask_personal ? core::mask_text(x.family_situation) : x.family_situation,
             labels(core::dict::poverty_cause, x.poverty_causes, lang),
             x.annual_income_fen ? core::format_yuan(*x.annual_income_fen) : "", x.measures});
    return t;
}

Table inbound_cohorts_table(const std::vector<core::InboundCohort>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",
                                             "program",
                                             "host institution",
                                             "region of origin",
                                             "school year",
                                             "stage",
                                             "grade",
                                             "major",
                                             "students",
                                             "fee exemption per student (yuan)",
                                             "note"}
                  : std::vector<std::string>{
                        "编号", "帮扶项目", "就读学校", "生源地区", "学年",
                        "学段", "年级",     "专业",     "学生人数", "每生每年免除费用（元）",
                        "备注"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id), x.program_name, x.host_name, x.origin_region_name,
                          std::to_string(x.school_year), label(core::dict::stage, x.stage, lang),
                          x.grade, x.major, std::to_string(x.student_count),
                          core::format_yuan(x.fee_exemption_fen), x.note});
    return t;
}

Table beneficiary_stats_table(const store::beneficiaries::Stats& s, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"group", "item", "students", "households", "total"}
                  : std::vector<std::string>{"分组", "项目", "学生", "农户", "合计"};
    auto row = [&](std::string group, std::string item, std::int64_t st, std::int64_t hh) {
        t.rows.push_back({std::move(group), std::move(item), std::to_string(st), std::to_string(hh),
                          std::to_string(st + hh)});
    };
    row(en ? "all" : "全部", en ? "beneficiaries" : "帮扶对象", s.students, s.households);
    for (const auto& c : s.by_category)
        row(en ? "category" : "帮扶类别", label(core::dict::beneficiary_category, c.value, lang),
            c.students, c.households);
    for (const auto& c : s.by_poverty_cause)
        row(en ? "cause of poverty" : "致贫原因", label(core::dict::poverty_cause, c.value, lang),
            c.students, c.households);
    for (const auto& i : s.by_institution)
        row(en ? "institution" : "单位", i.name, i.students, i.households);
    return t;
}

std::string beneficiary_import_template() {
    Table t;
    std::vector<std::string> student, household;
    for (const auto& c : columns()) {
        t.header.emplace_back(c.zh);
        student.emplace_back(c.student_example);
        household.emplace_back(c.household_example);
    }
    t.rows = {student, household};
    XlsxOptions o;
    o.sheet_name = "帮扶对象";
    o.instructions = {
        "帮扶对象导入模板：每行一名学生或一户农户，第 1 行为列名，请勿修改列名。示例行请删除或改为"
        "真实数据。",
        "必填：类别（学生或农户）、姓名、所在单位（填单位全称或单位编号）；学生还须填性别。",
        "学生的所在单位为学校或幼儿园，农户的所在单位为村（单位类型“村”）。",
        "身份证号：18 位，按 GB 11643 核对校验位；其中的出生日期须与“出生日期”列一致（出生日期可"
        "不填，自动取自身份证号）。请先把该列设为“文本”格式，否则 Excel 会把号码变成科学计数法并丢"
        "失末尾数字。",
        "出生日期：格式 YYYY-MM-DD，例如 2012-05-06。",
        "帮扶类别：可填多个，用“、”分隔：" + core::dict::beneficiary_category.labels("zh"),
        "致贫原因（农户）：可填多个，用“、”分隔：" + core::dict::poverty_cause.labels("zh"),
        "家庭年收入：以元为单位，最多两位小数，例如 12500.50。",
        "家庭成员请在导入后于网页中逐户填写。",
        "导入方式：“全部成功才导入”时任何一行有错则全部不导入；“只导入正确的行”时正确的行导入，"
        "错误的行列出原因。"};
    return write_xlsx(t, o);
}

ImportResult import_beneficiaries(store::Connection& c, const core::Actor& a, const Table& table,
                                  ImportMode mode) {
    ImportResult result;
    result.total = table.rows.size();
    store::Transaction tx(c, store::Transaction::write);
    const auto& cols = columns();
    // Map each column of the file to a known field; unknown columns are reported, not dropped.
    std::vector<const Column*> mapping(table.header.size(), nullptr);
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string h = core::trim(table.header[i]);
        if (h.empty()) continue;
        for (const auto& col : cols)
            if (h == col.zh || core::iequals_ascii(h, col.en) || core::iequals_ascii(h, col.field))
                mapping[i] = &col;
        bool ignored = false;
        for (auto name : ignored_headers) ignored = ignored || core::iequals_ascii(h, name);
        if (!mapping[i] && !ignored)
            result.errors.push_back({1,
                                     h,
                                     {"无法识别的列“" + h + "”，请使用模板中的列名",
                                      "unknown column \"" + h + "\"; use the template's headers"}});
    }
    for (const auto& col : cols) {
        bool present = false;
        for (const auto* m : mapping) present = present || m == &col;
        if (!present && (col.field == "kind" || col.field == "name" || col.field == "institution"))
            result.errors.push_back({1,
                                     std::string(col.field),
                                     {"缺少必需的列“" + std::string(col.zh) + "”",
                                      "missing required column \"" + std::string(col.en) + "\""}});
    }
    if (!result.errors.empty()) {
        result.imported = 0;
        return result;  // a wrong header makes every row suspect
    }
    // A sheet names the same few schools on thousands of rows: each name is looked up once.
    std::map<std::string, std::int64_t> institution_ids;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto& cells = table.rows[i];
        std::size_t row_no = i + 2;
        bool blank = true;
        for (const auto& cell : cells) blank = blank && core::trim(cell).empty();
        if (blank) {
            --result.total;
            continue;
        }
        core::Beneficiary x;
        x.kind.clear();
        core::FieldErrors e;
        std::string institution_cell;
        for (std::size_t col = 0; col < mapping.size() && col < cells.size(); ++col) {
            if (!mapping[col]) continue;
            std::string cell = core::trim(cells[col]);
            if (mapping[col]->set)
                mapping[col]->set(x, cell, e);
            else
                institution_cell = cell;
        }
        if (institution_cell.empty()) {
            e["institution"] = {"所在单位不能为空", "institution is required"};
        } else {
            std::int64_t id = 0;
            auto [p, ec] = std::from_chars(institution_cell.data(),
                                           institution_cell.data() + institution_cell.size(), id);
            if (ec == std::errc() && p == institution_cell.data() + institution_cell.size())
                x.institution = id;
            else if (auto found = institution_ids.find(institution_cell);
                     found != institution_ids.end())
                x.institution = found->second;
            else if (auto id_by_name = store::institutions::find_id_by_name(c, a, institution_cell))
                x.institution = institution_ids[institution_cell] = *id_by_name;
            else
                e["institution"] = {
                    "找不到您管辖范围内名为“" + institution_cell + "”的单位",
                    "no institution named \"" + institution_cell + "\" in your scope"};
        }
        // Each row runs in a savepoint, so a failed row leaves nothing behind (PostgreSQL would
        // otherwise abort the whole transaction at the first error).
        c.execute_script("SAVEPOINT import_row");
        try {
            store::beneficiaries::create(c, a, x, e, true);
            c.execute_script("RELEASE SAVEPOINT import_row");
            ++result.imported;
        } catch (const core::Error& err) {
            c.execute_script("ROLLBACK TO SAVEPOINT import_row");
            c.execute_script("RELEASE SAVEPOINT import_row");
            if (err.fields().empty())
                result.errors.push_back({row_no, "", err.message()});
            else
                add_field_errors(result.errors, row_no, err.fields());
        }
    }
    if (mode == ImportMode::all_or_nothing && !result.errors.empty()) {
        result.imported = 0;
        return result;  // the transaction rolls back
    }
    tx.commit();
    if (result.imported >= store::statistics_after_import_rows)
        store::refresh_statistics(c, {"beneficiaries"});
    return result;
}

}  // namespace bangfu::report
