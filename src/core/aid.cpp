#include "core/aid.hpp"

#include <fmt/format.h>

#include <array>
#include <set>

#include "core/dictionary.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace bangfu::core {

namespace {
constexpr std::array case_labels{
    FieldLabel{"beneficiary", "帮扶对象", "beneficiary"},
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"helper_kind", "帮扶人类型", "helper kind"},
    FieldLabel{"helper_staff", "帮扶教职工", "helping staff member"},
    FieldLabel{"helper_name", "帮扶人姓名", "helper name"},
    FieldLabel{"helper_institution", "帮扶人单位", "helper's institution"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"goals", "帮扶目标", "goals"},
    FieldLabel{"cadences", "帮扶频次", "cadence plan"},
};
constexpr std::array record_labels{
    FieldLabel{"record_date", "日期", "date"},
    FieldLabel{"kind", "帮扶方式", "kind of help"},
    FieldLabel{"duration_minutes", "时长（分钟）", "duration (minutes)"},
    FieldLabel{"amount_fen", "金额", "amount"},
    FieldLabel{"monthly_wage_fen", "月工资", "monthly wage"},
    FieldLabel{"notes", "记录内容", "notes"},
};
constexpr std::array outcome_labels{
    FieldLabel{"recorded_on", "日期", "date"},
    FieldLabel{"note", "进展情况", "progress note"},
    FieldLabel{"grade_score", "学业成绩", "grades"},
    FieldLabel{"attendance_percent", "出勤率（%）", "attendance (%)"},
    FieldLabel{"employed", "已就业", "employed"},
    FieldLabel{"monthly_wage_fen", "月工资", "monthly wage"},
};
constexpr std::size_t name_max = 100;
constexpr std::size_t cadence_note_max = 200;

