#include "core/dispatch.hpp"

#include <algorithm>
#include <array>

namespace bangfu::core {

namespace dict {
namespace {
constexpr std::array assignment_statuses{
    Option{"planned", "拟派", "Planned"}, Option{"active", "在岗", "Active"},
    Option{"completed", "已期满", "Completed"}, Option{"withdrawn", "已中止", "Withdrawn"}};
constexpr std::array attachment_kinds{Option{"attachment", "挂职锻炼", "Attachment (on post)"},
                                      Option{"shadowing", "跟岗学习", "Shadowing"},
                                      Option{"class_tracking", "跟班学习", "Class tracking"},
                                      Option{"training", "培训", "Training"}};
}  // namespace
const Dictionary assignment_status{"assignment_status", assignment_statuses};
const Dictionary attachment_kind{"attachment_kind", attachment_kinds};
}  // namespace dict

namespace {
boost::json::value opt_int(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

constexpr std::array batch_fields{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"name", "批次名称", "batch name"},
    FieldLabel{"sendoff_date", "欢送日期", "send-off date"},
    FieldLabel{"sendoff_event", "欢送活动", "send-off event"},
    FieldLabel{"planned_count", "计划人数", "planned number"},
    FieldLabel{"note", "备注", "note"},
};
constexpr std::array assignment_fields{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"batch", "批次", "batch"},
    FieldLabel{"staff", "支教教师", "staff member"},
    FieldLabel{"sending_institution", "派出单位", "sending institution"},
    FieldLabel{"recipient_institution", "受援单位", "recipient institution"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"subjects", "任教学科", "subjects"},
    FieldLabel{"weekly_hours_recipient", "受援校周课时", "weekly class hours at the recipient"},
    FieldLabel{"weekly_hours_home", "本校周课时", "weekly class hours at home"},
    FieldLabel{"housing", "住宿安排", "housing"},
    FieldLabel{"duties", "工作职责", "duties"},
    FieldLabel{"volunteered", "本人自愿报名", "volunteered"},
    FieldLabel{"status", "状态", "status"},
    FieldLabel{"withdrawn_on", "中止日期", "withdrawal date"},
    FieldLabel{"withdraw_reason", "中止原因", "withdrawal reason"},
    FieldLabel{"override_reason", "破格选派理由", "override reason"},
    FieldLabel{"note", "备注", "note"},
};
constexpr std::array attachment_fields{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"kind", "类型", "kind"},
    FieldLabel{"staff", "人员", "staff member"},
    FieldLabel{"headcount", "人数", "headcount"},
    FieldLabel{"home_institution", "派出（受援）单位", "home institution"},
    FieldLabel{"host_institution", "接收（支援）单位", "host institution"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"schedule", "安排", "schedule"},
    FieldLabel{"days", "天数", "days"},
    FieldLabel{"purpose", "目的与内容", "purpose"},
    FieldLabel{"outcome", "成效", "outcome"},
};

void error(std::span<const FieldLabel> labels, FieldErrors& e, std::string_view field,
           std::string_view zh, std::string_view en) {
    if (!e.contains(std::string(field)))
        e[std::string(field)] = field_message(labels, field, zh, en);
}

// Required date fields, and end not before start.
void check_period(std::span<const FieldLabel> labels, FieldErrors& e, const std::string& start,
                  const std::string& end) {
    for (auto [field, value] : {std::pair{"start_date", &start}, std::pair{"end_date", &end}}) {
        if (value->empty())
            error(labels, e, field, "不能为空", "is required");
        else if (!parse_date(*value))
            error(labels, e, field, "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
    }
    if (!e.contains("start_date") && !e.contains("end_date") && end < start)
        error(labels, e, "end_date", "不能早于开始日期", "must not be before the start date");
}
}  // namespace

// ---- batches ----

std::span<const FieldLabel> batch_labels() {
    return batch_fields;
}

boost::json::object to_json(const Batch& x) {
    return {{"id", x.id},
            {"program", x.program},
            {"program_name", x.program_name},
            {"name", x.name},
            {"sendoff_date", x.sendoff_date},
            {"sendoff_event", x.sendoff_event},
            {"planned_count", x.planned_count},
            {"assigned_count", x.assigned_count},
            {"note", x.note},
            {"created_at", x.created_at},
            {"updated_at", x.updated_at}};
}

