#include "core/balance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/money.hpp"
#include "core/text.hpp"

namespace bangfu::core::balance {

namespace json = boost::json;

namespace {

// Figures on the wire are rounded to 6 decimals: enough for any CV or per-student value, and no
// 0.30000000000000004 in an exported sheet.
double rounded(double x) {
    return std::round(x * 1e6) / 1e6;
}

// Comparisons with a standard tolerate the last bits of a division (2.3 per 100 students from
// 23 rooms and 1,000 students must count as reached).
constexpr double tolerance = 1e-9;

constexpr std::int64_t max_count = 1'000'000;
constexpr std::int64_t max_area_centi = 100'000'000'000;  // 10^9 m²

const std::array<FieldLabel, 11> condition_fields{{
    {"school_year", "学年", "school year"},
    {"primary_students", "小学在校生数", "primary students"},
    {"junior_students", "初中在校生数", "junior students"},
    {"degree_teachers", "高于规定学历教师数", "teachers above the required degree"},
    {"backbone_teachers", "县级及以上骨干教师数", "county-level-or-higher backbone teachers"},
    {"pe_arts_teachers", "体育、艺术（美术、音乐）专任教师数", "PE and arts teachers"},
    {"room_area_m2", "教学及辅助用房面积（平方米）", "teaching and auxiliary room area (m²)"},
    {"sports_area_m2", "体育运动场馆面积（平方米）", "sports ground area (m²)"},
    {"equipment_value_fen", "教学仪器设备值", "teaching equipment value"},
    {"multimedia_rooms", "网络多媒体教室数", "network multimedia classrooms"},
    {"institution", "单位", "institution"},
}};

const std::array<FieldLabel, 6> policy_fields{{
    {"standards", "达标标准", "standards"},
    {"cv_limits", "差异系数上限", "CV limits"},
    {"min_indicators_met", "至少达标指标数", "indicators to reach"},
    {"floor_percent", "其余指标不低于标准的百分比", "floor of the other indicators (%)"},
    {"junior_weight", "九年一贯制学校初中学生折算系数", "junior weight of nine-year schools"},
    {"min_students", "参与计算的最少学生数", "students a school needs to be counted"},
}};

std::size_t index_of(Stage s) {
    return static_cast<std::size_t>(s);
}
std::size_t index_of(Indicator i) {
    return static_cast<std::size_t>(i);
}

// Reads an area in m²: a JSON number with at most two decimals, or text ("1,234.5").
void read_area(const json::object& o, std::string_view key, std::int64_t& out, FieldErrors& e) {
    auto* v = o.if_contains(key);
    if (!v) return;
    auto bad = [&](std::string_view zh, std::string_view en) {
        e[std::string(key)] = field_message(condition_fields, key, zh, en);
    };
    if (v->is_int64() || v->is_uint64()) {
        auto n = v->is_int64() ? v->get_int64()
                               : static_cast<std::int64_t>(
                                     std::min<std::uint64_t>(v->get_uint64(), INT64_MAX / 100));
        if (n < 0) return bad("不能为负数", "must not be negative");
        if (n > max_area_centi / 100) return bad("过大", "is too large");
        out = n * 100;
        return;
    }
    if (v->is_double()) {
        double d = v->get_double();
        if (d < 0) return bad("不能为负数", "must not be negative");
        if (d * 100 > static_cast<double>(max_area_centi)) return bad("过大", "is too large");
        double centi = std::round(d * 100);
        if (std::abs(d * 100 - centi) > 1e-6 * std::max(1.0, centi))
            return bad("最多保留两位小数", "must have at most two decimals");
        out = static_cast<std::int64_t>(centi);
        return;
    }
    if (v->is_string()) {
        std::string_view text = v->get_string();
        if (trim(text).starts_with("-")) return bad("不能为负数", "must not be negative");
        auto parsed = parse_area(text);
        if (!parsed)
            return bad("应为数字，最多两位小数", "must be a number with at most two decimals");
        out = *parsed;
        return;
    }
    bad("应为数字", "must be a number");
}

void check_count(FieldErrors& e, std::string_view field, std::int64_t value, std::int64_t max) {
    if (e.contains(std::string(field))) return;
    if (value < 0)
        e[std::string(field)] =
            field_message(condition_fields, field, "不能为负数", "must not be negative");
    else if (value > max)
        e[std::string(field)] = field_message(condition_fields, field, "过大", "is too large");
}

json::object stage_map(const Values& v) {
    json::object o;
    for (auto i : indicators) o[indicator_key(i)] = v[index_of(i)];
    return o;
}

json::array keys(const std::vector<Indicator>& list) {
    json::array a;
    for (auto i : list) a.push_back(json::string(indicator_key(i)));
    return a;
}

}  // namespace

std::string_view stage_key(Stage s) {
    return s == Stage::primary ? "primary" : "junior";
}
Text stage_label(Stage s) {
    return s == Stage::primary ? Text{"小学", "Primary"} : Text{"初中", "Junior"};
}

std::string_view indicator_key(Indicator i) {
    switch (i) {
        case Indicator::degree_teachers:
            return "degree_teachers";
        case Indicator::backbone_teachers:
            return "backbone_teachers";
        case Indicator::pe_arts_teachers:
            return "pe_arts_teachers";
        case Indicator::room_area:
            return "room_area";
        case Indicator::sports_area:
            return "sports_area";
        case Indicator::equipment:
            return "equipment";
        case Indicator::multimedia_rooms:
            return "multimedia_rooms";
    }
    return "";
}

std::optional<Indicator> parse_indicator(std::string_view key) {
    for (auto i : indicators)
        if (indicator_key(i) == key) return i;
    return std::nullopt;
}

Text indicator_label(Indicator i) {
    switch (i) {
        case Indicator::degree_teachers:
            return {"每百名学生拥有高于规定学历教师数",
                    "Teachers above the required degree per 100 students"};
        case Indicator::backbone_teachers:
            return {"每百名学生拥有县级及以上骨干教师数",
                    "County-level-or-higher backbone teachers per 100 students"};
        case Indicator::pe_arts_teachers:
            return {"每百名学生拥有体育、艺术（美术、音乐）专任教师数",
                    "PE and arts teachers per 100 students"};
        case Indicator::room_area:
            return {"生均教学及辅助用房面积", "Teaching and auxiliary room area per student"};
        case Indicator::sports_area:
            return {"生均体育运动场馆面积", "Sports ground area per student"};
        case Indicator::equipment:
            return {"生均教学仪器设备值", "Teaching equipment value per student"};
        case Indicator::multimedia_rooms:
            return {"每百名学生拥有网络多媒体教室数",
                    "Network multimedia classrooms per 100 students"};
    }
    return {};
}

Text indicator_unit(Indicator i) {
    switch (i) {
        case Indicator::degree_teachers:
        case Indicator::backbone_teachers:
        case Indicator::pe_arts_teachers:
            return {"人/百生", "per 100 students"};
        case Indicator::room_area:
        case Indicator::sports_area:
            return {"平方米/生", "m² per student"};
        case Indicator::equipment:
            return {"元/生", "yuan per student"};
        case Indicator::multimedia_rooms:
            return {"间/百生", "per 100 students"};
    }
    return {};
}

// ---- inputs ---------------------------------------------------------------------------------

std::span<const FieldLabel> conditions_labels() {
    return condition_fields;
}

bool takes_part(std::string_view kind) {
    return kind == "primary" || kind == "junior" || kind == "nine_year" ||
           kind == "complete_middle";
}

std::optional<std::int64_t> parse_school_year(std::string_view text) {
    auto t = trim(text);
    if (t.size() != 9 || t[4] != '-') return std::nullopt;
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    };
    std::string_view a(t.data(), 4), b(t.data() + 5, 4);
    if (!digits(a) || !digits(b)) return std::nullopt;
    auto first = std::stoll(std::string(a)), second = std::stoll(std::string(b));
    if (second != first + 1 || first < 1990 || first > 2100) return std::nullopt;
    return first;
}

