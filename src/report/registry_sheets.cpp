#include "report/registry_sheets.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <functional>

#include "core/dictionary.hpp"
#include "core/text.hpp"
#include "report/number.hpp"
#include "report/xlsx_writer.hpp"
#include "store/institution_repository.hpp"
#include "store/migrations.hpp"
#include "store/staff_repository.hpp"

namespace bangfu::report {

namespace {

std::string label(const core::Dictionary& d, const std::string& value, std::string_view lang) {
    const auto* o = d.find(value);
    if (!o) return value;
    return std::string(lang == "en" ? o->en : o->zh);
}
std::string yes_no(bool b, std::string_view lang) {
    return lang == "en" ? (b ? "yes" : "no") : (b ? "是" : "否");
}
std::string number(const std::optional<double>& d) {
    return d ? format_number(*d) : "";
}

// A column of an importable sheet: header labels, and how a cell sets the record's field.
template <class T>
struct ImportColumn {
    std::string_view field;
    std::string_view zh;
    std::string_view en;
    std::string_view example;
    std::function<void(T&, const std::string&, core::FieldErrors&)> set;
};

core::Text bad(std::string_view zh_label, std::string_view zh, std::string_view en) {
    return {std::string(zh_label) + std::string(zh), std::string(en)};
}

void set_choice(const core::Dictionary& d, std::string_view field, std::string_view zh_label,
                std::string& out, const std::string& cell, core::FieldErrors& e,
                bool required = true) {
    if (cell.empty()) {
        if (required) e[std::string(field)] = bad(zh_label, "不能为空", "is required");
        return;
    }
    const auto* o = d.find_any(cell);
    if (!o) {
        e[std::string(field)] = bad(zh_label, "“" + cell + "”无法识别，应为：" + d.labels("zh"),
                                    "\"" + cell + "\" is not one of " + d.labels("en"));
        return;
    }
    out = std::string(o->value);
}

void set_bool(std::string_view field, std::string_view zh_label, bool& out, const std::string& cell,
              core::FieldErrors& e) {
    if (cell.empty()) return;
    std::string c = core::to_lower_ascii(cell);
    if (c == "是" || c == "true" || c == "1" || c == "y" || c == "yes")
        out = true;
    else if (c == "否" || c == "false" || c == "0" || c == "n" || c == "no")
        out = false;
    else
        e[std::string(field)] = bad(zh_label, "应填“是”或“否”", "must be yes or no");
}

void set_int(std::string_view field, std::string_view zh_label, std::int64_t& out,
             const std::string& cell, core::FieldErrors& e) {
    if (cell.empty()) return;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (ec != std::errc() || p != cell.data() + cell.size())
        e[std::string(field)] =
            bad(zh_label, "应为整数，而不是“" + cell + "”", "must be an integer");
    else
        out = v;
}

void set_real(std::string_view field, std::string_view zh_label, std::optional<double>& out,
              const std::string& cell, core::FieldErrors& e) {
    if (cell.empty()) return;
    auto v = parse_number(cell);
    if (!v)
        e[std::string(field)] = bad(zh_label, "应为数字，而不是“" + cell + "”", "must be a number");
    else
        out = *v;
}

// Subjects in one cell: "语文、数学", "math, physics", "语文；英语".
void set_subjects(std::vector<std::string>& out, const std::string& cell, core::FieldErrors& e) {
    out.clear();
    std::string normalized = cell;
    for (std::string_view sep : {"、", "，", "；", ";", "/", "／"}) {
        for (auto pos = normalized.find(sep); pos != std::string::npos; pos = normalized.find(sep))
            normalized.replace(pos, sep.size(), ",");
    }
    std::size_t start = 0;
    while (start <= normalized.size()) {
        auto end = normalized.find(',', start);
        if (end == std::string::npos) end = normalized.size();
        std::string item = core::trim(normalized.substr(start, end - start));
        if (!item.empty()) {
            const auto* o = core::dict::subject.find_any(item);
            if (!o) {
                e["subjects"] = {"任教学科中有未知学科：" + item, "unknown subject: " + item};
                return;
            }
            out.emplace_back(o->value);
        }
        start = end + 1;
    }
}

const std::vector<ImportColumn<core::Institution>>& institution_columns() {
    using I = core::Institution;
    using E = core::FieldErrors;
    static const std::vector<ImportColumn<I>> cols{
        {"name", "名称", "name", "五里镇湾头小学",
         [](I& x, const std::string& c, E&) { x.name = c; }},
        {"kind", "类型", "kind", "小学",
         [](I& x, const std::string& c, E& e) {
             set_choice(core::dict::institution_kind, "kind", "类型", x.kind, c, e);
         }},
        {"locality", "城乡类别", "locality", "乡村",
         [](I& x, const std::string& c, E& e) {
             set_choice(core::dict::locality, "locality", "城乡类别", x.locality, c, e);
         }},
        {"weak", "薄弱学校", "weak", "是",
         [](I& x, const std::string& c, E& e) { set_bool("weak", "薄弱学校", x.weak, c, e); }},
        {"region", "行政区划代码", "region", "421222105",
         [](I& x, const std::string& c, E&) { x.region = c; }},
        {"address", "地址", "address", "通城县五里镇湾头村",
         [](I& x, const std::string& c, E&) { x.address = c; }},
        {"latitude", "纬度", "latitude", "29.21",
         [](I& x, const std::string& c, E& e) { set_real("latitude", "纬度", x.latitude, c, e); }},
        {"longitude", "经度", "longitude", "113.79",
         [](I& x, const std::string& c, E& e) {
             set_real("longitude", "经度", x.longitude, c, e);
         }},
        {"student_count", "学生数", "student count", "320",
         [](I& x, const std::string& c, E& e) {
             set_int("student_count", "学生数", x.student_count, c, e);
         }},
        {"staff_count", "教职工数", "staff count", "26",
         [](I& x, const std::string& c, E& e) {
             set_int("staff_count", "教职工数", x.staff_count, c, e);
         }},
        {"contact_name", "联系人", "contact name", "王老师",
         [](I& x, const std::string& c, E&) { x.contact_name = c; }},
        {"contact_phone", "联系电话", "contact phone", "13800001234",
         [](I& x, const std::string& c, E&) { x.contact_phone = c; }},
    };
    return cols;
}

const std::vector<ImportColumn<core::Staff>>& staff_columns() {
    using S = core::Staff;
    using E = core::FieldErrors;
    static const std::vector<ImportColumn<S>> cols{
        {"name", "姓名", "name", "李家红", [](S& x, const std::string& c, E&) { x.name = c; }},
        {"gender", "性别", "gender", "女",
         [](S& x, const std::string& c, E& e) {
             set_choice(core::dict::gender, "gender", "性别", x.gender, c, e);
         }},
        // Resolved against the database by the importer (id or exact name).
        {"institution", "所在单位", "institution", "通城县实验小学", nullptr},
        {"role", "岗位", "role", "教师",
         [](S& x, const std::string& c, E& e) {
             set_choice(core::dict::staff_role, "role", "岗位", x.role, c, e, false);
         }},
        {"subjects", "任教学科", "subjects", "语文、数学",
         [](S& x, const std::string& c, E& e) { set_subjects(x.subjects, c, e); }},
        {"title", "职称", "title", "高级",
         [](S& x, const std::string& c, E& e) {
             set_choice(core::dict::title, "title", "职称", x.title, c, e, false);
         }},
        {"backbone", "骨干级别", "backbone level", "市级骨干",
         [](S& x, const std::string& c, E& e) {
             set_choice(core::dict::backbone, "backbone", "骨干级别", x.backbone, c, e, false);
         }},
        {"years_teaching", "教龄", "years of teaching", "18",
         [](S& x, const std::string& c, E& e) {
             set_int("years_teaching", "教龄", x.years_teaching, c, e);
         }},
        {"birth_date", "出生日期", "date of birth", "1982-04-09",
         [](S& x, const std::string& c, E&) {
             if (!c.empty()) x.birth_date = c;
         }},
        {"health", "健康状况", "health", "良好",
         [](S& x, const std::string& c, E& e) {
             set_choice(core::dict::health, "health", "健康状况", x.health, c, e, false);
         }},
        {"phone", "手机号", "phone", "13800005678",
         [](S& x, const std::string& c, E&) { x.phone = c; }},
    };
    return cols;
}

// Columns an export adds that an import of that export may carry back: accepted and ignored.
constexpr std::array<std::string_view, 10> ignored_headers{
    "编号",           "id",     "行政区划", "region_name", "所在单位编号",
    "institution_id", "已归档", "archived", "更新时间",    "updated_at"};

template <class T>
std::vector<std::string> headers(const std::vector<ImportColumn<T>>& cols) {
    std::vector<std::string> out;
    for (const auto& c : cols) out.emplace_back(c.zh);
    return out;
}

// Maps each column of the file to a known field; unknown columns are reported, not dropped.
template <class T>
std::vector<const ImportColumn<T>*> map_columns(const Table& table,
                                                const std::vector<ImportColumn<T>>& cols,
                                                std::vector<RowError>& errors) {
    std::vector<const ImportColumn<T>*> mapping(table.header.size(), nullptr);
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string h = core::trim(table.header[i]);
        if (h.empty()) continue;
        for (const auto& c : cols)
            if (h == c.zh || core::iequals_ascii(h, c.en) || core::iequals_ascii(h, c.field))
                mapping[i] = &c;
        bool ignored = false;
        for (auto name : ignored_headers) ignored = ignored || core::iequals_ascii(h, name);
        if (!mapping[i] && !ignored)
            errors.push_back({1,
                              h,
                              {"无法识别的列“" + h + "”，请使用模板中的列名",
                               "unknown column \"" + h + "\"; use the template's headers"}});
    }
    for (const auto& c : cols) {
        bool present = false;
        for (auto* m : mapping) present = present || m == &c;
        if (!present && (c.field == "name" || c.field == "kind" || c.field == "locality" ||
                         c.field == "region" || c.field == "institution" || c.field == "gender"))
            errors.push_back({1,
                              std::string(c.field),
                              {"缺少必需的列“" + std::string(c.zh) + "”",
                               "missing required column \"" + std::string(c.en) + "\""}});
    }
    return mapping;
}

void add_field_errors(std::vector<RowError>& out, std::size_t row, const core::FieldErrors& e) {
    for (const auto& [field, msg] : e) out.push_back({row, field, msg});
}

}  // namespace