void read_json(Batch& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 5> ignored{"id", "program_name", "assigned_count",
                                                             "created_at", "updated_at"};
    FieldReader f(o, batch_fields, e, ignored);
    f.integer("program", x.program);
    f.text("name", x.name);
    f.text("sendoff_date", x.sendoff_date);
    f.text("sendoff_event", x.sendoff_event);
    f.integer("planned_count", x.planned_count);
    f.text("note", x.note);
}

FieldErrors validate(const Batch& x) {
    FieldErrors e;
    if (x.program <= 0) error(batch_fields, e, "program", "不能为空", "is required");
    check_required_text(batch_fields, e, "name", x.name, 100);
    if (x.sendoff_date.empty())
        error(batch_fields, e, "sendoff_date", "不能为空", "is required");
    else if (!parse_date(x.sendoff_date))
        error(batch_fields, e, "sendoff_date", "应为日期，格式 YYYY-MM-DD",
              "must be a date YYYY-MM-DD");
    check_optional_text(batch_fields, e, "sendoff_event", x.sendoff_event, 200);
    if (x.planned_count < 0 || x.planned_count > 100000)
        error(batch_fields, e, "planned_count", "应在 0 到 100000 之间",
              "must be between 0 and 100000");
    check_optional_text(batch_fields, e, "note", x.note, 2000);
    return e;
}

// ---- assignments ----

std::span<const FieldLabel> assignment_labels() {
    return assignment_fields;
}

boost::json::object to_json(const Assignment& x) {
    boost::json::array subjects;
    for (const auto& s : x.subjects) subjects.emplace_back(s);
    return {{"id", x.id},
            {"program", x.program},
            {"program_name", x.program_name},
            {"pairing", opt_int(x.pairing)},
            {"pairing_label", x.pairing_label},
            {"batch", opt_int(x.batch)},
            {"batch_name", x.batch_name},
            {"staff", x.staff},
            {"staff_name", x.staff_name},
            {"sending_institution", opt_int(x.sending_institution)},
            {"sending_institution_name", x.sending_institution_name},
            {"recipient_institution", x.recipient_institution},
            {"recipient_institution_name", x.recipient_institution_name},
            {"start_date", x.start_date},
            {"end_date", x.end_date},
            {"subjects", std::move(subjects)},
            {"weekly_hours_recipient", x.weekly_hours_recipient},
            {"weekly_hours_home", x.weekly_hours_home},
            {"housing", x.housing},
            {"duties", x.duties},
            {"volunteered", x.volunteered},
            {"status", x.status},
            {"withdrawn_on",
             x.withdrawn_on ? boost::json::value(*x.withdrawn_on) : boost::json::value(nullptr)},
            {"withdraw_reason", x.withdraw_reason},
            {"override_reason", x.override_reason},
            {"override_by", opt_int(x.override_by)},
            {"note", x.note},
            {"created_at", x.created_at},
            {"updated_at", x.updated_at}};
}

void read_json(Assignment& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 14> ignored{"id",
                                                              "program_name",
                                                              "pairing_label",
                                                              "batch_name",
                                                              "staff_name",
                                                              "sending_institution_name",
                                                              "recipient_institution_name",
                                                              "withdrawn_on",
                                                              "withdraw_reason",
                                                              "override_by",
                                                              "created_at",
                                                              "updated_at",
                                                              "violations",
                                                              "warnings"};
    FieldReader f(o, assignment_fields, e, ignored);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.optional_integer("batch", x.batch);
    f.integer("staff", x.staff);
    f.optional_integer("sending_institution", x.sending_institution);
    f.integer("recipient_institution", x.recipient_institution);
    f.text("start_date", x.start_date);
    f.text("end_date", x.end_date);
    f.text_list("subjects", x.subjects);
    f.integer("weekly_hours_recipient", x.weekly_hours_recipient);
    f.integer("weekly_hours_home", x.weekly_hours_home);
    f.text("housing", x.housing);
    f.text("duties", x.duties);
    f.boolean("volunteered", x.volunteered);
    f.text("status", x.status);
    f.text("override_reason", x.override_reason);
    f.text("note", x.note);
}

