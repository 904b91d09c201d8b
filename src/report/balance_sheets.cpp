#include "report/balance_sheets.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include "core/money.hpp"
#include "core/text.hpp"
#include "report/number.hpp"
#include "report/xlsx_writer.hpp"
#include "store/institution_repository.hpp"

namespace bangfu::report {

namespace bal = core::balance;

namespace {

enum class Cell { count, students, area, money, name, id, year };

struct Column {
    std::string_view field;  // the core's field (errors are keyed by it)
    std::string_view zh;
    std::string_view en;
    std::string_view example;
    Cell cell;
    std::int64_t bal::SchoolConditions::*member = nullptr;
};

using C = bal::SchoolConditions;
const std::array<Column, 12> columns{{
    {"institution_name", "单位名称", "institution name", "五里镇湾头小学", Cell::name},
    {"institution_id", "单位编号", "institution id", "", Cell::id},
    {"school_year", "学年", "school year", "2025-2026", Cell::year},
    {"primary_students", "小学在校生数", "primary students", "186", Cell::students,
     &C::primary_students},
    {"junior_students", "初中在校生数", "junior students", "0", Cell::students,
     &C::junior_students},
    {"degree_teachers", "高于规定学历教师数", "teachers above the required degree", "9",
     Cell::count, &C::degree_teachers},
    {"backbone_teachers", "县级及以上骨干教师数", "backbone teachers", "2", Cell::count,
     &C::backbone_teachers},
    {"pe_arts_teachers", "体育艺术专任教师数", "PE and arts teachers", "2", Cell::count,
     &C::pe_arts_teachers},
    {"room_area_m2", "教学及辅助用房面积（平方米）", "teaching and auxiliary room area (m2)",
     "980.5", Cell::area, &C::room_area_centi},
    {"sports_area_m2", "体育运动场馆面积（平方米）", "sports ground area (m2)", "2400", Cell::area,
     &C::sports_area_centi},
    {"equipment_value_fen", "教学仪器设备值（元）", "teaching equipment value (yuan)", "420000.00",
     Cell::money, &C::equipment_fen},
    {"multimedia_rooms", "网络多媒体教室数", "network multimedia classrooms", "6", Cell::count,
     &C::multimedia_rooms},
}};

// Other spellings a user may type (the labels of the web form).
const Column* find_column(const std::string& header) {
    for (const auto& c : columns)
        if (header == c.zh || core::iequals_ascii(header, c.en) ||
            core::iequals_ascii(header, c.field))
            return &c;
    static const std::array<std::pair<std::string_view, std::string_view>, 4> aliases{{
        {"学校名称", "institution_name"},
        {"单位", "institution_name"},
        {"体育、艺术（美术、音乐）专任教师数", "pe_arts_teachers"},
        {"教学仪器设备值", "equipment_value_fen"},  // the web form's label: also in yuan
    }};
    for (const auto& [alias, field] : aliases)
        if (header == alias)
            for (const auto& c : columns)
                if (c.field == field) return &c;
    return nullptr;
}

core::Text problem(const Column& c, std::string_view zh, std::string_view en) {
    return {std::string(c.zh) + std::string(zh), std::string(c.en) + " " + std::string(en)};
}

bool is_integer_text(const std::string& cell, std::int64_t& out) {
    auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
    return ec == std::errc() && p == cell.data() + cell.size();
}

void read_cell(const Column& col, const std::string& cell, ConditionsSheetRow& row,
               core::FieldErrors& e) {
    std::string field(col.field);
    switch (col.cell) {
        case Cell::name:
            row.institution_name = cell;
            return;
        case Cell::id:
            row.institution_id = cell;
            return;
        case Cell::year:
            if (cell.empty()) return;
            if (auto y = bal::parse_school_year(cell))
                row.conditions.school_year = *y;
            else
                e[field] = problem(col, "应为相连的两个年份，如 2025-2026，而不是“" + cell + "”",
                                   "must be a school year such as 2025-2026");
            return;
        case Cell::students:
        case Cell::count: {
            if (cell.empty()) {
                // A primary school has no junior students and the reverse: an empty student
                // count is 0 (validation still refuses a school without any).
                if (col.cell == Cell::count) e[field] = problem(col, "不能为空", "is required");
                return;
            }
            std::int64_t v = 0;
            if (!is_integer_text(cell, v))
                e[field] = problem(col, "应为整数，而不是“" + cell + "”", "must be a whole number");
            else if (v < 0)
                e[field] = problem(col, "不能为负数", "must not be negative");
            else
                row.conditions.*col.member = v;
            return;
        }
        case Cell::area:
        case Cell::money: {
            if (cell.empty()) {
                e[field] = problem(col, "不能为空", "is required");
                return;
            }
            if (cell.starts_with("-") && parse_number(cell)) {
                e[field] = problem(col, "不能为负数", "must not be negative");
                return;
            }
            core::Text why;
            auto v = col.cell == Cell::area ? bal::parse_area(cell) : core::parse_yuan(cell, &why);
            if (v) {
                row.conditions.*col.member = *v;
                return;
            }
            auto dot = cell.find('.');
            bool digits_only = parse_number(cell).has_value();
            if (digits_only && dot != std::string::npos && cell.size() - dot - 1 > 2)
                e[field] = problem(col, "最多保留两位小数，而不是“" + cell + "”",
                                   "must have at most two decimals");
            else if (digits_only)
                e[field] = problem(col, "过大", "is too large");
            else
                e[field] = problem(col, "应为数字（最多两位小数），而不是“" + cell + "”",
                                   "must be a number with at most two decimals");
            return;
        }
    }
}

std::string fixed(double x, int decimals) {
    double scale = std::pow(10.0, decimals);
    return format_number(std::round(x * scale) / scale);
}

std::string joined_labels(const std::vector<bal::Indicator>& list, std::string_view lang) {
    std::string out;
    for (auto i : list)
        out += (out.empty() ? "" : (lang == "en" ? "; " : "、")) + bal::indicator_label(i).in(lang);
    return out;
}

}  // namespace

const std::vector<std::string>& balance_conditions_header() {
    static const std::vector<std::string> header = [] {
        std::vector<std::string> h;
        for (const auto& c : columns) h.emplace_back(c.zh);
        return h;
    }();
    return header;
}

ConditionsSheet parse_balance_conditions(const Table& table,
                                         std::optional<std::int64_t> default_year) {
    ConditionsSheet out;
    std::vector<const Column*> mapping(table.header.size(), nullptr);
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string h = core::trim(table.header[i]);
        if (h.empty()) continue;
        mapping[i] = find_column(h);
        if (!mapping[i])
            out.header_errors.push_back(
                {1,
                 h,
                 {"无法识别的列“" + h + "”，请使用模板中的列名",
                  "unknown column \"" + h + "\"; use the template's headers"}});
    }
    auto present = [&](std::string_view field) {
        for (const auto* m : mapping)
            if (m && m->field == field) return true;
        return false;
    };
    if (!present("institution_name") && !present("institution_id"))
        out.header_errors.push_back(
            {1,
             "institution",
             {"缺少“单位名称”或“单位编号”列",
              "missing column \"institution name\" or \"institution id\""}});
    for (const auto& c : columns) {
        if (c.cell == Cell::name || c.cell == Cell::id || c.cell == Cell::year) continue;
        if (!present(c.field))
            out.header_errors.push_back(
                {1,
                 std::string(c.field),
                 {"缺少必需的列“" + std::string(c.zh) + "”",
                  "missing required column \"" + std::string(c.en) + "\""}});
    }
    if (!present("school_year") && !default_year)
        out.header_errors.push_back(
            {1,
             "school_year",
             {"缺少“学年”列：请在表中填写学年，或在导入时指定默认学年",
              "missing column \"school year\": fill it in, or give a default school year"}});
    if (!out.header_errors.empty()) return out;  // a wrong header makes every row suspect

    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto& cells = table.rows[i];
        bool blank = true;
        for (const auto& cell : cells) blank = blank && core::trim(cell).empty();
        if (blank) continue;
        ConditionsSheetRow row;
        row.row = i + 2;
        for (std::size_t col = 0; col < mapping.size() && col < cells.size(); ++col)
            if (mapping[col]) read_cell(*mapping[col], core::trim(cells[col]), row, row.errors);
        if (row.conditions.school_year == 0 && !row.errors.contains("school_year")) {
            if (default_year)
                row.conditions.school_year = *default_year;
            else
                row.errors["school_year"] = {"学年不能为空", "school year is required"};
        }
        if (row.institution_id.empty() && row.institution_name.empty())
            row.errors["institution"] = {"请填写单位名称或单位编号",
                                         "give the institution's name or id"};
        out.rows.push_back(std::move(row));
    }
    return out;
}