Table institutions_table(const std::vector<core::Institution>& items, std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",           "name",          "kind",
                                             "locality",     "weak",          "region",
                                             "region_name",  "address",       "latitude",
                                             "longitude",    "student count", "staff count",
                                             "contact name", "contact phone"}
                  : std::vector<std::string>{
                        "编号", "名称", "类型", "城乡类别", "薄弱学校", "行政区划代码", "行政区划",
                        "地址", "纬度", "经度", "学生数",   "教职工数", "联系人",       "联系电话"};
    for (const auto& x : items)
        t.rows.push_back({std::to_string(x.id), x.name,
                          label(core::dict::institution_kind, x.kind, lang),
                          label(core::dict::locality, x.locality, lang), yes_no(x.weak, lang),
                          x.region, x.region_name, x.address, number(x.latitude),
                          number(x.longitude), std::to_string(x.student_count),
                          std::to_string(x.staff_count), x.contact_name, x.contact_phone});
    return t;
}

Table staff_table(const std::vector<core::Staff>& items, bool mask_personal,
                  std::string_view lang) {
    bool en = lang == "en";
    Table t;
    t.header = en ? std::vector<std::string>{"id",
                                             "name",
                                             "gender",
                                             "institution_id",
                                             "institution",
                                             "role",
                                             "subjects",
                                             "title",
                                             "backbone level",
                                             "years of teaching",
                                             "date of birth",
                                             "health",
                                             "phone"}
                  : std::vector<std::string>{
                        "编号", "姓名",     "性别", "所在单位编号", "所在单位", "岗位",  "任教学科",
                        "职称", "骨干级别", "教龄", "出生日期",     "健康状况", "手机号"};
    for (const auto& x : items) {
        std::string subjects;
        for (const auto& s : x.subjects)
            subjects +=
                (subjects.empty() ? "" : (en ? ", " : "、")) + label(core::dict::subject, s, lang);
        t.rows.push_back({std::to_string(x.id), x.name, label(core::dict::gender, x.gender, lang),
                          std::to_string(x.institution), x.institution_name,
                          label(core::dict::staff_role, x.role, lang), subjects,
                          label(core::dict::title, x.title, lang),
                          label(core::dict::backbone, x.backbone, lang),
                          std::to_string(x.years_teaching), x.birth_date.value_or(""),
                          label(core::dict::health, x.health, lang),
                          mask_personal ? core::mask_phone(x.phone) : x.phone});
    }
    return t;
}

