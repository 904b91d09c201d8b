#include "core/donation.hpp"

#include <array>

#include "core/dictionary.hpp"
#include "core/money.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"kind", "捐赠类型", "kind"},
    FieldLabel{"donated_on", "捐赠日期", "date"},
    FieldLabel{"donor_kind", "捐赠方类型", "donor kind"},
    FieldLabel{"donor_institution", "捐赠单位", "donor institution"},
    FieldLabel{"donor_staff", "捐赠人（教职工）", "donor (staff)"},
    FieldLabel{"donor_name", "捐赠方名称", "donor name"},
    FieldLabel{"recipient_institution", "受赠单位", "recipient institution"},
    FieldLabel{"amount_fen", "金额", "amount"},
    FieldLabel{"category", "物资类别", "category"},
    FieldLabel{"quantity", "数量", "quantity"},
    FieldLabel{"unit", "单位（件、套、台、册…）", "unit"},
    FieldLabel{"purpose", "用途", "purpose"},
    FieldLabel{"note", "备注", "note"},
};

void error(FieldErrors& e, std::string_view field, std::string_view zh, std::string_view en) {
    if (!e.contains(std::string(field)))
        e[std::string(field)] = field_message(labels, field, zh, en);
}
}  // namespace

std::span<const FieldLabel> donation_labels() {
    return labels;
}

boost::json::object to_json(const Donation& x) {
    auto opt_int = [](const std::optional<std::int64_t>& v) {
        return v ? boost::json::value(*v) : boost::json::value(nullptr);
    };
    boost::json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["pairing"] = opt_int(x.pairing);
    o["pairing_label"] = x.pairing_label;
    o["kind"] = x.kind;
    o["donated_on"] = x.donated_on;
    o["donor_kind"] = x.donor_kind;
    o["donor_institution"] = opt_int(x.donor_institution);
    o["donor_institution_name"] = x.donor_institution_name;
    o["donor_staff"] = opt_int(x.donor_staff);
    o["donor_staff_name"] = x.donor_staff_name;
    o["donor_name"] = x.donor_name;
    o["donor_display"] = donor_display(x);
    o["recipient_institution"] = opt_int(x.recipient_institution);
    o["recipient_institution_name"] = x.recipient_institution_name;
    o["amount_fen"] = x.amount_fen;
    // For display only (exact text, never a float); writes take amount_fen.
    o["amount_yuan"] = format_yuan(x.amount_fen);
    o["category"] = x.category ? boost::json::value(*x.category) : boost::json::value(nullptr);
    o["quantity"] = opt_int(x.quantity);
    o["unit"] = x.unit;
    o["purpose"] = x.purpose;
    o["note"] = x.note;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Donation& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 10> ignored{"id",
                                                              "program_name",
                                                              "pairing_label",
                                                              "donor_institution_name",
                                                              "donor_staff_name",
                                                              "donor_display",
                                                              "recipient_institution_name",
                                                              "created_at",
                                                              "updated_at",
                                                              "amount_yuan"};
    FieldReader f(o, labels, e, ignored);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.text("kind", x.kind);
    f.text("donated_on", x.donated_on);
    f.text("donor_kind", x.donor_kind);
    f.optional_integer("donor_institution", x.donor_institution);
    f.optional_integer("donor_staff", x.donor_staff);
    f.text("donor_name", x.donor_name);
    f.optional_integer("recipient_institution", x.recipient_institution);
    f.integer("amount_fen", x.amount_fen);
    f.optional_text("category", x.category);
    f.optional_integer("quantity", x.quantity);
    f.text("unit", x.unit);
    f.text("purpose", x.purpose);
    f.text("note", x.note);
}