FieldErrors validate(const Assignment& x) {
    const auto& L = assignment_fields;
    FieldErrors e;
    if (x.program <= 0) error(L, e, "program", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0) error(L, e, "pairing", "无效", "is not valid");
    if (x.batch && *x.batch <= 0) error(L, e, "batch", "无效", "is not valid");
    if (x.staff <= 0) error(L, e, "staff", "不能为空", "is required");
    if (x.sending_institution && *x.sending_institution <= 0)
        error(L, e, "sending_institution", "无效", "is not valid");
    if (x.recipient_institution <= 0)
        error(L, e, "recipient_institution", "不能为空", "is required");
    if (x.sending_institution && *x.sending_institution == x.recipient_institution &&
        x.recipient_institution > 0)
        error(L, e, "recipient_institution", "不能与派出单位相同",
              "must differ from the sending institution");
    check_period(L, e, x.start_date, x.end_date);
    if (x.subjects.empty())
        error(L, e, "subjects", "至少选择一个学科", "needs at least one subject");
    for (const auto& s : x.subjects)
        if (!dict::subject.contains(s)) {
            error(L, e, "subjects", "含有无效学科：" + s, "has an unknown subject: " + s);
            break;
        }
    for (auto [field, v] : {std::pair{"weekly_hours_recipient", x.weekly_hours_recipient},
                            std::pair{"weekly_hours_home", x.weekly_hours_home}})
        if (v < 0 || v > 40) error(L, e, field, "应在 0 到 40 之间", "must be between 0 and 40");
    check_optional_text(L, e, "housing", x.housing, 500);
    check_optional_text(L, e, "duties", x.duties, 1000);
    check_choice(L, e, "status", x.status, dict::assignment_status);
    if (x.status == "withdrawn" && !x.withdrawn_on)
        error(L, e, "status", "请使用“中止支教”操作并填写原因",
              "use the withdraw action, which takes a reason");
    check_optional_text(L, e, "override_reason", x.override_reason, 2000);
    check_optional_text(L, e, "note", x.note, 2000);
    return e;
}

FieldErrors validate_withdrawal(const Assignment& x, const std::string& on,
                                const std::string& reason) {
    const auto& L = assignment_fields;
    FieldErrors e;
    if (x.status == "withdrawn" || x.status == "completed")
        error(L, e, "status", "已期满或已中止的支教不能再中止",
              "a completed or withdrawn assignment cannot be withdrawn");
    check_required_text(L, e, "withdraw_reason", reason, 1000);
    if (on.empty())
        error(L, e, "withdrawn_on", "不能为空", "is required");
    else if (!parse_date(on))
        error(L, e, "withdrawn_on", "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD");
    else if (on < x.start_date || on > x.end_date)
        error(L, e, "withdrawn_on", "应在支教期间内（" + x.start_date + " 至 " + x.end_date + "）",
              "must lie within the period (" + x.start_date + " to " + x.end_date + ")");
    return e;
}

// ---- attachment study ----

std::span<const FieldLabel> attachment_labels() {
    return attachment_fields;
}

boost::json::object to_json(const AttachmentStudy& x) {
    return {{"id", x.id},
            {"program", x.program},
            {"program_name", x.program_name},
            {"pairing", opt_int(x.pairing)},
            {"pairing_label", x.pairing_label},
            {"kind", x.kind},
            {"staff", opt_int(x.staff)},
            {"staff_name", x.staff_name},
            {"headcount", x.headcount},
            {"home_institution", x.home_institution},
            {"home_institution_name", x.home_institution_name},
            {"host_institution", x.host_institution},
            {"host_institution_name", x.host_institution_name},
            {"start_date", x.start_date},
            {"end_date", x.end_date},
            {"schedule", x.schedule},
            {"days", x.days},
            {"purpose", x.purpose},
            {"outcome", x.outcome},
            {"created_at", x.created_at},
            {"updated_at", x.updated_at}};
}

void read_json(AttachmentStudy& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 8> ignored{"id",
                                                             "program_name",
                                                             "pairing_label",
                                                             "staff_name",
                                                             "home_institution_name",
                                                             "host_institution_name",
                                                             "created_at",
                                                             "updated_at"};
    FieldReader f(o, attachment_fields, e, ignored);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.text("kind", x.kind);
    f.optional_integer("staff", x.staff);
    f.integer("headcount", x.headcount);
    f.integer("home_institution", x.home_institution);
    f.integer("host_institution", x.host_institution);
    f.text("start_date", x.start_date);
    f.text("end_date", x.end_date);
    f.text("schedule", x.schedule);
    f.integer("days", x.days);
    f.text("purpose", x.purpose);
    f.text("outcome", x.outcome);
}

