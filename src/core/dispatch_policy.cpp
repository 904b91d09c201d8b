#include "core/dispatch_policy.hpp"

#include <array>

#include "core/dictionary.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"min_years_teaching", "最少教龄（年）", "minimum years of teaching"},
    FieldLabel{"require_good_health", "须身体健康", "good health required"},
    FieldLabel{"require_volunteer", "须本人自愿报名", "volunteering required"},
    FieldLabel{"min_title", "最低职称", "minimum title"},
    FieldLabel{"min_age", "最低年龄", "minimum age"},
    FieldLabel{"max_age", "最高年龄", "maximum age"},
    FieldLabel{"min_backbone", "最低骨干级别", "minimum backbone level"},
    FieldLabel{"max_subject_share_percent", "同一学科同时外派比例上限（%）",
               "maximum share of one subject's teachers away at once (%)"},
    FieldLabel{"rural_service_months", "评聘高级职称所需农村/薄弱学校任教月数",
               "months of rural service a senior title needs"},
};

void error(FieldErrors& e, std::string_view field, std::string_view zh, std::string_view en) {
    if (!e.contains(std::string(field)))
        e[std::string(field)] = field_message(labels, field, zh, en);
}

// The rank of a code in its dictionary's order (titles and backbone levels are listed from the
// lowest up), or -1 when unknown.
int rank(const Dictionary& d, std::string_view code) {
    int i = 0;
    for (const auto& o : d.options()) {
        if (o.value == code) return i;
        ++i;
    }
    return -1;
}

std::string label_zh(const Dictionary& d, std::string_view code) {
    auto* o = d.find(code);
    return o ? std::string(o->zh) : std::string(code);
}
std::string label_en(const Dictionary& d, std::string_view code) {
    auto* o = d.find(code);
    return o ? std::string(o->en) : std::string(code);
}
}  // namespace

DispatchPolicy default_dispatch_policy(std::int64_t program) {
    DispatchPolicy p;
    p.program = program;
    p.min_years_teaching = 3;
    p.require_good_health = true;
    p.require_volunteer = true;
    p.max_subject_share_percent = 30;
    p.rural_service_months = 12;
    p.is_default = true;
    return p;
}

std::span<const FieldLabel> dispatch_policy_labels() {
    return labels;
}

boost::json::object to_json(const DispatchPolicy& x) {
    auto opt_int = [](const std::optional<std::int64_t>& v) {
        return v ? boost::json::value(*v) : boost::json::value(nullptr);
    };
    auto opt_text = [](const std::optional<std::string>& v) {
        return v ? boost::json::value(*v) : boost::json::value(nullptr);
    };
    return {{"program", x.program},
            {"min_years_teaching", opt_int(x.min_years_teaching)},
            {"require_good_health", x.require_good_health},
            {"require_volunteer", x.require_volunteer},
            {"min_title", opt_text(x.min_title)},
            {"min_age", opt_int(x.min_age)},
            {"max_age", opt_int(x.max_age)},
            {"min_backbone", opt_text(x.min_backbone)},
            {"max_subject_share_percent", x.max_subject_share_percent},
            {"rural_service_months", x.rural_service_months},
            {"is_default", x.is_default},
            {"created_at", x.created_at},
            {"updated_at", x.updated_at}};
}

void read_json(DispatchPolicy& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 4> ignored{"program", "is_default", "created_at",
                                                             "updated_at"};
    FieldReader f(o, labels, e, ignored);
    f.optional_integer("min_years_teaching", x.min_years_teaching);
    f.boolean("require_good_health", x.require_good_health);
    f.boolean("require_volunteer", x.require_volunteer);
    f.optional_text("min_title", x.min_title);
    f.optional_integer("min_age", x.min_age);
    f.optional_integer("max_age", x.max_age);
    f.optional_text("min_backbone", x.min_backbone);
    f.integer("max_subject_share_percent", x.max_subject_share_percent);
    f.integer("rural_service_months", x.rural_service_months);
    // An empty choice means "not checked", as null does.
    if (x.min_title && x.min_title->empty()) x.min_title.reset();
    if (x.min_backbone && x.min_backbone->empty()) x.min_backbone.reset();
}