std::string balance_conditions_template() {
    Table t;
    t.header = balance_conditions_header();
    std::vector<std::string> example;
    for (const auto& c : columns) example.emplace_back(c.example);
    t.rows.push_back(example);
    XlsxOptions o;
    o.sheet_name = "办学条件";
    o.instructions = {
        "义务教育优质均衡办学条件导入模板：每行一所学校一个学年，第 1 行为列名，请勿修改列名。"
        "示例行请删除或改为真实数据。",
        "单位：填“单位名称”（全称，须在您的管辖范围内）或“单位编号”，二者填一即可；都填时以单位编号"
        "为准。",
        "学年：如 "
        "2025-2026；不填时使用导入时指定的默认学年。同一单位同一学年再次导入时覆盖原数据。",
        "参与评估的学校：小学、初中、九年一贯制学校、完全中学（初中部）。小学的初中在校生数填 0 "
        "或留空，"
        "初中的小学在校生数填 0 或留空。",
        "人数、间数：填整数，不能为负数。",
        "面积：单位平方米，最多两位小数，例如 980.5。",
        "教学仪器设备值：单位元（不是万元），最多两位小数，例如 420000.00。",
        "体育艺术专任教师：体育、音乐、美术专任教师；骨干教师：县级及以上骨干教师。",
        "导入方式：“全部成功才导入”时任何一行有错则全部不导入；“只导入正确的行”时正确的行导入，"
        "错误的行列出原因。"};
    return write_xlsx(t, o);
}