Table regions_table(const std::vector<core::Region>& items, std::string_view lang) {
    Table t;
    t.header = lang == "en"
                   ? std::vector<std::string>{"code", "name", "level", "parent"}
                   : std::vector<std::string>{"行政区划代码", "名称", "级别", "上级区划代码"};
    for (const auto& r : items)
        t.rows.push_back({r.code, r.name, label(core::dict::region_level, r.level, lang),
                          r.parent.value_or("")});
    return t;
}

Table users_table(const std::vector<core::User>& items, std::string_view lang) {
    Table t;
    t.header = lang == "en"
                   ? std::vector<std::string>{"id",     "username",    "display name", "role",
                                              "region", "institution", "disabled"}
                   : std::vector<std::string>{"编号",     "用户名",       "显示名称", "角色",
                                              "管辖区划", "所在单位编号", "停用"};
    for (const auto& u : items)
        t.rows.push_back({std::to_string(u.id), u.username, u.display_name,
                          label(core::dict::user_role, u.role, lang), u.region.value_or(""),
                          u.institution ? std::to_string(*u.institution) : "",
                          yes_no(u.disabled, lang)});
    return t;
}

Table audit_table(const std::vector<store::audit::Entry>& items, std::string_view lang) {
    Table t;
    t.header = lang == "en" ? std::vector<std::string>{"id",     "time (UTC)", "user",   "action",
                                                       "entity", "record",     "before", "after"}
                            : std::vector<std::string>{"编号", "时间（UTC）", "用户",   "操作",
                                                       "对象", "记录编号",    "修改前", "修改后"};
    for (const auto& e : items)
        t.rows.push_back({std::to_string(e.id), e.at, e.username, e.action, e.entity, e.entity_id,
                          e.before.value_or(""), e.after.value_or("")});
    return t;
}

