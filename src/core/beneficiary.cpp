#include "core/beneficiary.hpp"

#include <algorithm>
#include <array>

#include "core/money.hpp"
#include "core/text.hpp"

namespace bangfu::core {

namespace dict {
namespace {
constexpr std::array beneficiary_kinds{Option{"student", "学生", "Student"},
                                       Option{"household", "农户", "Household"}};
constexpr std::array beneficiary_categories{
    Option{"registered_poor", "建档立卡", "Registered poor (建档立卡)"},
    Option{"subsistence", "低保", "Subsistence allowance"},
    Option{"learning_difficulty", "学习困难", "Learning difficulty"},
    Option{"left_behind", "留守儿童", "Left-behind child"},
    Option{"disability", "残疾", "Disability"},
    Option{"other", "其他", "Other"}};
constexpr std::array poverty_causes{Option{"lack_labour", "缺劳动力", "Lack of labour"},
                                    Option{"illness", "因病", "Illness"},
                                    Option{"disability", "因残", "Disability"},
                                    Option{"education", "因学", "Education costs"},
                                    Option{"lack_skills", "缺技术", "Lack of skills"},
                                    Option{"lack_funds", "缺资金", "Lack of funds"},
                                    Option{"lack_land", "缺土地", "Lack of land"},
                                    Option{"disaster", "因灾", "Disaster"},
                                    Option{"other", "其他", "Other"}};
constexpr std::array labour_capacities{Option{"full", "有劳动力", "Able to work"},
                                       Option{"weak", "弱劳动力", "Partly able to work"},
                                       Option{"none", "无劳动力", "Unable to work"}};
constexpr std::array member_healths{
    Option{"healthy", "健康", "Healthy"}, Option{"chronic", "长期慢性病", "Chronic illness"},
    Option{"serious", "大病", "Serious illness"}, Option{"disabled", "残疾", "Disabled"}};
}  // namespace
const Dictionary beneficiary_kind{"beneficiary_kind", beneficiary_kinds};
const Dictionary beneficiary_category{"beneficiary_category", beneficiary_categories};
const Dictionary poverty_cause{"poverty_cause", poverty_causes};
const Dictionary labour_capacity{"labour_capacity", labour_capacities};
const Dictionary member_health{"member_health", member_healths};
}  // namespace dict

namespace {
constexpr std::array labels{
    FieldLabel{"kind", "类别", "kind"},
    FieldLabel{"name", "姓名", "name"},
    FieldLabel{"gender", "性别", "gender"},
    FieldLabel{"birth_date", "出生日期", "date of birth"},
    FieldLabel{"id_number", "身份证号", "ID number"},
    FieldLabel{"institution", "所在单位", "institution"},
    FieldLabel{"grade", "年级", "grade"},
    FieldLabel{"class_name", "班级", "class"},
    FieldLabel{"categories", "帮扶类别", "categories"},
    FieldLabel{"guardian_name", "监护人", "guardian"},
    FieldLabel{"guardian_relation", "监护人关系", "guardian's relation"},
    FieldLabel{"phone", "联系电话", "phone"},
    FieldLabel{"address", "家庭住址", "address"},
    FieldLabel{"family_situation", "家庭情况", "family situation"},
    FieldLabel{"poverty_causes", "致贫原因", "causes of poverty"},
    FieldLabel{"annual_income", "家庭年收入（元）", "annual income (yuan)"},
    FieldLabel{"measures", "帮扶措施", "measures taken"},
    FieldLabel{"members", "家庭成员", "household members"},
};
constexpr std::array member_labels{
    FieldLabel{"name", "姓名", "name"},
    FieldLabel{"relation", "与户主关系", "relation"},
    FieldLabel{"gender", "性别", "gender"},
    FieldLabel{"birth_date", "出生日期", "date of birth"},
    FieldLabel{"labour_capacity", "劳动能力", "labour capacity"},
    FieldLabel{"health", "健康状况", "health"},
    FieldLabel{"occupation", "从业情况", "occupation"},
    FieldLabel{"note", "备注", "note"},
};
constexpr std::string_view masked_text = "******";

boost::json::array to_array(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

boost::json::object member_json(const HouseholdMember& m) {
    return {{"id", m.id},
            {"name", m.name},
            {"relation", m.relation},
            {"gender", m.gender},
            {"birth_date", m.birth_date ? boost::json::value(*m.birth_date) : nullptr},
            {"labour_capacity", m.labour_capacity},
            {"health", m.health},
            {"occupation", m.occupation},
            {"note", m.note}};
}

// A personal field sent back exactly as it was shown masked keeps its stored value: an edit
// form that never unmasked must not overwrite the real number with asterisks.
void personal_text(FieldReader& f, std::string_view key, std::string& out,
                   std::string (*mask)(std::string_view)) {
    std::string sent = out;
    f.text(key, sent);
    if (!out.empty() && sent == mask(out)) return;
    out = std::move(sent);
}

void check_list(FieldErrors& e, std::string_view field, const std::vector<std::string>& values,
                const Dictionary& d) {
    if (e.contains(std::string(field))) return;
    for (const auto& v : values) {
        if (!d.contains(v)) {
            e[std::string(field)] = field_message(
                labels, field, "中有未知项：" + v + "，应为：" + d.labels("zh"),
                "contains an unknown entry: " + v + " (expected " + d.labels("en") + ")");
            return;
        }
        if (std::count(values.begin(), values.end(), v) > 1) {
            e[std::string(field)] =
                field_message(labels, field, "中有重复项：" + v, "lists an entry twice: " + v);
            return;
        }
    }
}

std::optional<Text> date_problem(const std::optional<std::string>& d, const Date& today) {
    if (!d) return std::nullopt;
    auto parsed = parse_date(*d);
    if (!parsed) return Text{"应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD"};
    if (*parsed > today) return Text{"不能晚于今天", "must not be in the future"};
    if (years_between(*parsed, today) > 120)
        return Text{"对应的年龄超过 120 岁", "gives an age above 120"};
    return std::nullopt;
}
}  // namespace

std::span<const FieldLabel> beneficiary_labels() {
    return labels;
}

char id_number_check_digit(std::string_view first17) {
    static constexpr std::array<int, 17> weights{7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                 3, 7, 9,  10, 5, 8, 4, 2};
    static constexpr std::string_view check = "10X98765432";
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
    return check[static_cast<std::size_t>(sum % 11)];
}

std::optional<Text> id_number_problem(std::string_view id) {
    if (id.size() != 18)
        return Text{"应为 18 位（现为 " + std::to_string(char_count(id)) + " 位）",
                    "must have 18 characters (has " + std::to_string(char_count(id)) + ")"};
    for (std::size_t i = 0; i < 17; ++i)
        if (id[i] < '0' || id[i] > '9')
            return Text{"前 17 位应为数字", "must start with 17 digits"};
    if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
        return Text{"第 18 位应为数字或 X", "must end with a digit or X"};
    if (!parse_date(id_number_birth_date(id)))
        return Text{"中的出生日期（第 7–14 位）不是有效日期",
                    "holds no valid date of birth (characters 7–14)"};
    if (id_number_check_digit(id) != id[17])
        return Text{"校验位不正确，请核对是否输错",
                    "has a wrong check digit; please check for typos"};
    return std::nullopt;
}

std::string id_number_birth_date(std::string_view id) {
    if (id.size() < 14) return {};
    return std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
           std::string(id.substr(12, 2));
}

std::string normalise_id_number(std::string_view text) {
    std::string s = trim(text);
    if (!s.empty() && s.back() == 'x') s.back() = 'X';
    return s;
}

bool looks_like_full_id_number(std::string_view text) {
    if (text.size() != 18) return false;
    for (std::size_t i = 0; i < 17; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return (text[17] >= '0' && text[17] <= '9') || text[17] == 'X' || text[17] == 'x';
}

std::string mask_id_number(std::string_view id) {
    if (id.empty()) return {};
    if (id.size() != 18) return std::string(masked_text);
    return std::string(id.substr(0, 3)) + std::string(11, '*') + std::string(id.substr(14));
}

std::string mask_text(std::string_view text) {
    return text.empty() ? std::string() : std::string(masked_text);
}

bool has_personal_data(const Beneficiary& x) {
    return !x.id_number.empty() || !x.phone.empty() || !x.address.empty() ||
           !x.family_situation.empty();
}

boost::json::object to_json(const Beneficiary& x, bool mask_personal) {
    boost::json::object o;
    o["id"] = x.id;
    o["kind"] = x.kind;
    o["name"] = x.name;
    o["gender"] = x.gender;
    o["birth_date"] =
        x.birth_date ? boost::json::value(*x.birth_date) : boost::json::value(nullptr);
    o["id_number"] = mask_personal ? mask_id_number(x.id_number) : x.id_number;
    o["institution"] = x.institution;
    o["institution_name"] = x.institution_name;
    o["grade"] = x.grade;
    o["class_name"] = x.class_name;
    o["categories"] = to_array(x.categories);
    o["guardian_name"] = x.guardian_name;
    o["guardian_relation"] = x.guardian_relation;
    o["phone"] = mask_personal ? mask_phone(x.phone) : x.phone;
    o["address"] = mask_personal ? mask_text(x.address) : x.address;
    o["family_situation"] = mask_personal ? mask_text(x.family_situation) : x.family_situation;
    o["personal_masked"] = mask_personal && has_personal_data(x);
    o["poverty_causes"] = to_array(x.poverty_causes);
    o["annual_income_fen"] = x.annual_income_fen ? boost::json::value(*x.annual_income_fen)
                                                 : boost::json::value(nullptr);
    o["annual_income"] = x.annual_income_fen ? boost::json::value(format_yuan(*x.annual_income_fen))
                                             : boost::json::value(nullptr);
    o["measures"] = x.measures;
    boost::json::array members;
    for (const auto& m : x.members) members.push_back(member_json(m));
    o["members"] = std::move(members);
    o["archived"] = x.archived;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Beneficiary& x, const boost::json::object& o, FieldErrors& e) {
    // What a detail answer holds besides the fields (so a client may send it back).
    static constexpr std::array<std::string_view, 8> ignored{
        "id",         "institution_name", "archived",          "created_at",
        "updated_at", "personal_masked",  "annual_income_fen", "may_unmask"};
    FieldReader f(o, labels, e, ignored);
    f.text("kind", x.kind);
    f.text("name", x.name);
    f.text("gender", x.gender);
    f.optional_text("birth_date", x.birth_date);
    if (f.has("id_number")) {
        std::string before = x.id_number;
        personal_text(f, "id_number", x.id_number, mask_id_number);
        if (x.id_number != before) x.id_number = normalise_id_number(x.id_number);
    }
    f.integer("institution", x.institution);
    f.text("grade", x.grade);
    f.text("class_name", x.class_name);
    f.text_list("categories", x.categories);
    f.text("guardian_name", x.guardian_name);
    f.text("guardian_relation", x.guardian_relation);
    personal_text(f, "phone", x.phone, mask_phone);
    personal_text(f, "address", x.address, mask_text);
    personal_text(f, "family_situation", x.family_situation, mask_text);
    f.text_list("poverty_causes", x.poverty_causes);
    if (const auto* v = o.if_contains("annual_income")) {
        if (v->is_null()) {
            x.annual_income_fen.reset();
        } else if (!v->is_string()) {
            e["annual_income"] = field_message(labels, "annual_income", "应为金额文本，如 3650.50",
                                               "must be yuan as text, e.g. \"3650.50\"");
        } else if (trim(v->get_string()).empty()) {
            x.annual_income_fen.reset();
        } else {
            Text why;
            auto fen = parse_yuan(v->get_string(), &why);
            if (!fen)
                e["annual_income"] = {std::string(labels[15].zh) + why.zh,
                                      std::string(labels[15].en) + " " + why.en};
            else
                x.annual_income_fen = *fen;
        }
    }
    f.text("measures", x.measures);
    if (const auto* v = o.if_contains("members")) {
        if (!v->is_array()) {
            e["members"] = field_message(labels, "members", "应为列表", "must be a list");
        } else {
            std::vector<HouseholdMember> members;
            for (std::size_t i = 0; i < v->get_array().size(); ++i) {
                const auto& item = v->get_array()[i];
                std::string prefix_zh = "第 " + std::to_string(i + 1) + " 位家庭成员：";
                std::string prefix_en = "member " + std::to_string(i + 1) + ": ";
                if (!item.is_object()) {
                    e["members"] = {prefix_zh + "应为对象", prefix_en + "must be an object"};
                    break;
                }
                HouseholdMember m;
                FieldErrors me;
                static constexpr std::array<std::string_view, 1> member_ignored{"id"};
                FieldReader mf(item.get_object(), member_labels, me, member_ignored);
                mf.text("name", m.name);
                mf.text("relation", m.relation);
                mf.text("gender", m.gender);
                mf.optional_text("birth_date", m.birth_date);
                mf.text("labour_capacity", m.labour_capacity);
                mf.text("health", m.health);
                mf.text("occupation", m.occupation);
                mf.text("note", m.note);
                if (!me.empty()) {
                    const auto& [k, msg] = *me.begin();
                    e["members"] = {prefix_zh + msg.zh, prefix_en + msg.en};
                    break;
                }
                members.push_back(std::move(m));
            }
            if (!e.contains("members")) x.members = std::move(members);
        }
    }
}

void complete_from_id_number(Beneficiary& x) {
    if (!x.birth_date && !id_number_problem(x.id_number))
        x.birth_date = id_number_birth_date(x.id_number);
}

FieldErrors validate(const Beneficiary& x, const Date& today) {
    FieldErrors e;
    check_choice(labels, e, "kind", x.kind, dict::beneficiary_kind);
    bool student = x.kind == "student";
    check_required_text(labels, e, "name", x.name, 50);
    if (student || !x.gender.empty()) check_choice(labels, e, "gender", x.gender, dict::gender);
    if (auto p = date_problem(x.birth_date, today))
        e["birth_date"] = {"出生日期" + p->zh, "date of birth " + p->en};
    // A student helped is a child or a young adult: a date of birth giving 45 years is a typo.
    if (student && x.birth_date && !e.contains("birth_date")) {
        int age = years_between(*parse_date(*x.birth_date), today);
        if (age < 1 || age > 30)
            e["birth_date"] = {"出生日期对应的年龄为 " + std::to_string(age) +
                                   " 岁，学生的年龄应在 1 到 30 岁之间",
                               "date of birth gives an age of " + std::to_string(age) +
                                   "; a student is 1 to 30 years old"};
    }
    if (!x.id_number.empty()) {
        if (auto p = id_number_problem(x.id_number)) {
            e["id_number"] = {"身份证号" + p->zh, "ID number " + p->en};
        } else if (x.birth_date && !e.contains("birth_date") &&
                   *x.birth_date != id_number_birth_date(x.id_number)) {
            e["id_number"] = {"身份证号中的出生日期 " + id_number_birth_date(x.id_number) +
                                  " 与填写的出生日期 " + *x.birth_date + " 不一致",
                              "ID number gives the date of birth " +
                                  id_number_birth_date(x.id_number) + ", not " + *x.birth_date};
        }
    }
    if (x.institution <= 0 && !e.contains("institution"))
        e["institution"] = field_message(labels, "institution", "不能为空", "is required");
    check_optional_text(labels, e, "grade", x.grade, 20);
    check_optional_text(labels, e, "class_name", x.class_name, 20);
    check_list(e, "categories", x.categories, dict::beneficiary_category);
    check_optional_text(labels, e, "guardian_name", x.guardian_name, 50);
    check_optional_text(labels, e, "guardian_relation", x.guardian_relation, 20);
    check_phone(labels, e, "phone", x.phone);
    check_optional_text(labels, e, "address", x.address, 200);
    check_optional_text(labels, e, "family_situation", x.family_situation, 2000);
    check_list(e, "poverty_causes", x.poverty_causes, dict::poverty_cause);
    if (x.annual_income_fen && *x.annual_income_fen < 0 && !e.contains("annual_income"))
        e["annual_income"] =
            field_message(labels, "annual_income", "不能为负数", "must not be negative");
    check_optional_text(labels, e, "measures", x.measures, 2000);
    if (student && !x.members.empty() && !e.contains("members"))
        e["members"] = field_message(labels, "members", "只适用于农户", "apply to households only");
    if (student && !x.poverty_causes.empty() && !e.contains("poverty_causes"))
        e["poverty_causes"] =
            field_message(labels, "poverty_causes", "只适用于农户", "apply to households only");
    if (!e.contains("members")) {
        for (std::size_t i = 0; i < x.members.size(); ++i) {
            const auto& m = x.members[i];
            FieldErrors me;
            check_required_text(member_labels, me, "name", m.name, 50);
            check_optional_text(member_labels, me, "relation", m.relation, 20);
            if (!m.gender.empty())
                check_choice(member_labels, me, "gender", m.gender, dict::gender);
            if (auto p = date_problem(m.birth_date, today))
                me["birth_date"] = {"出生日期" + p->zh, "date of birth " + p->en};
            if (!m.labour_capacity.empty())
                check_choice(member_labels, me, "labour_capacity", m.labour_capacity,
                             dict::labour_capacity);
            if (!m.health.empty())
                check_choice(member_labels, me, "health", m.health, dict::member_health);
            check_optional_text(member_labels, me, "occupation", m.occupation, 100);
            check_optional_text(member_labels, me, "note", m.note, 500);
            if (!me.empty()) {
                const auto& [k, msg] = *me.begin();
                e["members"] = {"第 " + std::to_string(i + 1) + " 位家庭成员：" + msg.zh,
                                "member " + std::to_string(i + 1) + ": " + msg.en};
                break;
            }
        }
    }
    return e;
}

}  // namespace bangfu::core