boost::json::value opt(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::string label_of(const Dictionary& d, const std::string& code, std::string_view lang) {
    const Option* o = d.find(code);
    return o ? std::string(lang == "en" ? o->en : o->zh) : code;
}

void check_date(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                const std::string& text, std::optional<Date>& out) {
    if (e.contains(std::string(field))) return;
    if (text.empty()) {
        e[std::string(field)] = field_message(labels, field, "不能为空", "is required");
        return;
    }
    out = parse_date(text);
    if (!out)
        e[std::string(field)] =
            field_message(labels, field, "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
}

void check_range(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
                 std::int64_t value, std::int64_t min, std::int64_t max) {
    if (e.contains(std::string(field))) return;
    if (value < min || value > max)
        e[std::string(field)] =
            field_message(labels, field, fmt::format("应在 {} 到 {} 之间", min, max),
                          fmt::format("must be between {} and {}", min, max));
}

void check_wage(std::span<const FieldLabel> labels, FieldErrors& e,
                const std::optional<std::int64_t>& wage) {
    if (wage && !e.contains("monthly_wage_fen") && (*wage <= 0 || *wage > max_amount_fen))
        e["monthly_wage_fen"] =
            field_message(labels, "monthly_wage_fen", "应大于 0", "must be greater than 0");
}

Text cadence_error(std::string_view zh, std::string_view en) {
    return field_message(case_labels, "cadences", zh, en);
}

std::optional<AidCadence> read_cadence(const boost::json::value& v, std::size_t index,
                                       FieldErrors& e) {
    auto where = [&](std::string_view zh, std::string_view en) {
        e["cadences"] = cadence_error(fmt::format("第 {} 项{}", index + 1, zh),
                                      fmt::format("item {} {}", index + 1, en));
    };
    if (!v.is_object()) {
        where("应为 {kind, every_count, every_unit} 对象",
              "must be an object {kind, every_count, every_unit}");
        return std::nullopt;
    }
    AidCadence c;
    for (const auto& kv : v.get_object()) {
        std::string_view k = kv.key();
        const auto& val = kv.value();
        if (k == "kind" || k == "every_unit" || k == "note") {
            if (!val.is_string()) {
                where(fmt::format("的 {} 应为文本", k), fmt::format("{} must be a string", k));
                return std::nullopt;
            }
            std::string t = trim(val.get_string());
            (k == "kind" ? c.kind : k == "every_unit" ? c.every_unit : c.note) = std::move(t);
        } else if (k == "every_count") {
            if (!val.is_int64()) {
                where("的间隔应为整数", "every_count must be an integer");
                return std::nullopt;
            }
            c.every_count = val.get_int64();
        } else if (k == "kind_label" || k == "unit_label" || k == "last_date" || k == "due_date" ||
                   k == "overdue" || k == "days_overdue") {
            // Derived values a client may send back.
        } else {
            where(fmt::format("含有未知字段 {}", k), fmt::format("has an unknown field {}", k));
            return std::nullopt;
        }
    }
    return c;
}
}  // namespace

std::span<const FieldLabel> aid_case_labels() {
    return case_labels;
}
std::span<const FieldLabel> aid_record_labels() {
    return record_labels;
}
std::span<const FieldLabel> aid_outcome_labels() {
    return outcome_labels;
}

boost::json::object to_json(const AidCase& x, std::string_view lang) {
    boost::json::object o;
    o["id"] = x.id;
    o["beneficiary"] = x.beneficiary;
    o["beneficiary_name"] = x.beneficiary_name;
    o["beneficiary_kind"] = x.beneficiary_kind;
    o["beneficiary_institution"] = x.beneficiary_institution;
    o["beneficiary_institution_name"] = x.beneficiary_institution_name;
    o["grade"] = x.grade;
    o["class_name"] = x.class_name;
    o["program"] = opt(x.program);
    o["program_name"] = x.program_name;
    o["helper_kind"] = x.helper_kind;
    o["helper_kind_label"] = label_of(dict::aid_helper_kind, x.helper_kind, lang);
    o["helper_staff"] = opt(x.helper_staff);
    o["helper_name"] = x.helper_name;
    o["helper_institution"] = x.helper_institution;
    o["helper_institution_name"] = x.helper_institution_name;
    o["start_date"] = x.start_date;
    o["end_date"] = x.end_date ? boost::json::value(*x.end_date) : boost::json::value(nullptr);
    o["goals"] = x.goals;
    boost::json::array cs;
    for (const auto& c : x.cadences)
        cs.push_back({{"kind", c.kind},
                      {"kind_label", label_of(dict::aid_help_kind, c.kind, lang)},
                      {"every_count", c.every_count},
                      {"every_unit", c.every_unit},
                      {"unit_label", label_of(dict::aid_cadence_unit, c.every_unit, lang)},
                      {"note", c.note},
                      {"last_date", c.last_date.empty() ? boost::json::value(nullptr)
                                                        : boost::json::value(c.last_date)},
                      {"due_date", c.due_date},
                      {"overdue", c.overdue},
                      {"days_overdue", c.days_overdue}});
    o["cadences"] = std::move(cs);
    o["record_count"] = x.record_count;
    o["last_record_date"] = x.last_record_date.empty() ? boost::json::value(nullptr)
                                                       : boost::json::value(x.last_record_date);
    o["next_due_date"] =
        x.next_due_date.empty() ? boost::json::value(nullptr) : boost::json::value(x.next_due_date);
    o["overdue"] = x.overdue;
    o["status"] = x.status;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(AidCase& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 20> ignored{"id",
                                                              "created_at",
                                                              "updated_at",
                                                              "beneficiary_name",
                                                              "beneficiary_kind",
                                                              "beneficiary_institution",
                                                              "beneficiary_institution_name",
                                                              "grade",
                                                              "class_name",
                                                              "program_name",
                                                              "helper_kind_label",
                                                              "helper_institution_name",
                                                              "record_count",
                                                              "last_record_date",
                                                              "next_due_date",
                                                              "overdue",
                                                              "status",
                                                              "records",
                                                              "outcomes",
                                                              "attachments"};
    FieldReader f(o, case_labels, e, ignored);
    f.integer("beneficiary", x.beneficiary);
    f.optional_integer("program", x.program);
    f.text("helper_kind", x.helper_kind);
    f.optional_integer("helper_staff", x.helper_staff);
    f.text("helper_name", x.helper_name);
    f.integer("helper_institution", x.helper_institution);
    f.text("start_date", x.start_date);
    f.optional_text("end_date", x.end_date);
    f.text("goals", x.goals);
    if (const auto* v = o.if_contains("cadences")) {
        if (v->is_null()) {
            x.cadences.clear();
        } else if (!v->is_array()) {
            e["cadences"] = cadence_error("应为列表", "must be a list");
        } else {
            std::vector<AidCadence> cs;
            const auto& arr = v->get_array();
            for (std::size_t i = 0; i < arr.size(); ++i) {
                auto c = read_cadence(arr[i], i, e);
                if (!c) return;
                cs.push_back(std::move(*c));
            }
            x.cadences = std::move(cs);
        }
    }
}

FieldErrors validate(const AidCase& x) {
    FieldErrors e;
    if (x.beneficiary <= 0)
        e["beneficiary"] = field_message(case_labels, "beneficiary", "不能为空", "is required");
    if (x.program && *x.program <= 0)
        e["program"] = field_message(case_labels, "program", "无效", "is not valid");
    check_choice(case_labels, e, "helper_kind", x.helper_kind, dict::aid_helper_kind);
    if (x.helper_kind == "staff") {
        if (!x.helper_staff || *x.helper_staff <= 0)
            e["helper_staff"] =
                field_message(case_labels, "helper_staff", "不能为空（帮扶人为教职工时）",
                              "is required when the helper is a staff member");
    } else if (!x.helper_kind.empty() && x.helper_staff) {
        e["helper_staff"] = field_message(case_labels, "helper_staff", "只用于帮扶人为教职工的情形",
                                          "is only recorded when the helper is a staff member");
    }
    if (x.helper_kind == "student_partner")
        check_required_text(case_labels, e, "helper_name", x.helper_name, name_max);
    else
        check_optional_text(case_labels, e, "helper_name", x.helper_name, name_max);
    // A staff member's institution is theirs (the store fills it in).
    if (x.helper_kind != "staff" && x.helper_institution <= 0 && !e.contains("helper_institution"))
        e["helper_institution"] =
            field_message(case_labels, "helper_institution", "不能为空", "is required");
    std::optional<Date> start, end;
    check_date(case_labels, e, "start_date", x.start_date, start);
    if (x.end_date) check_date(case_labels, e, "end_date", *x.end_date, end);
    if (start && end && *end < *start)
        e["end_date"] = field_message(case_labels, "end_date", "不能早于开始日期",
                                      "must not be before the start date");
    check_optional_text(case_labels, e, "goals", x.goals, aid_text_max);
    if (!e.contains("cadences")) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < x.cadences.size(); ++i) {
            const auto& c = x.cadences[i];
            auto item = [&](std::string_view zh, std::string_view en) {
                e["cadences"] = cadence_error(fmt::format("第 {} 项{}", i + 1, zh),
                                              fmt::format("item {} {}", i + 1, en));
            };
            if (!dict::aid_help_kind.contains(c.kind)) {
                item("的帮扶方式应为以下之一：" + dict::aid_help_kind.labels("zh"),
                     "kind must be one of: " + dict::aid_help_kind.labels("en"));
                break;
            }
            if (!dict::aid_cadence_unit.contains(c.every_unit)) {
                item("的单位应为以下之一：" + dict::aid_cadence_unit.labels("zh"),
                     "every_unit must be one of: " + dict::aid_cadence_unit.labels("en"));
                break;
            }
            if (c.every_count < 1 || c.every_count > aid_cadence_count_max) {
                item(fmt::format("的间隔应在 1 到 {} 之间", aid_cadence_count_max),
                     fmt::format("every_count must be between 1 and {}", aid_cadence_count_max));
                break;
            }
            if (!is_valid_utf8(c.note) || has_control_characters(c.note) ||
                char_count(c.note) > cadence_note_max) {
                item(fmt::format("的说明不能超过 {} 个字", cadence_note_max),
                     fmt::format("note must be at most {} characters", cadence_note_max));
                break;
            }
            if (!seen.insert(c.kind).second) {
                item("的帮扶方式重复（每种方式只设一个频次）",
                     "repeats a kind of help (one cadence per kind)");
                break;
            }
        }
    }
    return e;
}