Table balance_conditions_table(const std::vector<store::balance::ConditionsRow>& rows) {
    Table t;
    t.header = balance_conditions_header();
    for (const auto& r : rows) {
        const auto& x = r.conditions;
        t.rows.push_back({r.name, std::to_string(r.institution),
                          bal::format_school_year(x.school_year),
                          std::to_string(x.primary_students), std::to_string(x.junior_students),
                          std::to_string(x.degree_teachers), std::to_string(x.backbone_teachers),
                          std::to_string(x.pe_arts_teachers), bal::format_area(x.room_area_centi),
                          bal::format_area(x.sports_area_centi), core::format_yuan(x.equipment_fen),
                          std::to_string(x.multimedia_rooms)});
    }
    return t;
}

ImportResult import_balance_conditions(store::Connection& c, const core::Actor& a,
                                       const Table& table, ImportMode mode,
                                       std::optional<std::int64_t> default_year) {
    ImportResult result;
    auto sheet = parse_balance_conditions(table, default_year);
    if (!sheet.header_errors.empty()) {
        result.total = table.rows.size();
        result.errors = std::move(sheet.header_errors);
        return result;
    }
    result.total = sheet.rows.size();
    store::Transaction tx(c, store::Transaction::write);
    std::map<std::string, std::int64_t> ids_by_name;                    // each name looked up once
    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> seen;  // (school, year) → row
    for (auto& row : sheet.rows) {
        auto& e = row.errors;
        auto& x = row.conditions;
        if (!row.institution_id.empty()) {
            std::int64_t id = 0;
            if (is_integer_text(row.institution_id, id) && id > 0)
                x.institution = id;
            else
                e["institution"] = {"单位编号应为正整数，而不是“" + row.institution_id + "”",
                                    "institution id must be a positive whole number"};
        } else if (!row.institution_name.empty()) {
            const auto& name = row.institution_name;
            if (auto it = ids_by_name.find(name); it != ids_by_name.end())
                x.institution = it->second;
            else if (auto found = store::institutions::find_id_by_name(c, a, name))
                x.institution = ids_by_name[name] = *found;
            else
                e["institution"] = {"找不到您管辖范围内名为“" + name + "”的单位",
                                    "no institution named \"" + name + "\" in your scope"};
        }
        // A second row of a school and year would silently replace the first one saved.
        // (`seen` holds the rows saved.)
        if (auto it = seen.find({x.institution, x.school_year});
            it != seen.end() && !e.contains("institution"))
            e["institution"] = {
                fmt::format("与第 {} 行重复：同一单位同一学年只能填一行", it->second),
                fmt::format("repeats row {}: one row per school and school year", it->second)};
        if (!e.empty()) {
            for (const auto& [field, msg] : e) result.errors.push_back({row.row, field, msg});
            continue;
        }
        // Each row runs in a savepoint, so a failed row leaves nothing behind (PostgreSQL would
        // otherwise abort the whole transaction at the first error).
        c.execute_script("SAVEPOINT import_row");
        try {
            store::balance::save_conditions(c, a, x);
            c.execute_script("RELEASE SAVEPOINT import_row");
            ++result.imported;
            seen.emplace(std::pair{x.institution, x.school_year}, row.row);
        } catch (const core::Error& err) {
            c.execute_script("ROLLBACK TO SAVEPOINT import_row");
            c.execute_script("RELEASE SAVEPOINT import_row");
            if (!err.fields().empty()) {
                for (const auto& [field, msg] : err.fields())
                    result.errors.push_back({row.row, field, msg});
            } else {
                // Out of scope (403) or no such institution (404): the school column is at fault.
                bool school = err.kind() == core::ErrorKind::forbidden ||
                              err.kind() == core::ErrorKind::not_found;
                result.errors.push_back({row.row, school ? "institution" : "", err.message()});
            }
        }
    }
    if (mode == ImportMode::all_or_nothing && !result.errors.empty()) {
        result.imported = 0;
        return result;  // the transaction rolls back
    }
    tx.commit();
    return result;
}