std::string import_template(RegistryKind kind) {
    Table t;
    XlsxOptions o;
    if (kind == RegistryKind::institutions) {
        t.header = headers(institution_columns());
        std::vector<std::string> example;
        for (const auto& c : institution_columns()) example.emplace_back(c.example);
        t.rows.push_back(example);
        o.sheet_name = "单位";
        o.instructions = {
            "单位导入模板：每行一个单位，第 1 行为列名，请勿修改列名。示例行请删除或改为真实数据。",
            "必填：名称、类型、城乡类别、行政区划代码。",
            "类型：" + core::dict::institution_kind.labels("zh"),
            "城乡类别：" + core::dict::locality.labels("zh"),
            "薄弱学校：填“是”或“否”。",
            "行政区划代码：6 位（县级）或 9 位（乡镇）行政区划代码，须在您的管辖范围内。",
            "导入方式：“全部成功才导入”时任何一行有错则全部不导入；“只导入正确的行”时正确的行导入，"
            "错误的行列出原因。"};
    } else {
        t.header = headers(staff_columns());
        std::vector<std::string> example;
        for (const auto& c : staff_columns()) example.emplace_back(c.example);
        t.rows.push_back(example);
        o.sheet_name = "教职工";
        o.instructions = {
            "教职工导入模板：每行一人，第 1 行为列名，请勿修改列名。示例行请删除或改为真实数据。",
            "必填：姓名、性别、所在单位（填单位全称或单位编号）。",
            "岗位：" + core::dict::staff_role.labels("zh"),
            "任教学科：可填多个，用“、”分隔：" + core::dict::subject.labels("zh"),
            "职称：" + core::dict::title.labels("zh"),
            "骨干级别：" + core::dict::backbone.labels("zh"),
            "出生日期：格式 YYYY-MM-DD，例如 1982-04-09。",
            "健康状况：" + core::dict::health.labels("zh")};
    }
    return write_xlsx(t, o);
}