boost::json::object to_json(const AidRecord& x, std::string_view lang) {
    boost::json::object o;
    o["id"] = x.id;
    o["aid_case"] = x.aid_case;
    o["record_date"] = x.record_date;
    o["kind"] = x.kind;
    o["kind_label"] = label_of(dict::aid_help_kind, x.kind, lang);
    o["duration_minutes"] = x.duration_minutes;
    o["amount_fen"] = x.amount_fen;
    o["amount_yuan"] = format_yuan(x.amount_fen);
    o["monthly_wage_fen"] = opt(x.monthly_wage_fen);
    o["notes"] = x.notes;
    o["recorded_by"] = opt(x.recorded_by);
    o["recorded_by_name"] = x.recorded_by_name;
    o["attachment_count"] = x.attachment_count;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(AidRecord& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 10> ignored{
        "id",         "aid_case",         "kind_label",       "amount_yuan", "recorded_by",
        "created_at", "recorded_by_name", "attachment_count", "updated_at",  "attachments"};
    FieldReader f(o, record_labels, e, ignored);
    f.text("record_date", x.record_date);
    f.text("kind", x.kind);
    f.integer("duration_minutes", x.duration_minutes);
    f.integer("amount_fen", x.amount_fen);
    f.optional_integer("monthly_wage_fen", x.monthly_wage_fen);
    f.text("notes", x.notes);
}

FieldErrors validate(const AidRecord& x, const Date& today, const std::string& case_start,
                     const std::optional<std::string>& case_end) {
    FieldErrors e;
    std::optional<Date> date;
    check_date(record_labels, e, "record_date", x.record_date, date);
    if (date && *date > today)
        e["record_date"] = field_message(record_labels, "record_date", "不能晚于今天",
                                         "must not be in the future");
    else if (date && x.record_date < case_start)
        e["record_date"] =
            field_message(record_labels, "record_date", "不能早于帮扶开始日期 " + case_start,
                          "must not be before the case's start " + case_start);
    else if (date && case_end && x.record_date > *case_end)
        e["record_date"] =
            field_message(record_labels, "record_date", "不能晚于帮扶结束日期 " + *case_end,
                          "must not be after the case's end " + *case_end);
    check_choice(record_labels, e, "kind", x.kind, dict::aid_help_kind);
    check_range(record_labels, e, "duration_minutes", x.duration_minutes, 0, aid_duration_max);
    check_range(record_labels, e, "amount_fen", x.amount_fen, 0, max_amount_fen);
    check_wage(record_labels, e, x.monthly_wage_fen);
    if (x.kind == "job_placement" && !x.monthly_wage_fen && !e.contains("monthly_wage_fen"))
        e["monthly_wage_fen"] =
            field_message(record_labels, "monthly_wage_fen", "不能为空（就业安置须填写）",
                          "is required for a job placement");
    else if (!x.kind.empty() && x.kind != "job_placement" && x.monthly_wage_fen &&
             !e.contains("monthly_wage_fen"))
        e["monthly_wage_fen"] = field_message(record_labels, "monthly_wage_fen", "只用于就业安置",
                                              "is only recorded for a job placement");
    check_optional_text(record_labels, e, "notes", x.notes, aid_text_max);
    return e;
}

boost::json::object to_json(const AidOutcome& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["aid_case"] = x.aid_case;
    o["recorded_on"] = x.recorded_on;
    o["note"] = x.note;
    o["grade_score"] = x.grade_score;
    o["attendance_percent"] = opt(x.attendance_percent);
    o["employed"] = x.employed ? boost::json::value(*x.employed) : boost::json::value(nullptr);
    o["monthly_wage_fen"] = opt(x.monthly_wage_fen);
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(AidOutcome& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 4> ignored{"id", "aid_case", "created_at",
                                                             "updated_at"};
    FieldReader f(o, outcome_labels, e, ignored);
    f.text("recorded_on", x.recorded_on);
    f.text("note", x.note);
    f.text("grade_score", x.grade_score);
    f.optional_integer("attendance_percent", x.attendance_percent);
    if (const auto* v = o.if_contains("employed")) {
        if (v->is_null())
            x.employed.reset();
        else if (v->is_bool())
            x.employed = v->get_bool();
        else
            e["employed"] = field_message(outcome_labels, "employed", "应为是/否（true/false）",
                                          "must be true or false");
    }
    f.optional_integer("monthly_wage_fen", x.monthly_wage_fen);
}

FieldErrors validate(const AidOutcome& x, const Date& today) {
    FieldErrors e;
    std::optional<Date> date;
    check_date(outcome_labels, e, "recorded_on", x.recorded_on, date);
    if (date && *date > today)
        e["recorded_on"] = field_message(outcome_labels, "recorded_on", "不能晚于今天",
                                         "must not be in the future");
    check_optional_text(outcome_labels, e, "note", x.note, aid_text_max);
    check_optional_text(outcome_labels, e, "grade_score", x.grade_score, 200);
    if (x.attendance_percent)
        check_range(outcome_labels, e, "attendance_percent", *x.attendance_percent, 0, 100);
    check_wage(outcome_labels, e, x.monthly_wage_fen);
    if (x.monthly_wage_fen && x.employed != true && !e.contains("monthly_wage_fen"))
        e["monthly_wage_fen"] = field_message(outcome_labels, "monthly_wage_fen",
                                              "只在已就业时填写", "is only recorded when employed");
    if (x.note.empty() && x.grade_score.empty() && !x.attendance_percent && !x.employed &&
        !e.contains("note"))
        e["note"] = field_message(outcome_labels, "note", "不能为空（或填写至少一项指标）",
                                  "is required (or at least one indicator)");
    return e;
}

}  // namespace bangfu::core