std::string format_school_year(std::int64_t first_year) {
    return fmt::format("{}-{}", first_year, first_year + 1);
}

std::optional<std::int64_t> parse_area(std::string_view text) {
    // The grammar of money (digits, commas in threes, at most two decimals) in hundredths.
    auto v = parse_yuan(text);
    if (!v || *v > max_area_centi) return std::nullopt;
    return v;
}

std::string format_area(std::int64_t centi) {
    auto s = format_yuan(centi);
    // "1234.50" → "1234.5", "1234.00" → "1234": an area is read back as typed.
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

json::object to_json(const SchoolConditions& x) {
    auto area = [](std::int64_t centi) { return static_cast<double>(centi) / 100.0; };
    return {{"institution", x.institution},
            {"school_year", format_school_year(x.school_year)},
            {"primary_students", x.primary_students},
            {"junior_students", x.junior_students},
            {"degree_teachers", x.degree_teachers},
            {"backbone_teachers", x.backbone_teachers},
            {"pe_arts_teachers", x.pe_arts_teachers},
            {"room_area_m2", area(x.room_area_centi)},
            {"sports_area_m2", area(x.sports_area_centi)},
            {"equipment_value_fen", x.equipment_fen},
            {"multimedia_rooms", x.multimedia_rooms},
            {"updated_at", x.updated_at},
            {"updated_by_name", x.updated_by_name}};
}

void read_json(SchoolConditions& x, const json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 4> read_only{"institution", "updated_at",
                                                               "updated_by_name", "school_year"};
    FieldReader r(o, std::span(condition_fields).first(10), e, read_only);
    // The whole record is sent: a value left out would silently become 0.
    for (const auto& f : std::span(condition_fields).subspan(1, 9))
        if (!o.contains(f.field))
            e[std::string(f.field)] =
                field_message(condition_fields, f.field, "必须填写", "is required");
    r.integer("primary_students", x.primary_students);
    r.integer("junior_students", x.junior_students);
    r.integer("degree_teachers", x.degree_teachers);
    r.integer("backbone_teachers", x.backbone_teachers);
    r.integer("pe_arts_teachers", x.pe_arts_teachers);
    r.integer("equipment_value_fen", x.equipment_fen);
    r.integer("multimedia_rooms", x.multimedia_rooms);
    read_area(o, "room_area_m2", x.room_area_centi, e);
    read_area(o, "sports_area_m2", x.sports_area_centi, e);
}

FieldErrors validate(const SchoolConditions& x, std::string_view kind) {
    FieldErrors e;
    if (!takes_part(kind)) {
        e["institution"] = {"只有小学、初中、九年一贯制学校和完全中学参与义务教育优质均衡评估",
                            "Only primary, junior, nine-year and complete middle schools take "
                            "part in the balance evaluation"};
        return e;
    }
    check_count(e, "primary_students", x.primary_students, max_count);
    check_count(e, "junior_students", x.junior_students, max_count);
    check_count(e, "degree_teachers", x.degree_teachers, max_count);
    check_count(e, "backbone_teachers", x.backbone_teachers, max_count);
    check_count(e, "pe_arts_teachers", x.pe_arts_teachers, max_count);
    check_count(e, "multimedia_rooms", x.multimedia_rooms, max_count);
    check_count(e, "room_area_m2", x.room_area_centi, max_area_centi);
    check_count(e, "sports_area_m2", x.sports_area_centi, max_area_centi);
    check_count(e, "equipment_value_fen", x.equipment_fen, max_amount_fen);
    if (kind == "primary" && x.junior_students != 0 && !e.contains("junior_students"))
        e["junior_students"] = {"小学没有初中学生，应为0",
                                "a primary school has no junior students: must be 0"};
    if ((kind == "junior" || kind == "complete_middle") && x.primary_students != 0 &&
        !e.contains("primary_students"))
        e["primary_students"] = {"初中没有小学学生，应为0",
                                 "a junior school has no primary students: must be 0"};
    if (x.primary_students == 0 && x.junior_students == 0 && !e.contains("primary_students") &&
        !e.contains("junior_students")) {
        // Every indicator is per student: without students the other figures mean nothing.
        auto field =
            kind == "junior" || kind == "complete_middle" ? "junior_students" : "primary_students";
        e[field] = field_message(condition_fields, field, "不能为0：各项指标按学生数计算",
                                 "must not be 0: every indicator is per student");
    }
    return e;
}

// ---- policy ---------------------------------------------------------------------------------

std::span<const FieldLabel> policy_labels() {
    return policy_fields;
}

json::object to_json(const BalancePolicy& p) {
    json::object standards, limits;
    for (auto s : stages) {
        standards[stage_key(s)] = stage_map(p.standards_of(s));
        limits[stage_key(s)] = p.cv_limit(s);
    }
    return {{"region", p.region.empty() ? json::value(nullptr) : json::value(p.region)},
            {"region_name", p.region.empty() ? json::value(nullptr) : json::value(p.region_name)},
            {"is_default", p.is_default},
            {"standards", std::move(standards)},
            {"cv_limits", std::move(limits)},
            {"min_indicators_met", p.min_indicators_met},
            {"floor_percent", p.floor_percent},
            {"junior_weight", p.junior_weight},
            {"min_students", p.min_students},
            {"updated_at", p.updated_at}};
}

void read_json(BalancePolicy& p, const json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 4> read_only{"region", "region_name",
                                                               "is_default", "updated_at"};
    FieldReader r(o, policy_fields, e, read_only);
    auto number = [&](const json::value& v, std::string field, double& out) {
        if (v.is_number()) {
            out = v.to_number<double>();
            return;
        }
        e[field] = {"应为数字", "must be a number"};
    };
    if (auto* s = o.if_contains("standards")) {
        if (!s->is_object()) {
            e["standards"] = {"应为对象：{\"primary\": {…}, \"junior\": {…}}",
                              "must be an object: {\"primary\": {…}, \"junior\": {…}}"};
        } else {
            for (const auto& kv : s->get_object()) {
                auto stage = kv.key() == "primary"  ? std::optional(Stage::primary)
                             : kv.key() == "junior" ? std::optional(Stage::junior)
                                                    : std::nullopt;
                std::string base = "standards." + std::string(kv.key());
                if (!stage) {
                    e[base] = {"学段应为 primary 或 junior", "stage must be primary or junior"};
                    continue;
                }
                if (!kv.value().is_object()) {
                    e[base] = {"应为对象", "must be an object"};
                    continue;
                }
                for (const auto& iv : kv.value().get_object()) {
                    auto ind = parse_indicator(iv.key());
                    std::string field = base + "." + std::string(iv.key());
                    if (!ind) {
                        e[field] = {"未知指标", "unknown indicator"};
                        continue;
                    }
                    number(iv.value(), field, p.standards[index_of(*stage)][index_of(*ind)]);
                }
            }
        }
    }
    if (auto* l = o.if_contains("cv_limits")) {
        if (!l->is_object()) {
            e["cv_limits"] = {"应为对象：{\"primary\": 0.5, \"junior\": 0.45}",
                              "must be an object: {\"primary\": 0.5, \"junior\": 0.45}"};
        } else {
            for (const auto& kv : l->get_object()) {
                std::string field = "cv_limits." + std::string(kv.key());
                if (kv.key() == "primary")
                    number(kv.value(), field, p.cv_limits[0]);
                else if (kv.key() == "junior")
                    number(kv.value(), field, p.cv_limits[1]);
                else
                    e[field] = {"学段应为 primary 或 junior", "stage must be primary or junior"};
            }
        }
    }
    r.integer("min_indicators_met", p.min_indicators_met);
    r.integer("floor_percent", p.floor_percent);
    r.integer("min_students", p.min_students);
    if (auto* w = o.if_contains("junior_weight")) number(*w, "junior_weight", p.junior_weight);
}

FieldErrors validate(const BalancePolicy& p) {
    FieldErrors e;
    for (auto s : stages) {
        for (auto i : indicators) {
            auto v = p.standards_of(s)[index_of(i)];
            if (!(v > 0) || v > 1e7)
                e["standards." + std::string(stage_key(s)) + "." + std::string(indicator_key(i))] =
                    {"应为正数", "must be a positive number"};
        }
        auto limit = p.cv_limit(s);
        if (!(limit > 0) || limit > 5)
            e["cv_limits." + std::string(stage_key(s))] = {"应在0到5之间（不含0）",
                                                           "must be above 0 and at most 5"};
    }
    if (p.min_indicators_met < 1 || p.min_indicators_met > 7)
        e["min_indicators_met"] = field_message(policy_fields, "min_indicators_met", "应在1到7之间",
                                                "must be between 1 and 7");
    if (p.floor_percent < 0 || p.floor_percent > 100)
        e["floor_percent"] = field_message(policy_fields, "floor_percent", "应在0到100之间",
                                           "must be between 0 and 100");
    if (!(p.junior_weight > 0) || p.junior_weight > 10)
        e["junior_weight"] = field_message(policy_fields, "junior_weight", "应在0到10之间（不含0）",
                                           "must be above 0 and at most 10");
    if (p.min_students < 0 || p.min_students > 10000)
        e["min_students"] = field_message(policy_fields, "min_students", "应在0到10000之间",
                                          "must be between 0 and 10000");
    return e;
}

// ---- computation ----------------------------------------------------------------------------

std::string_view verdict_key(Verdict v) {
    switch (v) {
        case Verdict::pass:
            return "pass";
        case Verdict::fail:
            return "fail";
        case Verdict::incomplete:
            return "incomplete";
        case Verdict::no_data:
            return "no_data";
    }
    return "";
}

Text verdict_label(Verdict v) {
    switch (v) {
        case Verdict::pass:
            return {"资源配置达到优质均衡要求", "Resources meet the balance standard"};
        case Verdict::fail:
            return {"资源配置未达到优质均衡要求", "Resources miss the balance standard"};
        case Verdict::incomplete:
            return {"尚有学校未填报办学条件，无法评估", "Some schools have no inputs yet"};
        case Verdict::no_data:
            return {"本年度没有办学条件数据", "No inputs for this year"};
    }
    return {};
}

Dispersion weighted_dispersion(std::span<const double> values, std::span<const double> weights) {
    Dispersion d;
    double total = 0;
    for (auto w : weights) total += w;
    if (values.empty() || total <= 0) return d;
    for (std::size_t i = 0; i < values.size(); ++i) d.mean += weights[i] / total * values[i];
    double var = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        var += weights[i] / total * (values[i] - d.mean) * (values[i] - d.mean);
    d.sd = std::sqrt(var);
    d.cv = d.mean > 0 ? d.sd / d.mean : 0;
    return d;
}

StageSchool evaluate_school(const BalancePolicy& p, Stage stage, const SchoolInput& school) {
    const auto& c = school.conditions;
    StageSchool s;
    s.institution = school.institution;
    s.name = school.name;
    s.students = stage == Stage::primary ? c.primary_students : c.junior_students;
    // A nine-year school's resources serve both stages: they are split in proportion to the
    // weighted students (primary 1, junior junior_weight), and each part is a school of its stage.
    double share = 1;
    if (c.primary_students > 0 && c.junior_students > 0) {
        double wp = static_cast<double>(c.primary_students);
        double wj = p.junior_weight * static_cast<double>(c.junior_students);
        share = (stage == Stage::primary ? wp : wj) / (wp + wj);
        s.split = true;
    }
    if (s.students <= 0) return s;
    double n = static_cast<double>(s.students);
    auto per100 = [&](std::int64_t x) { return static_cast<double>(x) * share / n * 100.0; };
    auto per_student = [&](double x) { return x * share / n; };
    s.values = {per100(c.degree_teachers),
                per100(c.backbone_teachers),
                per100(c.pe_arts_teachers),
                per_student(static_cast<double>(c.room_area_centi) / 100.0),
                per_student(static_cast<double>(c.sports_area_centi) / 100.0),
                per_student(static_cast<double>(c.equipment_fen) / 100.0),
                per100(c.multimedia_rooms)};
    const auto& standard = p.standards_of(stage);
    std::int64_t met = 0;
    for (auto i : indicators) {
        double v = s.values[index_of(i)], want = standard[index_of(i)];
        if (v + tolerance >= want)
            ++met;
        else
            s.missed.push_back(i);
        if (v + tolerance < want * static_cast<double>(p.floor_percent) / 100.0)
            s.below_floor.push_back(i);
    }
    s.pass = met >= p.min_indicators_met && s.below_floor.empty();
    return s;
}

CountyBalance compute_balance(const BalancePolicy& p, const std::vector<SchoolInput>& schools,
                              std::vector<SchoolRef> missing) {
    CountyBalance out;
    out.missing = std::move(missing);
    std::array<std::vector<StageSchool>, 2> by_stage;
    for (const auto& school : schools) {
        const auto& c = school.conditions;
        if (!takes_part(school.kind)) {
            out.excluded.push_back(
                {school.institution,
                 school.name,
                 {"本类学校不参与义务教育优质均衡评估", "This kind of school is not evaluated"}});
            continue;
        }
        if (c.primary_students + c.junior_students < p.min_students) {
            out.excluded.push_back(
                {school.institution,
                 school.name,
                 {fmt::format("学生不足{}人的教学点，不参与差异系数计算", p.min_students),
                  fmt::format("fewer than {} students (teaching point): not counted",
                              p.min_students)}});
            continue;
        }
        for (auto stage : stages) {
            auto s = evaluate_school(p, stage, school);
            if (s.students > 0) by_stage[index_of(stage)].push_back(std::move(s));
        }
    }
    for (auto stage : stages) {
        auto& list = by_stage[index_of(stage)];
        if (list.empty()) continue;
        StageResult r;
        r.stage = stage;
        std::vector<double> weights;
        for (const auto& s : list) {
            weights.push_back(static_cast<double>(s.students));
            r.students += s.students;
        }
        r.cv_pass = true;
        for (auto i : indicators) {
            std::vector<double> values;
            for (const auto& s : list) values.push_back(s.values[index_of(i)]);
            auto d = weighted_dispersion(values, weights);
            IndicatorResult ir{i,
                               d.cv,
                               p.cv_limit(stage),
                               d.mean,
                               p.standards_of(stage)[index_of(i)],
                               d.cv <= p.cv_limit(stage) + tolerance};
            r.cv_pass = r.cv_pass && ir.pass;
            r.indicators.push_back(ir);
            double variance = d.sd * d.sd;
            for (std::size_t k = 0; k < list.size(); ++k) {
                double dev = values[k] - d.mean;
                list[k].variance_share[index_of(i)] =
                    variance > 0
                        ? weights[k] / static_cast<double>(r.students) * dev * dev / variance
                        : 0;
            }
        }
        for (const auto& s : list) r.schools_passing += s.pass ? 1 : 0;
        r.pass = r.cv_pass && r.schools_passing == static_cast<std::int64_t>(list.size());
        r.schools = std::move(list);
        out.stages.push_back(std::move(r));
    }
    // No inputs at all is "no data"; some schools without inputs leave the year "incomplete".
    if (out.stages.empty())
        out.verdict = Verdict::no_data;
    else if (!out.missing.empty())
        out.verdict = Verdict::incomplete;
    else
        out.verdict = std::all_of(out.stages.begin(), out.stages.end(),
                                  [](const StageResult& s) { return s.pass; })
                          ? Verdict::pass
                          : Verdict::fail;
    return out;
}

std::vector<StageEffect> pairing_effect(const CountyBalance& previous, const CountyBalance& current,
                                        const std::set<std::int64_t>& paired,
                                        const std::set<std::int64_t>& weak) {
    std::vector<StageEffect> out;
    for (auto stage : stages) {
        StageEffect effect{stage, {}, {}};
        const StageResult* now = nullptr;
        const StageResult* before = nullptr;
        for (const auto& s : current.stages)
            if (s.stage == stage) now = &s;
        for (const auto& s : previous.stages)
            if (s.stage == stage) before = &s;
        if (!now || !before) continue;
        std::map<std::int64_t, const StageSchool*> last;
        for (const auto& s : before->schools) last[s.institution] = &s;
        for (const auto& s : now->schools) {
            auto it = last.find(s.institution);
            if (it == last.end()) continue;
            EffectGroup* g = paired.contains(s.institution) ? &effect.paired
                             : weak.contains(s.institution) ? &effect.unpaired_weak
                                                            : nullptr;
            if (!g) continue;
            ++g->schools;
            for (auto i : indicators)
                g->mean_change[index_of(i)] +=
                    s.values[index_of(i)] - it->second->values[index_of(i)];
        }
        for (auto* g : {&effect.paired, &effect.unpaired_weak})
            if (g->schools > 0)
                for (auto& v : g->mean_change) v /= static_cast<double>(g->schools);
        out.push_back(effect);
    }
    return out;
}

// ---- JSON -----------------------------------------------------------------------------------

json::object values_json(const Values& v) {
    json::object o;
    for (auto i : indicators) o[indicator_key(i)] = rounded(v[index_of(i)]);
    return o;
}

json::object to_json(const StageSchool& s) {
    return {{"institution", s.institution},
            {"name", s.name},
            {"students", s.students},
            {"split", s.split},
            {"values", values_json(s.values)},
            {"missed", keys(s.missed)},
            {"below_floor", keys(s.below_floor)},
            {"pass", s.pass},
            {"variance_share", values_json(s.variance_share)}};
}

json::array indicators_json(const StageResult& s) {
    json::array out;
    for (const auto& i : s.indicators)
        out.push_back({{"key", indicator_key(i.key)},
                       {"cv", rounded(i.cv)},
                       {"limit", i.limit},
                       {"pass", i.pass},
                       {"mean", rounded(i.mean)},
                       {"standard", i.standard}});
    return out;
}

json::object summary_json(const StageResult& s) {
    return {{"stage", stage_key(s.stage)},
            {"students", s.students},
            {"cv_pass", s.cv_pass},
            {"pass", s.pass},
            {"schools_passing", s.schools_passing},
            {"schools_total", static_cast<std::int64_t>(s.schools.size())},
            {"indicators", indicators_json(s)}};
}

json::object to_json(const StageResult& s) {
    auto o = summary_json(s);
    json::array schools;
    for (const auto& x : s.schools) schools.push_back(to_json(x));
    o["schools"] = std::move(schools);
    return o;
}

json::object to_json(const CountyBalance& b, std::string_view lang) {
    json::array stages_json, excluded, missing;
    for (const auto& s : b.stages) stages_json.push_back(to_json(s));
    for (const auto& x : b.excluded)
        excluded.push_back(
            {{"institution", x.institution}, {"name", x.name}, {"reason", x.reason.in(lang)}});
    for (const auto& x : b.missing)
        missing.push_back({{"institution", x.institution}, {"name", x.name}});
    return {{"verdict", verdict_key(b.verdict)},
            {"verdict_label", verdict_label(b.verdict).in(lang)},
            {"stages", std::move(stages_json)},
            {"excluded", std::move(excluded)},
            {"missing", std::move(missing)}};
}

json::array to_json(const std::vector<StageEffect>& e) {
    json::array out;
    auto group = [](const EffectGroup& g) {
        return json::object{{"schools", g.schools}, {"mean_change", values_json(g.mean_change)}};
    };
    for (const auto& s : e)
        out.push_back({{"stage", stage_key(s.stage)},
                       {"paired", group(s.paired)},
                       {"unpaired_weak", group(s.unpaired_weak)}});
    return out;
}

}  // namespace bangfu::core::balance