std::vector<XlsxSheet> balance_county_sheets(const store::balance::CountyFigures& f,
                                             std::string_view lang) {
    bool en = lang == "en";
    auto L = [en](std::string_view zh, std::string_view e) { return std::string(en ? e : zh); };
    auto yes_no = [&](bool b) { return b ? L("达标", "pass") : L("未达标", "fail"); };
    std::vector<XlsxSheet> out;

    XlsxSheet summary;
    summary.options.sheet_name = L("评估结论", "Verdict");
    summary.table.header = {L("项目", "Item"), L("内容", "Value")};
    auto& rows = summary.table.rows;
    rows.push_back({L("县（市、区）", "County"), f.region.name + "（" + f.region.code + "）"});
    rows.push_back({L("学年", "School year"), bal::format_school_year(f.year)});
    rows.push_back({L("评估结论", "Verdict"), bal::verdict_label(f.result.verdict).in(lang)});
    for (const auto& s : f.result.stages) {
        auto stage = bal::stage_label(s.stage).in(lang);
        rows.push_back({stage + L("：在校生数", ": students"), std::to_string(s.students)});
        rows.push_back({stage + L("：差异系数", ": coefficients of variation"), yes_no(s.cv_pass)});
        rows.push_back({stage + L("：达标学校", ": schools passing"),
                        fmt::format("{} / {}", s.schools_passing, s.schools.size())});
        rows.push_back({stage + L("：结论", ": verdict"), yes_no(s.pass)});
    }
    for (const auto& m : f.result.missing)
        rows.push_back({L("未填报办学条件", "No inputs"), m.name});
    for (const auto& x : f.result.excluded)
        rows.push_back({L("未计入评估", "Left out"), x.name + "：" + x.reason.in(lang)});
    if (f.previous_year && f.previous)
        rows.push_back({L("上一学年结论", "Previous school year") + "（" +
                            bal::format_school_year(*f.previous_year) + "）",
                        bal::verdict_label(f.previous->verdict).in(lang)});
    out.push_back(std::move(summary));

    for (const auto& s : f.result.stages) {
        auto stage = bal::stage_label(s.stage).in(lang);
        XlsxSheet ind;
        ind.options.sheet_name = stage + L("指标", " indicators");
        ind.table.header = {L("指标", "Indicator"),
                            L("单位", "Unit"),
                            L("差异系数", "CV"),
                            L("上限", "Limit"),
                            L("是否达标", "Pass"),
                            L("加权平均值", "Weighted mean"),
                            L("学校达标标准", "School standard")};
        ind.options.numeric_columns = {2, 3, 5, 6};
        for (const auto& r : s.indicators)
            ind.table.rows.push_back({bal::indicator_label(r.key).in(lang),
                                      bal::indicator_unit(r.key).in(lang), fixed(r.cv, 4),
                                      fixed(r.limit, 2), yes_no(r.pass), fixed(r.mean, 2),
                                      fixed(r.standard, 2)});
        out.push_back(std::move(ind));

        XlsxSheet sch;
        sch.options.sheet_name = stage + L("学校", " schools");
        auto& h = sch.table.header;
        h = {L("学校", "School"), L("单位编号", "Institution id"), L("学生数", "Students")};
        for (auto i : bal::indicators) h.push_back(bal::indicator_label(i).in(lang));
        h.push_back(L("未达标指标", "Standards missed"));
        h.push_back(L("低于标准85%的指标", "Below the floor"));
        h.push_back(L("是否达标", "Pass"));
        for (auto i : bal::indicators)
            h.push_back(L("方差占比（%）：", "Share of variance (%): ") +
                        bal::indicator_label(i).in(lang));
        for (std::size_t c = 1; c < 3 + bal::indicator_count; ++c)
            sch.options.numeric_columns.push_back(c);
        for (std::size_t c = 6 + bal::indicator_count; c < 6 + 2 * bal::indicator_count; ++c)
            sch.options.numeric_columns.push_back(c);
        for (const auto& x : s.schools) {
            std::vector<std::string> row{
                x.name + (x.split ? L("（九年一贯制，按比例拆分）", " (nine-year, split)") : ""),
                std::to_string(x.institution), std::to_string(x.students)};
            for (std::size_t i = 0; i < bal::indicator_count; ++i)
                row.push_back(fixed(x.values[i], 2));
            row.push_back(joined_labels(x.missed, lang));
            row.push_back(joined_labels(x.below_floor, lang));
            row.push_back(yes_no(x.pass));
            for (std::size_t i = 0; i < bal::indicator_count; ++i)
                row.push_back(fixed(x.variance_share[i] * 100, 1));
            sch.table.rows.push_back(std::move(row));
        }
        out.push_back(std::move(sch));
    }
    return out;
}

}  // namespace bangfu::report
