#include "core/inbound_cohort.hpp"

#include <array>

#include "core/dictionary.hpp"
#include "core/money.hpp"

namespace bangfu::core {

namespace {
constexpr std::array labels{
    FieldLabel{"program", "帮扶项目", "program"},
    FieldLabel{"host_institution", "就读学校", "host institution"},
    FieldLabel{"origin_region", "生源地区", "region of origin"},
    FieldLabel{"school_year", "学年", "school year"},
    FieldLabel{"stage", "学段", "stage"},
    FieldLabel{"grade", "年级", "grade"},
    FieldLabel{"major", "专业", "major"},
    FieldLabel{"student_count", "学生人数", "number of students"},
    FieldLabel{"fee_exemption", "每生每年免除费用（元）", "fee exemption per student per year"},
    FieldLabel{"note", "备注", "note"},
};
}  // namespace

std::span<const FieldLabel> inbound_cohort_labels() {
    return labels;
}

boost::json::object to_json(const InboundCohort& x) {
    return {{"id", x.id},
            {"program", x.program},
            {"program_name", x.program_name},
            {"host_institution", x.host_institution},
            {"host_name", x.host_name},
            {"origin_region", x.origin_region},
            {"origin_region_name", x.origin_region_name},
            {"school_year", x.school_year},
            {"stage", x.stage},
            {"grade", x.grade},
            {"major", x.major},
            {"student_count", x.student_count},
            {"fee_exemption_fen", x.fee_exemption_fen},
            {"fee_exemption", format_yuan(x.fee_exemption_fen)},
            {"note", x.note},
            {"created_at", x.created_at},
            {"updated_at", x.updated_at}};
}

void read_json(InboundCohort& x, const boost::json::object& o, FieldErrors& e) {
    static constexpr std::array<std::string_view, 7> ignored{
        "id",         "program_name", "host_name",        "origin_region_name",
        "created_at", "updated_at",   "fee_exemption_fen"};
    FieldReader f(o, labels, e, ignored);
    f.integer("program", x.program);
    f.integer("host_institution", x.host_institution);
    f.text("origin_region", x.origin_region);
    f.integer("school_year", x.school_year);
    f.text("stage", x.stage);
    f.text("grade", x.grade);
    f.text("major", x.major);
    f.integer("student_count", x.student_count);
    f.text("note", x.note);
    if (const auto* v = o.if_contains("fee_exemption")) {
        if (!v->is_string()) {
            e["fee_exemption"] = field_message(labels, "fee_exemption", "应为金额文本，如 2500.00",
                                               "must be yuan as text, e.g. \"2500.00\"");
        } else if (v->get_string().empty()) {
            x.fee_exemption_fen = 0;
        } else {
            Text why;
            if (auto fen = parse_yuan(v->get_string(), &why))
                x.fee_exemption_fen = *fen;
            else
                e["fee_exemption"] = {"每生每年免除费用" + why.zh, "fee exemption " + why.en};
        }
    }
}

FieldErrors validate(const InboundCohort& x) {
    FieldErrors e;
    if (x.program <= 0 && !e.contains("program"))
        e["program"] = field_message(labels, "program", "不能为空", "is required");
    if (x.host_institution <= 0 && !e.contains("host_institution"))
        e["host_institution"] =
            field_message(labels, "host_institution", "不能为空", "is required");
    check_required_text(labels, e, "origin_region", x.origin_region, 12);
    if (!e.contains("school_year") && (x.school_year < 2000 || x.school_year > 2100))
        e["school_year"] = field_message(labels, "school_year", "应为 2000 到 2100 之间的年份",
                                         "must be a year between 2000 and 2100");
    check_choice(labels, e, "stage", x.stage, dict::stage);
    check_required_text(labels, e, "grade", x.grade, 20);
    check_optional_text(labels, e, "major", x.major, 50);
    if (!e.contains("student_count") && (x.student_count < 1 || x.student_count > 100000))
        e["student_count"] = field_message(labels, "student_count", "应为 1 到 100000 之间的整数",
                                           "must be between 1 and 100000");
    check_optional_text(labels, e, "note", x.note, 500);
    return e;
}

}  // namespace bangfu::core
