#include "core/appraisal.hpp"

#include <array>

#include "core/subsidy.hpp"

namespace bangfu::core {

namespace dict {
namespace {
constexpr std::array appraisal_stages{
    Option{"self", "待本人自评", "Awaiting self-appraisal"},
    Option{"rating", "待受援单位评定", "Awaiting the rating"},
    Option{"sender", "待派出单位签署意见", "Awaiting the sender's opinion"},
    Option{"office", "待帮扶办审批", "Awaiting approval"},
    Option{"approved", "已审批", "Approved"}};
constexpr std::array appraisal_steps{Option{"create", "发起考核", "Started"},
                                     Option{"self", "本人自评", "Self-appraisal"},
                                     Option{"rate", "受援单位评定", "Recipient's rating"},
                                     Option{"sender", "派出单位意见", "Sender's opinion"},
                                     Option{"approve", "帮扶办审批", "Office approval"},
                                     Option{"reopen", "重新打开", "Reopened"}};
}  // namespace
const Dictionary appraisal_stage{"appraisal_stage", appraisal_stages};
const Dictionary appraisal_step{"appraisal_step", appraisal_steps};
}  // namespace dict

namespace {
constexpr std::array step_labels{
    FieldLabel{"self_summary", "个人自评及年度总结", "self-appraisal and summary"},
    FieldLabel{"rating", "考核等次", "rating"},
    FieldLabel{"recipient_comment", "评定意见", "rating comment"},
    FieldLabel{"recipient_summary", "受援单位年度总结", "recipient's yearly summary"},
    FieldLabel{"sender_opinion", "派出单位意见", "sender's opinion"},
    FieldLabel{"sender_summary", "派出单位年度总结", "sender's yearly summary"},
    FieldLabel{"office_comment", "审批意见", "approval comment"},
};

boost::json::value opt(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
boost::json::value opt_text(const std::string& v) {
    return v.empty() ? boost::json::value(nullptr) : boost::json::value(v);
}

std::string_view step_zh(AppraisalAction a) {
    return dict::appraisal_step.find(action_name(a))->zh;
}
std::string_view step_en(AppraisalAction a) {
    return dict::appraisal_step.find(action_name(a))->en;
}
}  // namespace

boost::json::object to_json(const Appraisal& x) {
    boost::json::object o;
    o["id"] = x.id;
    o["assignment"] = x.assignment;
    o["year"] = x.year;
    o["stage"] = x.stage;
    o["program"] = x.program;
    o["program_name"] = x.program_name;
    o["staff"] = x.staff;
    o["staff_name"] = x.staff_name;
    o["sending_institution"] = x.sending_institution;
    o["sending_name"] = x.sending_name;
    o["recipient_institution"] = x.recipient_institution;
    o["recipient_name"] = x.recipient_name;
    o["start_date"] = x.start_date;
    o["end_date"] = x.end_date;
    o["self_summary"] = x.self_summary;
    o["self_by"] = opt(x.self_by);
    o["self_by_name"] = x.self_by_name;
    o["self_at"] = opt_text(x.self_at);
    o["rating"] = x.rating ? boost::json::value(*x.rating) : boost::json::value(nullptr);
    o["recipient_comment"] = x.recipient_comment;
    o["recipient_summary"] = x.recipient_summary;
    o["recipient_by"] = opt(x.recipient_by);
    o["recipient_by_name"] = x.recipient_by_name;
    o["recipient_at"] = opt_text(x.recipient_at);
    o["sender_opinion"] = x.sender_opinion;
    o["sender_summary"] = x.sender_summary;
    o["sender_by"] = opt(x.sender_by);
    o["sender_by_name"] = x.sender_by_name;
    o["sender_at"] = opt_text(x.sender_at);
    o["office_comment"] = x.office_comment;
    o["office_by"] = opt(x.office_by);
    o["office_by_name"] = x.office_by_name;
    o["office_at"] = opt_text(x.office_at);
    o["created_at"] = x.created_at;
    o["updated_at"] = x.updated_at;
    return o;
}

boost::json::object to_json(const AppraisalEvent& x) {
    return {{"id", x.id}, {"step", x.step},      {"user", opt(x.user)}, {"username", x.username},
            {"at", x.at}, {"comment", x.comment}};
}

std::optional<AppraisalAction> parse_appraisal_action(std::string_view text) {
    if (text == "self") return AppraisalAction::self;
    if (text == "rate") return AppraisalAction::rate;
    if (text == "sender") return AppraisalAction::sender;
    if (text == "approve") return AppraisalAction::approve;
    return std::nullopt;
}

std::string_view action_name(AppraisalAction a) {
    switch (a) {
        case AppraisalAction::self:
            return "self";
        case AppraisalAction::rate:
            return "rate";
        case AppraisalAction::sender:
            return "sender";
        case AppraisalAction::approve:
            return "approve";
    }
    return "";
}

std::string_view stage_for(AppraisalAction a) {
    switch (a) {
        case AppraisalAction::self:
            return "self";
        case AppraisalAction::rate:
            return "rating";
        case AppraisalAction::sender:
            return "sender";
        case AppraisalAction::approve:
            return "office";
    }
    return "";
}

std::string_view stage_after(AppraisalAction a) {
    switch (a) {
        case AppraisalAction::self:
            return "rating";
        case AppraisalAction::rate:
            return "sender";
        case AppraisalAction::sender:
            return "office";
        case AppraisalAction::approve:
            return "approved";
    }
    return "";
}

bool is_office(const Actor& actor, const AppraisalParties& p) {
    if (actor.is_system()) return true;
    return actor.role == Role::bureau_admin && !actor.scope_path.empty() &&
           p.program_path.starts_with(actor.scope_path);
}

bool owns_step(const Actor& actor, const AppraisalParties& p, AppraisalAction a) {
    switch (a) {
        case AppraisalAction::self:
            return actor.role == Role::teacher && actor.staff && *actor.staff == p.staff;
        case AppraisalAction::rate:
            return actor.role == Role::institution_admin && actor.institution &&
                   *actor.institution == p.recipient_institution;
        case AppraisalAction::sender:
            return actor.role == Role::institution_admin && actor.institution &&
                   *actor.institution == p.sending_institution;
        case AppraisalAction::approve:
            return is_office(actor, p);
    }
    return false;
}

std::optional<AppraisalAction> action_due(const Actor& actor, const AppraisalParties& p,
                                          std::string_view stage) {
    for (auto a : {AppraisalAction::self, AppraisalAction::rate, AppraisalAction::sender,
                   AppraisalAction::approve})
        if (stage == stage_for(a) && owns_step(actor, p, a)) return a;
    return std::nullopt;
}

StepInput read_step(AppraisalAction a, const boost::json::object& body, FieldErrors& e) {
    StepInput in;
    std::span<const FieldLabel> labels = step_labels;
    switch (a) {
        case AppraisalAction::self: {
            FieldReader f(body, labels.subspan(0, 1), e);
            f.text("self_summary", in.self_summary);
            check_required_text(labels, e, "self_summary", in.self_summary, 20000);
            break;
        }
        case AppraisalAction::rate: {
            FieldReader f(body, labels.subspan(1, 3), e);
            f.optional_text("rating", in.rating);
            f.text("recipient_comment", in.comment);
            f.text("recipient_summary", in.summary);
            check_choice(labels, e, "rating", in.rating.value_or(""), dict::appraisal_rating);
            check_required_text(labels, e, "recipient_comment", in.comment, 2000);
            check_optional_text(labels, e, "recipient_summary", in.summary, 20000);
            break;
        }
        case AppraisalAction::sender: {
            FieldReader f(body, labels.subspan(4, 2), e);
            f.text("sender_opinion", in.comment);
            f.text("sender_summary", in.summary);
            check_required_text(labels, e, "sender_opinion", in.comment, 2000);
            check_optional_text(labels, e, "sender_summary", in.summary, 20000);
            break;
        }
        case AppraisalAction::approve: {
            FieldReader f(body, labels.subspan(6, 1), e);
            f.text("office_comment", in.comment);
            check_optional_text(labels, e, "office_comment", in.comment, 2000);
            break;
        }
    }
    return in;
}

Text wrong_stage_error(AppraisalAction a, std::string_view stage) {
    auto* s = dict::appraisal_stage.find(stage);
    std::string zh = s ? std::string(s->zh) : std::string(stage);
    std::string en = s ? std::string(s->en) : std::string(stage);
    return {"考核当前为“" + zh + "”，不能进行“" + std::string(step_zh(a)) +
                "”（顺序：本人自评→受援单位评定→派出单位意见→帮扶办审批）",
            "the appraisal is at \"" + en + "\"; \"" + std::string(step_en(a)) +
                "\" is not the step due (order: self-appraisal → recipient's rating → sender's "
                "opinion → office approval)"};
}

Text wrong_role_error(AppraisalAction a) {
    switch (a) {
        case AppraisalAction::self:
            return {"只有支教教师本人可以填写个人自评",
                    "Only the dispatched teacher may write the self-appraisal"};
        case AppraisalAction::rate:
            return {"只有受援单位的管理员可以评定考核等次",
                    "Only an admin of the recipient institution may give the rating"};
        case AppraisalAction::sender:
            return {"只有派出单位的管理员可以签署派出单位意见",
                    "Only an admin of the sending institution may give its opinion"};
        case AppraisalAction::approve:
            return {"只有主管该项目的教育局（帮扶办）可以审批考核",
                    "Only the bureau office running the program may approve the appraisal"};
    }
    return {};
}

}  // namespace bangfu::core
