#include "core/activity.hpp"

#include <fmt/format.h>

#include <array>
#include <set>
#include <tuple>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/text.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"pairing", "结对关系", "pairing"},
    FieldLabel{"type", "活动类型", "activity type"},
    FieldLabel{"start_date", "开始日期", "start date"},
    FieldLabel{"end_date", "结束日期", "end date"},
    FieldLabel{"host_institution", "承办单位", "host institution"},
    FieldLabel{"visiting_institution", "来访单位", "visiting institution"},
    FieldLabel{"leaders_count", "领导人数", "number of leaders"},
    FieldLabel{"teachers_count", "教师人数", "number of teachers"},
    FieldLabel{"students_count", "学生人数", "number of students"},
    FieldLabel{"medical_count", "医务人员人数", "number of medical staff"},
    FieldLabel{"subject", "学科", "subject"},
    FieldLabel{"topic", "主题/课题", "topic"},
    FieldLabel{"content", "活动内容", "content"},
    FieldLabel{"outcome", "活动成效", "outcome"},
    FieldLabel{"teacher", "授课教师", "teacher"},
    FieldLabel{"audience_size", "听课人数", "audience size"},
    FieldLabel{"participants", "参加人员", "participants"},
};
constexpr std::size_t participant_role_max = 50;

Text participants_error(std::string_view zh, std::string_view en) {
    return field_message(labels, "participants", zh, en);
}

boost::json::value opt(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

void check_count(FieldErrors& e, std::string_view field, std::int64_t value) {
    if (e.contains(std::string(field))) return;
    if (value < 0)
        e[std::string(field)] = field_message(labels, field, "不能为负数", "must not be negative");
    else if (value > activity_count_max)
        e[std::string(field)] =
            field_message(labels, field, fmt::format("不能超过 {}", activity_count_max),
                          fmt::format("must be at most {}", activity_count_max));
}

// Reads one {staff, role} entry; an error names its position so the form can point at it.
std::optional<ActivityParticipant> read_participant(const boost::json::value& v, std::size_t index,
                                                    FieldErrors& e) {
    auto where = [&](std::string_view zh, std::string_view en) {
        e["participants"] = participants_error(fmt::format("第 {} 项{}", index + 1, zh),
                                               fmt::format("item {} {}", index + 1, en));
    };
    if (!v.is_object()) {
        where("应为 {staff, role} 对象", "must be an object {staff, role}");
        return std::nullopt;
    }
    const auto& o = v.get_object();
    for (const auto& kv : o) {
        std::string_view k = kv.key();
        // name and institution_name are what the detail sends: a client may send them back.
        if (k != "staff" && k != "role" && k != "name" && k != "institution_name") {
            where(fmt::format("含有未知字段 {}", k), fmt::format("has an unknown field {}", k));
            return std::nullopt;
        }
    }
    ActivityParticipant p;
    const auto* staff = o.if_contains("staff");
    if (!staff || !(staff->is_int64() || staff->is_uint64()) ||
        (staff->is_int64() ? staff->get_int64() <= 0 : staff->get_uint64() > INT64_MAX)) {
        where("缺少人员编号（staff）", "needs a staff id (staff)");
        return std::nullopt;
    }
    p.staff =
        staff->is_int64() ? staff->get_int64() : static_cast<std::int64_t>(staff->get_uint64());
    if (const auto* role = o.if_contains("role"); role && !role->is_null()) {
        if (!role->is_string()) {
            where("的角色应为文本", "role must be a string");
            return std::nullopt;
        }
        p.role = trim(role->get_string());
    }
    return p;
}
}  // namespace

std::span<const FieldLabel> activity_labels() {
    return labels;
}

bool is_class_activity(std::string_view type) {
    return type == "demonstration_class" || type == "open_class";
}

std::int64_t person_times(const Activity& x) {
    return x.leaders_count + x.teachers_count + x.students_count + x.medical_count;
}