FieldErrors validate(const AttachmentStudy& x) {
    const auto& L = attachment_fields;
    FieldErrors e;
    if (x.program <= 0) error(L, e, "program", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0) error(L, e, "pairing", "无效", "is not valid");
    check_choice(L, e, "kind", x.kind, dict::attachment_kind);
    if (x.staff && *x.staff <= 0) error(L, e, "staff", "无效", "is not valid");
    if (x.headcount < 1 || x.headcount > 10000)
        error(L, e, "headcount", "应在 1 到 10000 之间", "must be between 1 and 10000");
    if (x.staff && x.headcount != 1)
        error(L, e, "headcount", "指定人员时人数应为 1", "must be 1 when a staff member is named");
    if (x.home_institution <= 0) error(L, e, "home_institution", "不能为空", "is required");
    if (x.host_institution <= 0) error(L, e, "host_institution", "不能为空", "is required");
    if (x.home_institution > 0 && x.home_institution == x.host_institution)
        error(L, e, "host_institution", "不能与派出单位相同",
              "must differ from the home institution");
    check_period(L, e, x.start_date, x.end_date);
    if (!e.contains("start_date") && !e.contains("end_date")) {
        auto span = day_number(*parse_date(x.end_date)) - day_number(*parse_date(x.start_date)) + 1;
        if (x.days < 0 || x.days > span)
            error(L, e, "days",
                  "应在 0 到 " + std::to_string(span) + " 之间（不超过起止日期的天数）",
                  "must be between 0 and " + std::to_string(span) + " (the days of the period)");
    }
    check_optional_text(L, e, "schedule", x.schedule, 200);
    check_optional_text(L, e, "purpose", x.purpose, 1000);
    check_optional_text(L, e, "outcome", x.outcome, 2000);
    return e;
}

// ---- dates, terms and workload ----

// day_number (declared in dispatch.hpp and aid_cadence.hpp) is defined once, in aid_cadence.cpp:
// two definitions broke the link of anything pulling both objects (core_tests).

Date from_day_number(std::int64_t z) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Date{static_cast<int>(y + (month <= 2 ? 1 : 0)), month, day};
}

std::string Term::code() const {
    return std::to_string(year) + (autumn ? "-autumn" : "-spring");
}

Text Term::label() const {
    auto y = std::to_string(year);
    return autumn ? Text{y + "年秋季学期", "Autumn term " + y}
                  : Text{y + "年春季学期", "Spring term " + y};
}

Date Term::first() const {
    return autumn ? Date{year, 9, 1} : Date{year, 2, 1};
}

Date Term::last() const {
    return autumn ? Date{year + 1, 1, 31} : Date{year, 8, 31};
}

Term term_of(const Date& d) {
    if (d.month >= 9) return {d.year, true};
    if (d.month == 1) return {d.year - 1, true};
    return {d.year, false};
}

std::optional<Term> parse_term(std::string_view code) {
    if (code.size() != 11) return std::nullopt;
    auto dash = code.find('-');
    if (dash != 4) return std::nullopt;
    int year = 0;
    for (char ch : code.substr(0, 4)) {
        if (ch < '0' || ch > '9') return std::nullopt;
        year = year * 10 + (ch - '0');
    }
    auto rest = code.substr(5);
    if (year < 1900 || year > 2999) return std::nullopt;
    if (rest == "autumn") return Term{year, true};
    if (rest == "spring") return Term{year, false};
    return std::nullopt;
}

std::vector<TermWorkload> workload_by_term(const Assignment& x) {
    std::vector<TermWorkload> out;
    if (x.status == "planned") return out;
    auto start = parse_date(x.start_date);
    auto end = parse_date(x.status == "withdrawn" && x.withdrawn_on ? *x.withdrawn_on : x.end_date);
    if (!start || !end || *end < *start) return out;
    auto first = day_number(*start), last = day_number(*end);
    for (auto t = term_of(*start);; t = t.autumn ? Term{t.year + 1, false} : Term{t.year, true}) {
        auto from = std::max(first, day_number(t.first()));
        auto to = std::min(last, day_number(t.last()));
        if (from > last) break;
        if (to >= from) {
            TermWorkload w;
            w.term = t;
            w.days = to - from + 1;
            // weekly hours × days / 7, rounded half up, in integers.
            w.recipient_hours = (x.weekly_hours_recipient * w.days * 2 + 7) / 14;
            w.home_hours = (x.weekly_hours_home * w.days * 2 + 7) / 14;
            out.push_back(w);
        }
    }
    return out;
}

}  // namespace bangfu::core