FieldErrors validate(const Donation& x, const Date& today) {
    FieldErrors e;
    if (x.program <= 0) error(e, "program", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0) error(e, "pairing", "无效", "is not valid");
    check_choice(labels, e, "kind", x.kind, dict::donation_kind);
    if (!e.contains("donated_on")) {
        auto d = parse_date(x.donated_on);
        if (x.donated_on.empty())
            error(e, "donated_on", "不能为空", "is required");
        else if (!d)
            error(e, "donated_on", "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
        else if (*d > today)
            error(e, "donated_on", "不能晚于今天", "must not be in the future");
    }

    // The donor: each kind names the donor in its own fields, and the fields of the other kinds
    // must be empty, so nothing typed into a hidden input is stored without being shown.
    check_choice(labels, e, "donor_kind", x.donor_kind, dict::donor_kind);
    if (!e.contains("donor_kind")) {
        const auto& k = x.donor_kind;
        bool wants_institution = k == "institution" || k == "students";
        if (wants_institution && !x.donor_institution)
            error(e, "donor_institution", "不能为空", "is required");
        if (!wants_institution && x.donor_institution)
            error(e, "donor_institution", "只在捐赠方为单位或学生捐款时填写",
                  "is only given for an institution or a students' collection");
        if (k == "staff" && !x.donor_staff) error(e, "donor_staff", "不能为空", "is required");
        if (k != "staff" && x.donor_staff)
            error(e, "donor_staff", "只在捐赠方为教职工时填写",
                  "is only given when a staff member donates");
        if (k == "outside" && x.donor_name.empty())
            error(e, "donor_name", "不能为空（社会捐赠须写明捐赠方）",
                  "is required for an outside donor");
        if ((k == "institution" || k == "staff") && !x.donor_name.empty())
            error(e, "donor_name", "只在学生捐款或社会捐赠时填写",
                  "is only given for a students' collection or an outside donor");
    }
    if (x.donor_institution && *x.donor_institution <= 0)
        error(e, "donor_institution", "无效", "is not valid");
    if (x.donor_staff && *x.donor_staff <= 0) error(e, "donor_staff", "无效", "is not valid");
    check_optional_text(labels, e, "donor_name", x.donor_name, 100);
    if (x.recipient_institution && *x.recipient_institution <= 0)
        error(e, "recipient_institution", "无效", "is not valid");
    if (!x.pairing && !x.recipient_institution && !e.contains("pairing"))
        error(e, "recipient_institution", "不能为空（未选结对关系时须指定受赠单位）",
              "is required when no pairing is given");

    // Funds are an amount; materials are a category, a quantity with its unit, and a value.
    if (x.amount_fen > max_amount_fen)
        error(e, "amount_fen", "超过上限（1000 亿元）", "exceeds the limit (100 billion yuan)");
    if (x.kind == "funds") {
        if (x.amount_fen <= 0) error(e, "amount_fen", "应大于 0", "must be greater than 0");
        if (x.category) error(e, "category", "只在捐赠物资时填写", "is only given for materials");
        if (x.quantity) error(e, "quantity", "只在捐赠物资时填写", "is only given for materials");
        if (!x.unit.empty()) error(e, "unit", "只在捐赠物资时填写", "is only given for materials");
    } else if (x.kind == "materials") {
        if (x.amount_fen < 0)
            error(e, "amount_fen", "（折合价值）不能为负数",
                  "(valued amount) must not be negative");
        if (!x.category || x.category->empty()) error(e, "category", "不能为空", "is required");
        if (!x.quantity)
            error(e, "quantity", "不能为空", "is required");
        else if (*x.quantity <= 0)
            error(e, "quantity", "应大于 0", "must be greater than 0");
        else if (*x.quantity > 100'000'000)
            error(e, "quantity", "不能超过 1 亿", "must be at most 100,000,000");
        check_required_text(labels, e, "unit", x.unit, 10);
    }
    check_optional_text(labels, e, "purpose", x.purpose, 500);
    check_optional_text(labels, e, "note", x.note, 2000);
    return e;
}

std::string donor_display(const Donation& x) {
    if (x.donor_kind == "institution") return x.donor_institution_name;
    if (x.donor_kind == "staff") return x.donor_staff_name;
    if (x.donor_kind == "students") {
        if (x.donor_name.empty()) return x.donor_institution_name;
        return x.donor_institution_name + " " + x.donor_name;
    }
    return x.donor_name;
}

}  // namespace bangfu::core