FieldErrors validate(const DispatchPolicy& x) {
    FieldErrors e;
    if (x.min_years_teaching && (*x.min_years_teaching < 0 || *x.min_years_teaching > 50))
        error(e, "min_years_teaching", "应在 0 到 50 之间", "must be between 0 and 50");
    if (x.min_title && !dict::title.contains(*x.min_title))
        error(e, "min_title", "应为：" + dict::title.labels("zh"),
              "must be one of " + dict::title.labels("en"));
    if (x.min_backbone && !dict::backbone.contains(*x.min_backbone))
        error(e, "min_backbone", "应为：" + dict::backbone.labels("zh"),
              "must be one of " + dict::backbone.labels("en"));
    if (x.min_age && (*x.min_age < 16 || *x.min_age > 80))
        error(e, "min_age", "应在 16 到 80 之间", "must be between 16 and 80");
    if (x.max_age && (*x.max_age < 16 || *x.max_age > 80))
        error(e, "max_age", "应在 16 到 80 之间", "must be between 16 and 80");
    if (x.min_age && x.max_age && !e.contains("min_age") && !e.contains("max_age") &&
        *x.min_age > *x.max_age)
        error(e, "max_age", "不能小于最低年龄", "must not be below the minimum age");
    if (x.max_subject_share_percent < 1 || x.max_subject_share_percent > 100)
        error(e, "max_subject_share_percent", "应在 1 到 100 之间", "must be between 1 and 100");
    if (x.rural_service_months < 0 || x.rural_service_months > 120)
        error(e, "rural_service_months", "应在 0 到 120 之间", "must be between 0 and 120");
    return e;
}

std::vector<Violation> check_eligibility(const DispatchPolicy& p, const Candidate& c,
                                         const Date& on) {
    std::vector<Violation> out;
    if (p.min_years_teaching && c.years_teaching < *p.min_years_teaching) {
        auto need = std::to_string(*p.min_years_teaching);
        auto have = std::to_string(c.years_teaching);
        out.push_back({"years_teaching",
                       {"教龄不足：要求至少 " + need + " 年，本人 " + have + " 年",
                        "too few years of teaching: at least " + need + " required, has " + have}});
    }
    if (p.require_good_health && c.health != "good")
        out.push_back({"health",
                       {"身体状况须为良好，本人为" + label_zh(dict::health, c.health),
                        "good health required, recorded as " + label_en(dict::health, c.health)}});
    if (p.require_volunteer && !c.volunteered)
        out.push_back({"volunteered", {"须本人自愿报名", "the teacher must have volunteered"}});
    if (p.min_title && rank(dict::title, c.title) < rank(dict::title, *p.min_title))
        out.push_back({"title",
                       {"职称不足：要求" + label_zh(dict::title, *p.min_title) + "及以上，本人为" +
                            label_zh(dict::title, c.title),
                        "title too low: " + label_en(dict::title, *p.min_title) +
                            " or higher required, has " + label_en(dict::title, c.title)}});
    if (p.min_age || p.max_age) {
        auto birth = c.birth_date ? parse_date(*c.birth_date) : std::nullopt;
        if (!birth) {
            out.push_back({"age",
                           {"未登记出生日期，无法核对年龄要求",
                            "no birth date recorded, so the age limits cannot be checked"}});
        } else {
            auto age = years_between(*birth, on);
            auto have = std::to_string(age);
            if (p.min_age && age < *p.min_age)
                out.push_back({"age",
                               {"年龄不符：要求不小于 " + std::to_string(*p.min_age) +
                                    " 岁，本人 " + have + " 岁",
                                "age out of range: at least " + std::to_string(*p.min_age) +
                                    " required, is " + have}});
            else if (p.max_age && age > *p.max_age)
                out.push_back({"age",
                               {"年龄不符：要求不超过 " + std::to_string(*p.max_age) +
                                    " 岁，本人 " + have + " 岁",
                                "age out of range: at most " + std::to_string(*p.max_age) +
                                    " allowed, is " + have}});
        }
    }
    if (p.min_backbone && rank(dict::backbone, c.backbone) < rank(dict::backbone, *p.min_backbone))
        out.push_back({"backbone",
                       {"骨干级别不足：要求" + label_zh(dict::backbone, *p.min_backbone) +
                            "及以上，本人为" + label_zh(dict::backbone, c.backbone),
                        "backbone level too low: " + label_en(dict::backbone, *p.min_backbone) +
                            " or higher required, has " + label_en(dict::backbone, c.backbone)}});
    return out;
}

boost::json::array to_json(const std::vector<Violation>& v, std::string_view lang) {
    boost::json::array out;
    for (const auto& x : v)
        out.push_back(boost::json::object{{"rule", x.rule}, {"message", x.message.in(lang)}});
    return out;
}

std::optional<Text> sender_guard(const DispatchPolicy& p, std::string_view subject_label_zh,
                                 std::string_view subject_label_en, std::int64_t sent,
                                 std::int64_t teachers) {
    // Integer comparison: sent / teachers > share / 100.
    if (teachers <= 0 || sent * 100 <= p.max_subject_share_percent * teachers) return std::nullopt;
    auto share = std::to_string(p.max_subject_share_percent);
    auto s = std::to_string(sent), t = std::to_string(teachers);
    return Text{"派出单位同时外派" + std::string(subject_label_zh) + "教师 " + s + " 人（共 " + t +
                    " 人），超过该学科教师的 " + share + "%",
                "the sender would have " + s + " of its " + t + " " +
                    std::string(subject_label_en) + " teachers away at once, more than " + share +
                    "%"};
}

}  // namespace bangfu::core