boost::json::object to_json(const Activity& x, std::string_view lang) {
    boost::json::object o;
    o["id"] = x.id;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["pairing"] = opt(x.pairing);
    o["pairing_label"] = x.pairing_label;
    o["type"] = x.type;
    o["type_label"] = x.type_label.in(lang);
    o["start_date"] = x.start_date;
    o["end_date"] = x.end_date;
    o["host_institution"] = x.host_institution;
    o["host_name"] = x.host_name;
    o["visiting_institution"] = opt(x.visiting_institution);
    o["visiting_name"] = x.visiting_name;
    o["leaders_count"] = x.leaders_count;
    o["teachers_count"] = x.teachers_count;
    o["students_count"] = x.students_count;
    o["medical_count"] = x.medical_count;
    o["person_times"] = person_times(x);
    o["subject"] = x.subject;
    const Option* s = x.subject.empty() ? nullptr : dict::subject.find(x.subject);
    o["subject_label"] = s ? std::string(lang == "en" ? s->en : s->zh) : x.subject;
    o["topic"] = x.topic;
    o["content"] = x.content;
    o["outcome"] = x.outcome;
    o["teacher"] = opt(x.teacher);
    o["teacher_name"] = x.teacher_name;
    o["audience_size"] = x.audience_size;
    boost::json::array ps;
    for (const auto& p : x.participants)
        ps.push_back({{"staff", p.staff},
                      {"role", p.role},
                      {"name", p.name},
                      {"institution_name", p.institution_name}});
    o["participants"] = std::move(ps);
    o["attachment_count"] = x.attachment_count;
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

void read_json(Activity& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 13> ignored{
        "id",           "created_at",    "updated_at",      "program_name", "pairing_label",
        "host_name",    "visiting_name", "teacher_name",    "type_label",   "subject_label",
        "person_times", "attachments",   "attachment_count"};
    FieldReader f(o, labels, e, ignored);
    f.integer("program", x.program);
    f.optional_integer("pairing", x.pairing);
    f.text("type", x.type);
    f.text("start_date", x.start_date);
    f.text("end_date", x.end_date);
    f.integer("host_institution", x.host_institution);
    f.optional_integer("visiting_institution", x.visiting_institution);
    f.integer("leaders_count", x.leaders_count);
    f.integer("teachers_count", x.teachers_count);
    f.integer("students_count", x.students_count);
    f.integer("medical_count", x.medical_count);
    f.text("subject", x.subject);
    f.text("topic", x.topic);
    f.text("content", x.content);
    f.text("outcome", x.outcome);
    f.optional_integer("teacher", x.teacher);
    f.integer("audience_size", x.audience_size);
    if (const auto* v = o.if_contains("participants")) {
        if (v->is_null()) {
            x.participants.clear();
        } else if (!v->is_array()) {
            e["participants"] = participants_error("应为列表", "must be a list");
        } else {
            std::vector<ActivityParticipant> ps;
            const auto& arr = v->get_array();
            for (std::size_t i = 0; i < arr.size(); ++i) {
                auto p = read_participant(arr[i], i, e);
                if (!p) return;
                ps.push_back(std::move(*p));
            }
            x.participants = std::move(ps);
        }
    }
}

FieldErrors validate(const Activity& x) {
    FieldErrors e;
    if (x.program <= 0) e["program"] = field_message(labels, "program", "不能为空", "is required");
    if (x.pairing && *x.pairing <= 0)
        e["pairing"] = field_message(labels, "pairing", "无效", "is not valid");
    check_required_text(labels, e, "type", x.type, 50);
    std::optional<Date> start, end;
    for (auto [field, text, out] : {std::tuple{"start_date", &x.start_date, &start},
                                    std::tuple{"end_date", &x.end_date, &end}}) {
        if (text->empty()) {
            e[field] = field_message(labels, field, "不能为空", "is required");
            continue;
        }
        *out = parse_date(*text);
        if (!*out)
            e[field] = field_message(labels, field, "应为日期，格式 YYYY-MM-DD",
                                     "must be a date YYYY-MM-DD");
    }
    if (start && end && *end < *start)
        e["end_date"] = field_message(labels, "end_date", "不能早于开始日期（一天的活动两者相同）",
                                      "must not be before the start date (same date for one day)");
    if (x.host_institution <= 0)
        e["host_institution"] =
            field_message(labels, "host_institution", "不能为空", "is required");
    else if (x.visiting_institution && *x.visiting_institution == x.host_institution)
        e["visiting_institution"] = field_message(
            labels, "visiting_institution", "不能与承办单位相同", "must differ from the host");
    for (auto field :
         {"leaders_count", "teachers_count", "students_count", "medical_count", "audience_size"}) {
        std::int64_t v = field == std::string_view("leaders_count")    ? x.leaders_count
                         : field == std::string_view("teachers_count") ? x.teachers_count
                         : field == std::string_view("students_count") ? x.students_count
                         : field == std::string_view("medical_count")  ? x.medical_count
                                                                       : x.audience_size;
        check_count(e, field, v);
    }
    if (!x.subject.empty() && !dict::subject.contains(x.subject))
        e["subject"] =
            field_message(labels, "subject", "应为以下之一：" + dict::subject.labels("zh"),
                          "must be one of: " + dict::subject.labels("en"));
    check_optional_text(labels, e, "topic", x.topic, activity_topic_max);
    check_optional_text(labels, e, "content", x.content, activity_text_max);
    check_optional_text(labels, e, "outcome", x.outcome, activity_text_max);
    if (is_class_activity(x.type)) {
        // A class is recorded for what was taught, by whom, to how many (the seeds' reports).
        if (!x.teacher && !e.contains("teacher"))
            e["teacher"] = field_message(labels, "teacher", "不能为空（示范课、公开课须填写）",
                                         "is required for a demonstration or open class");
        if (x.subject.empty() && !e.contains("subject"))
            e["subject"] = field_message(labels, "subject", "不能为空（示范课、公开课须填写）",
                                         "is required for a demonstration or open class");
        if (x.topic.empty() && !e.contains("topic"))
            e["topic"] = field_message(labels, "topic", "不能为空（示范课、公开课须填写课题）",
                                       "is required for a demonstration or open class");
    } else if (!x.type.empty()) {
        // Refused rather than kept out of sight: the form shows these only for classes.
        if (x.teacher && !e.contains("teacher"))
            e["teacher"] = field_message(labels, "teacher", "只用于示范课、公开课",
                                         "is only recorded for a demonstration or open class");
        if (x.audience_size != 0 && !e.contains("audience_size"))
            e["audience_size"] =
                field_message(labels, "audience_size", "只用于示范课、公开课",
                              "is only recorded for a demonstration or open class");
    }
    if (x.teacher && *x.teacher <= 0 && !e.contains("teacher"))
        e["teacher"] = field_message(labels, "teacher", "无效", "is not valid");
    if (!e.contains("participants")) {
        std::set<std::int64_t> seen;
        for (const auto& p : x.participants) {
            if (!seen.insert(p.staff).second) {
                e["participants"] =
                    participants_error(fmt::format("中同一人（编号 {}）出现了两次", p.staff),
                                       fmt::format("lists staff {} twice", p.staff));
                break;
            }
            if (!is_valid_utf8(p.role) || has_control_characters(p.role) ||
                char_count(p.role) > participant_role_max) {
                e["participants"] = participants_error(
                    fmt::format("中的角色不能超过 {} 个字", participant_role_max),
                    fmt::format("role must be at most {} characters", participant_role_max));
                break;
            }
        }
    }
    return e;
}

void check_direction(const Activity& x, std::int64_t supporter, std::int64_t recipient,
                     FieldErrors& e) {
    auto party = [&](std::int64_t id) { return id == supporter || id == recipient; };
    if (!e.contains("host_institution") && x.host_institution > 0 && !party(x.host_institution))
        e["host_institution"] =
            field_message(labels, "host_institution", "应为该结对的帮扶方或受援方",
                          "must be the supporter or the recipient of the pairing");
    if (!e.contains("visiting_institution") && x.visiting_institution &&
        !party(*x.visiting_institution))
        e["visiting_institution"] =
            field_message(labels, "visiting_institution", "应为该结对的帮扶方或受援方",
                          "must be the supporter or the recipient of the pairing");
}

}  // namespace bangfu::core