ImportResult import_registry(store::Connection& c, const core::Actor& a, RegistryKind kind,
                             const Table& table, ImportMode mode) {
    ImportResult result;
    result.total = table.rows.size();
    store::Transaction tx(c, store::Transaction::write);
    auto import_rows = [&](const auto& cols, auto make, auto create) {
        auto mapping = map_columns(table, cols, result.errors);
        if (!result.errors.empty()) return;  // a wrong header makes every row suspect
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            const auto& cells = table.rows[i];
            std::size_t row_no = i + 2;
            bool blank = true;
            for (const auto& cell : cells) blank = blank && core::trim(cell).empty();
            if (blank) {
                --result.total;
                continue;
            }
            auto record = make();
            core::FieldErrors e;
            std::string institution_cell;
            for (std::size_t col = 0; col < mapping.size() && col < cells.size(); ++col) {
                if (!mapping[col]) continue;
                std::string cell = core::trim(cells[col]);
                if (mapping[col]->set)
                    mapping[col]->set(record, cell, e);
                else
                    institution_cell = cell;
            }
            // Each row runs in a savepoint, so a failed row leaves nothing behind (PostgreSQL
            // would otherwise abort the whole transaction at the first constraint error).
            c.execute_script("SAVEPOINT import_row");
            try {
                create(record, e, institution_cell);
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
    };
    if (kind == RegistryKind::institutions) {
        import_rows(
            institution_columns(), [] { return core::Institution{}; },
            [&](core::Institution& x, core::FieldErrors& e, const std::string&) {
                store::institutions::create(c, a, x, e, true);
            });
    } else {
        import_rows(
            staff_columns(), [] { return core::Staff{}; },
            [&](core::Staff& x, core::FieldErrors& e, const std::string& inst) {
                if (inst.empty()) {
                    e["institution"] = {"所在单位不能为空", "institution is required"};
                } else {
                    std::int64_t id = 0;
                    auto [p, ec] = std::from_chars(inst.data(), inst.data() + inst.size(), id);
                    if (ec == std::errc() && p == inst.data() + inst.size())
                        x.institution = id;
                    else if (auto found = store::institutions::find_id_by_name(c, a, inst))
                        x.institution = *found;
                    else
                        e["institution"] = {"找不到您管辖范围内名为“" + inst + "”的单位",
                                            "no institution named \"" + inst + "\" in your scope"};
                }
                store::staff::create(c, a, x, e, true);
            });
    }
    if (mode == ImportMode::all_or_nothing && !result.errors.empty()) {
        result.imported = 0;
        return result;  // the transaction rolls back
    }
    tx.commit();
    if (result.imported >= store::statistics_after_import_rows)
        store::refresh_statistics(c,
                                  {kind == RegistryKind::institutions ? "institutions" : "staff"});
    return result;
}

}  // namespace bangfu::report
