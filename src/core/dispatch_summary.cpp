#include "core/dispatch_summary.hpp"

#include <initializer_list>

#include "core/money.hpp"
#include "core/report_print.hpp"
#include "core/report_text.hpp"

namespace bangfu::core::report {

namespace {
using text::link, text::n, text::number, text::same, text::yuan;

// The list pages behind the figures, with the filters that make each list hold exactly the
// records the figure counts: assignments and attachment study of the school year ending in the
// report year (school_year=Y: 1 September Y-1 to 31 August Y), appraisals and subsidy payments of
// the appraisal year (year=Y, the same school year), all kept to the scope (program, institution
// or region).
struct Links {
    std::string scope, year;
    int report_year = 0;
    explicit Links(const LinkContext& l)
        : scope(l.scope_filter.empty() && !l.region.empty() ? "region=" + l.region
                                                            : l.scope_filter),
          year("year=" + std::to_string(l.year)),
          report_year(l.year) {}
    std::string assignments_of(int school_year, std::string extra = "") const {
        return link("/dispatch/assignments",
                    {scope, "school_year=" + std::to_string(school_year), std::move(extra)});
    }
    std::string assignments(std::string extra = "") const {
        return assignments_of(report_year, std::move(extra));
    }
    // The person-times and teachers leave out those who withdrew mid-way.
    std::string serving(std::string extra = "") const {
        return assignments("withdrawn=false" + (extra.empty() ? "" : "&" + extra));
    }
    // The batches with a teacher serving in the school year.
    std::string batches() const {
        return link("/dispatch/batches", {scope, "school_year=" + std::to_string(report_year)});
    }
    std::string attachments() const {
        return link("/dispatch/attachments", {scope, "school_year=" + std::to_string(report_year)});
    }
    std::string appraisals(std::string extra = "") const {
        return link("/appraisals", {scope, year, std::move(extra)});
    }
    std::string subsidies(std::string extra = "") const {
        return link("/subsidy-payments", {scope, year, std::move(extra)});
    }
};

Table count_table(std::string key, Text title, Text first_column,
                  const std::vector<DispatchCount>& rows, std::int64_t person_times) {
    Table t{std::move(key),
            std::move(title),
            {std::move(first_column), {"人次", "Person-times"}, {"教师人数", "Teachers"}},
            {},
            {},
            {1, 2}};
    for (const auto& r : rows)
        t.rows.push_back({r.label, number(r.person_times), number(r.teachers)});
    // A teacher may teach several subjects: the subject rows can add up to more than the
    // person-times, so the total row is the person-times of the year, not the column sum.
    t.rows.push_back({{"合计", "Total"}, number(person_times), {"", ""}});
    return t;
}
}  // namespace

std::int64_t attachment_person_times(const DispatchFacts& f) {
    std::int64_t n = 0;
    for (const auto& a : f.attachments) n += a.headcount;
    return n;
}

std::int64_t approved_appraisals(const DispatchFacts& f) {
    std::int64_t n = 0;
    for (const auto& r : f.ratings) n += r.count;
    return n;
}

SubsidyFact subsidy_total(const DispatchFacts& f) {
    SubsidyFact t;
    for (const auto& s : f.subsidies) {
        t.months += s.months;
        t.entitled_fen += s.entitled_fen;
        t.payable_fen += s.payable_fen;
        t.pending_fen += s.pending_fen;
    }
    return t;
}

namespace {
// The paragraph names the teachers rated excellent while they fit on paper; a province's
// thousands are left to the table and the workbook (core/report_print.hpp).
void name_excellent_teachers(Text& summary, const std::vector<ExcellentTeacherFact>& excellent) {
    if (excellent.empty()) return;
    if (excellent.size() > print_row_limit) {
        auto n = std::to_string(excellent.size());
        auto where = full_list_in_workbook({"名单", "their list"});
        summary.zh += "考核优秀的支教教师 " + n + " 人，" + where.zh + "。";
        summary.en += " " + n + " teachers were rated excellent; " + where.en + ".";
        return;
    }
    std::string zh, en;
    for (const auto& e : excellent) {
        zh += (zh.empty() ? "" : "、") + e.name + "（" + e.recipient + "）";
        en += (en.empty() ? "" : ", ") + e.name + " (" + e.recipient + ")";
    }
    summary.zh += "考核优秀的支教教师：" + zh + "。";
    summary.en += " Rated excellent: " + en + ".";
}
}  // namespace

Section dispatch_section(const DispatchFacts& f, const LinkContext& l) {
    Links to(l);
    Section s;
    s.key = "dispatch";
    s.title = {"五、支教派遣与考核", "5. Teacher dispatch and appraisal"};
    auto batches = static_cast<std::int64_t>(f.batches.size());
    auto attachments = attachment_person_times(f);
    auto approved = approved_appraisals(f);
    auto money = subsidy_total(f);
    s.figures = {
        {"dispatch.batches", {"支教批次", "Batches"}, batches, Unit::count, to.batches()},
        {"dispatch.person_times",
         {"派遣支教", "Teachers sent"},
         f.person_times,
         Unit::person_times,
         to.serving()},
        {"dispatch.teachers",
         {"支教教师", "Dispatched teachers"},
         f.teachers,
         Unit::count,
         to.serving()},
        {"dispatch.withdrawn",
         {"中途退出", "Withdrawn"},
         f.withdrawn,
         Unit::count,
         to.assignments("status=withdrawn")},
        {"dispatch.attachment_person_times",
         {"接收挂职跟岗", "Attachment study received"},
         attachments,
         Unit::person_times,
         to.attachments()},
        {"dispatch.appraisals_approved",
         {"完成考核", "Appraisals approved"},
         approved,
         Unit::count,
         to.appraisals("stage=approved")},
    };
    for (const auto& r : f.ratings)
        s.figures.push_back({"dispatch.rating." + r.key, r.label, r.count, Unit::count,
                             to.appraisals("stage=approved&rating=" + r.key)});
    s.figures.push_back({"dispatch.appraisals_open",
                         {"考核进行中", "Appraisals in progress"},
                         f.appraisals_open,
                         Unit::count,
                         to.appraisals("open=true")});
    s.figures.push_back({"dispatch.subsidy_entitled_fen",
                         {"应享补助", "Subsidies entitled"},
                         money.entitled_fen,
                         Unit::fen,
                         to.subsidies()});
    s.figures.push_back({"dispatch.subsidy_payable_fen",
                         {"可发放补助", "Subsidies payable"},
                         money.payable_fen,
                         Unit::fen,
                         to.subsidies("status=payable")});
    s.figures.push_back({"dispatch.subsidy_pending_fen",
                         {"待考核审定补助", "Subsidies awaiting appraisal"},
                         money.pending_fen,
                         Unit::fen,
                         to.subsidies("status=pending")});

    // The school year ending in the report year: "2025—2026学年" / "school year 2025–26".
    auto before = n(l.year - 1);
    auto year = n(l.year);
    s.summary = {before + "—" + year + "学年共有 " + n(batches) + " 批支教教师在岗，派遣支教 " +
                     n(f.person_times) + " 人次（" + n(f.teachers) + " 名教师）",
                 "School year " + before + "–" + year.substr(year.size() - 2) + ": " + n(batches) +
                     (batches == 1 ? " batch" : " batches") + " on duty, " + n(f.person_times) +
                     " person-times sent (" + n(f.teachers) + " teachers)"};
    if (f.withdrawn > 0) {
        s.summary.zh += "，中途退出 " + n(f.withdrawn) + " 人次";
        s.summary.en += ", " + n(f.withdrawn) + " withdrawn";
    }
    s.summary.zh += "；接收对口学校教师挂职、跟岗学习 " + n(attachments) + " 人次。";
    s.summary.en += "; " + n(attachments) + " person-times of attachment study were received.";
    if (approved > 0 || f.appraisals_open > 0) {
        s.summary.zh += "年度考核已审定 " + n(approved) + " 人";
        s.summary.en += " Appraisals approved: " + n(approved);
        for (const auto& r : f.ratings) {
            if (r.count == 0) continue;
            s.summary.zh += "，" + r.label.zh + " " + n(r.count) + " 人";
            s.summary.en += ", " + r.label.en + " " + n(r.count);
        }
        if (f.appraisals_open > 0) {
            s.summary.zh += "，另有 " + n(f.appraisals_open) + " 人正在考核";
            s.summary.en += "; " + n(f.appraisals_open) + " in progress";
        }
        s.summary.zh += "。";
        s.summary.en += ".";
    }
    name_excellent_teachers(s.summary, f.excellent);
    if (money.entitled_fen > 0) {
        s.summary.zh += "按补助政策应享支教补助 " + format_yuan(money.entitled_fen, true) +
                        " 元，其中可发放 " + format_yuan(money.payable_fen, true) + " 元";
        s.summary.en += " Subsidies entitled under the program's policy: " +
                        format_yuan(money.entitled_fen, true) + " yuan, of which " +
                        format_yuan(money.payable_fen, true) + " yuan payable";
        if (money.pending_fen > 0) {
            s.summary.zh += "，待考核审定 " + format_yuan(money.pending_fen, true) + " 元";
            s.summary.en +=
                ", " + format_yuan(money.pending_fen, true) + " yuan awaiting appraisal";
        }
        s.summary.zh += "。";
        s.summary.en += ".";
    }

    Table bt{"dispatch_batches",
             {"支教批次", "Dispatch batches"},
             {{"帮扶项目", "Program"},
              {"批次", "Batch"},
              {"欢送日期", "Send-off"},
              {"欢送活动", "Send-off event"},
              {"计划人数", "Planned"},
              {"本学年在岗人次", "Person-times in the year"}},
             {},
             {},
             {4, 5}};
    for (const auto& b : f.batches)
        bt.rows.push_back({same(b.program), same(b.name), same(b.sendoff_date),
                           same(b.sendoff_event), number(b.planned), number(b.person_times)});
    auto by_subject = count_table("dispatch_by_subject", {"支教学科统计", "Dispatch by subject"},
                                  {"学科", "Subject"}, f.by_subject, f.person_times);
    auto by_sender = count_table("dispatch_by_sender", {"派出单位统计", "Dispatch by sender"},
                                 {"派出单位", "Sender"}, f.by_sender, f.person_times);
    auto by_recipient =
        count_table("dispatch_by_recipient", {"受援单位统计", "Dispatch by recipient"},
                    {"受援单位", "Recipient"}, f.by_recipient, f.person_times);
    Table at{"attachment_study",
             {"挂职跟岗学习", "Attachment study received"},
             {{"类型", "Kind"},
              {"派出单位", "From"},
              {"接收单位", "Host"},
              {"起止日期", "Period"},
              {"人数", "Headcount"}},
             {},
             {},
             {4}};
    for (const auto& a : f.attachments)
        at.rows.push_back(
            {a.kind, same(a.home), same(a.host), same(a.period), number(a.headcount)});
    at.rows.push_back({{"合计", "Total"}, {"", ""}, {"", ""}, {"", ""}, number(attachments)});
    Table rt{"appraisal_results",
             {"考核结果", "Appraisal results"},
             {{"考核等次", "Rating"}, {"人数", "Teachers"}},
             {},
             {},
             {1}};
    for (const auto& r : f.ratings) rt.rows.push_back({r.label, number(r.count)});
    rt.rows.push_back({{"合计", "Total"}, number(approved)});
    Table et{"excellent_teachers",
             {"考核优秀教师名单", "Teachers rated excellent"},
             {{"姓名", "Name"}, {"派出单位", "Sender"}, {"受援单位", "Recipient"}},
             {},
             {},
             {}};
    for (const auto& e : f.excellent)
        et.rows.push_back({same(e.name), same(e.sender), same(e.recipient)});
    Table st{"subsidies",
             {"支教补助", "Dispatch subsidies"},
             {{"帮扶项目", "Program"},
              {"教师", "Teacher"},
              {"派出单位", "Sender"},
              {"受援单位", "Recipient"},
              {"服务月数", "Months"},
              {"应享（元）", "Entitled (yuan)"},
              {"可发放（元）", "Payable (yuan)"},
              {"待审定（元）", "Pending (yuan)"}},
             {},
             {},
             {}};
    st.money_columns = {5, 6, 7};
    st.numeric_columns = {4};
    for (const auto& x : f.subsidies)
        st.rows.push_back({same(x.program), same(x.teacher), same(x.sender), same(x.recipient),
                           number(x.months), yuan(x.entitled_fen), yuan(x.payable_fen),
                           yuan(x.pending_fen)});
    st.rows.push_back({{"合计", "Total"},
                       {"", ""},
                       {"", ""},
                       {"", ""},
                       number(money.months),
                       yuan(money.entitled_fen),
                       yuan(money.payable_fen),
                       yuan(money.pending_fen)});
    s.tables = {std::move(bt), std::move(by_subject), std::move(by_sender), std::move(by_recipient),
                std::move(at), std::move(rt),         std::move(et),        std::move(st)};
    return s;
}

boost::json::object dispatch_dashboard_json(const DispatchFacts& f, const LinkContext& l,
                                            std::string_view lang) {
    Links to(l);
    Report r;
    r.sections = {dispatch_section(f, l)};
    boost::json::array figures;
    for (auto key : {"dispatch.batches", "dispatch.person_times", "dispatch.teachers",
                     "dispatch.attachment_person_times", "dispatch.appraisals_approved",
                     "dispatch.subsidy_entitled_fen", "dispatch.subsidy_payable_fen"})
        if (const auto* x = find_figure(r, key))
            figures.push_back({{"key", x->key},
                               {"label", x->label.in(lang)},
                               {"value", x->value},
                               {"unit", x->unit == Unit::fen            ? "fen"
                                        : x->unit == Unit::person_times ? "person_times"
                                                                        : "count"},
                               {"text", format_value(*x)},
                               {"link", x->link}});
    auto series = [&](const std::vector<DispatchCount>& rows, std::string_view filter) {
        boost::json::array out;
        for (const auto& x : rows)
            out.push_back({{"key", x.key},
                           {"label", x.label.in(lang)},
                           {"person_times", x.person_times},
                           {"teachers", x.teachers},
                           {"link", to.serving(std::string(filter) + "=" + x.key)}});
        return out;
    };
    boost::json::array ratings;
    for (const auto& x : f.ratings)
        ratings.push_back({{"key", x.key},
                           {"label", x.label.in(lang)},
                           {"count", x.count},
                           {"link", to.appraisals("stage=approved&rating=" + x.key)}});
    boost::json::array by_year;
    for (const auto& x : f.by_year)
        by_year.push_back({{"key", x.key},
                           {"label", x.label.in(lang)},
                           {"person_times", x.person_times},
                           {"teachers", x.teachers},
                           {"link", to.assignments_of(std::stoi(x.key), "withdrawn=false")}});
    return {{"figures", std::move(figures)},
            {"by_year", std::move(by_year)},
            {"by_subject", series(f.by_subject, "subject")},
            {"by_sender", series(f.by_sender, "sender")},
            {"by_recipient", series(f.by_recipient, "recipient")},
            {"ratings", std::move(ratings)}};
}

}  // namespace bangfu::core::report
