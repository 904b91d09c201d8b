#include "core/people_helped_summary.hpp"

#include <cstdio>
#include <initializer_list>

#include "core/money.hpp"
#include "core/report_text.hpp"

namespace bangfu::core::report {

namespace {
using text::link, text::n, text::number, text::same, text::yuan;
std::string year_range(const PeopleHelpedLinks& l) {
    return text::year_range(l.year);
}
// "2026-03" → the aid statistics of that month; the whole year for another key.
std::string month_range(const PeopleHelpedLinks& l, const std::string& key) {
    int y = 0, m = 0;
    if (key.size() != 7 || std::sscanf(key.c_str(), "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return year_range(l);
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
    return "date_from=" + key + "-01&date_to=" + key + "-" + std::to_string(last);
}
std::string unit_text(Unit u) {
    return u == Unit::fen ? "fen" : u == Unit::person_times ? "person_times" : "count";
}
}  // namespace

PeopleHelpedLinks people_helped_links(const Scope& scope, int year) {
    PeopleHelpedLinks l;
    l.year = year;
    // The beneficiaries counted are those with an aid case running in the year (of the program,
    // for a program): aided_year / aid_program keep the lists to them.
    std::string aided = "aided_year=" + std::to_string(year);
    if (scope.kind == "institution") {
        l.beneficiary_filter = "institution=" + scope.id + "&" + aided;
        l.aid_filter = "institution=" + scope.id;
        l.inbound_filter = "host_institution=" + scope.id;
    } else if (scope.kind == "region") {
        l.beneficiary_filter = "region=" + scope.id + "&" + aided;
        l.aid_filter = "region=" + scope.id;
        l.inbound_filter = "region=" + scope.id;
    } else {
        l.beneficiary_filter = "aid_program=" + scope.id + "&" + aided;
        l.aid_filter = "program=" + scope.id;
        l.inbound_filter = "program=" + scope.id;
    }
    return l;
}

Section people_helped_section(const PeopleHelpedFacts& f, const PeopleHelpedLinks& l) {
    Section s;
    s.key = "people_helped";
    s.title = {"六、结对帮扶困难学生与家庭", "6. People helped"};
    std::string range = year_range(l);
    std::string school_year = "school_year=" + std::to_string(l.year);
    std::string aid_stats = link("/aid/stats", {l.aid_filter, range});
    std::string as_of = "as_of=" + f.as_of;
    auto beneficiaries = f.students + f.households;
    s.figures = {
        {"people.beneficiaries",
         {"帮扶对象", "Beneficiaries helped"},
         beneficiaries,
         Unit::count,
         link("/beneficiaries/stats", {l.beneficiary_filter})},
        {"people.students",
         {"困难学生", "Students"},
         f.students,
         Unit::count,
         link("/beneficiaries/students", {l.beneficiary_filter})},
        {"people.households",
         {"困难家庭", "Households"},
         f.households,
         Unit::count,
         link("/beneficiaries/households", {l.beneficiary_filter})},
        {"aid.cases",
         {"一对一帮扶关系", "One-to-one aid cases"},
         f.cases,
         Unit::count,
         link("/aid/cases", {l.aid_filter, "year=" + std::to_string(l.year)})},
        {"aid.records", {"帮扶记录", "Help recorded"}, f.records, Unit::count, aid_stats},
        {"aid.home_visits", {"入户走访", "Home visits"}, f.home_visits, Unit::count, aid_stats},
        {"aid.counselled", {"接受心理疏导", "Counselled"}, f.counselled, Unit::count, aid_stats},
        {"aid.tuition_exemptions",
         {"减免学费", "Tuition exemptions"},
         f.tuition_exemptions,
         Unit::count,
         aid_stats},
        {"aid.work_study_places",
         {"勤工助学岗位", "Work-study places"},
         f.work_study_places,
         Unit::count,
         aid_stats},
        {"aid.people_employed",
         {"安排就业", "People employed"},
         f.people_employed,
         Unit::count,
         aid_stats},
        {"aid.employed_at_2000",
         {"就业月薪 2000 元以上", "Employed at 2,000 yuan a month or more"},
         f.employed_at_2000,
         Unit::count,
         aid_stats},
        {"aid.amount_fen", {"帮扶资金", "Money spent"}, f.amount_fen, Unit::fen, aid_stats},
        {"inbound.students",
         {"异地就读学生", "Inbound students"},
         f.inbound_students,
         Unit::count,
         link("/beneficiaries/inbound", {l.inbound_filter, school_year})},
        {"inbound.fee_exemption_fen",
         {"异地就读学生免除费用", "Fees exempted for inbound students"},
         f.inbound_fee_exemption_fen,
         Unit::fen,
         link("/beneficiaries/inbound", {l.inbound_filter, school_year})},
        {"aid.overdue_cases",
         {"帮扶逾期的帮扶关系", "Aid cases overdue"},
         f.overdue_cases,
         Unit::count,
         link("/aid/alerts", {l.aid_filter, as_of})},
        {"aid.overdue_cadences",
         {"逾期的帮扶频次", "Overdue cadences"},
         f.overdue_cadences,
         Unit::count,
         link("/aid/alerts", {l.aid_filter, as_of})},
    };
    for (const auto& k : f.records_by_kind)
        s.figures.push_back({"aid.kind." + k.key, k.label, k.records, Unit::count,
                             link("/aid/stats", {l.aid_filter, range})});

    s.summary = {
        "本年度结对帮扶困难学生 " + n(f.students) + " 名、困难家庭 " + n(f.households) +
            " 户，建立一对一帮扶关系 " + n(f.cases) + " 个，记录帮扶 " + n(f.records) +
            " 次，其中入户走访 " + n(f.home_visits) + " 次；" + n(f.counselled) +
            " 人接受心理疏导，减免学费 " + n(f.tuition_exemptions) + " 人次，提供勤工助学岗位 " +
            n(f.work_study_places) + " 个，安排就业 " + n(f.people_employed) + " 人（其中月薪 " +
            "2000 元以上 " + n(f.employed_at_2000) + " 人），投入帮扶资金 " +
            format_yuan(f.amount_fen, true) + " 元。",
        n(f.students) + " students and " + n(f.households) +
            " households were helped this year in " + n(f.cases) + " one-to-one aid cases, with " +
            n(f.records) + " helps recorded, " + n(f.home_visits) + " of them home visits; " +
            n(f.counselled) + " people were counselled, " + n(f.tuition_exemptions) +
            " tuition exemptions granted, " + n(f.work_study_places) +
            " work-study places provided and " + n(f.people_employed) + " people employed (" +
            n(f.employed_at_2000) + " at 2,000 yuan a month or more); " +
            format_yuan(f.amount_fen, true) + " yuan were spent."};
    if (f.inbound_students > 0) {
        s.summary.zh += "接收异地就读学生 " + n(f.inbound_students) + " 名，免除费用 " +
                        format_yuan(f.inbound_fee_exemption_fen, true) + " 元";
        s.summary.en += " " + n(f.inbound_students) + " inbound students were taught, with " +
                        format_yuan(f.inbound_fee_exemption_fen, true) + " yuan of fees exempted";
        if (f.inbound_by_grade.size() > 1) {
            std::string zh, en;
            for (const auto& g : f.inbound_by_grade) {
                zh += (zh.empty() ? "" : "、") + g.label + " " + n(g.students) + " 名";
                en += (en.empty() ? "" : ", ") + g.label + " " + n(g.students);
            }
            s.summary.zh += "（" + zh + "）";
            s.summary.en += " (" + en + ")";
        }
        s.summary.zh += "。";
        s.summary.en += ".";
    }
    s.summary.zh += "截至 " + f.as_of + "，有 " + n(f.overdue_cases) + " 个帮扶关系的 " +
                    n(f.overdue_cadences) + " 项帮扶频次逾期。";
    s.summary.en += " As of " + f.as_of + ", " + n(f.overdue_cadences) + " cadences of " +
                    n(f.overdue_cases) + " aid cases were overdue.";

    Table bt{
        "beneficiaries_by_category",
        {"帮扶对象分类统计", "Beneficiaries by category"},
        {{"类别", "Category"}, {"学生", "Students"}, {"家庭", "Households"}, {"合计", "Total"}},
        {},
        {},
        {1, 2, 3}};
    for (const auto& c : f.by_category)
        bt.rows.push_back(
            {c.label, number(c.students), number(c.households), number(c.students + c.households)});
    // A beneficiary may hold several categories: the total counts each beneficiary once.
    bt.rows.push_back({{"帮扶对象合计（每人计一次）", "Beneficiaries (each counted once)"},
                       number(f.students),
                       number(f.households),
                       number(beneficiaries)});
    Table kt{"aid_by_kind",
             {"帮扶记录分类统计", "Help recorded by kind"},
             {{"帮扶方式", "Kind"},
              {"次数", "Records"},
              {"帮扶对象", "Beneficiaries"},
              {"金额（元）", "Amount (yuan)"}},
             {},
             {3},
             {1, 2}};
    for (const auto& k : f.records_by_kind)
        kt.rows.push_back(
            {k.label, number(k.records), number(k.beneficiaries), yuan(k.amount_fen)});
    kt.rows.push_back({{"合计", "Total"}, number(f.records), same(""), yuan(f.amount_fen)});
    Table mt{"aid_by_month",
             {"帮扶记录月度统计", "Help recorded by month"},
             {{"月份", "Month"}, {"次数", "Records"}, {"金额（元）", "Amount (yuan)"}},
             {},
             {2},
             {1}};
    for (const auto& m : f.records_by_month)
        mt.rows.push_back({m.label, number(m.records), yuan(m.amount_fen)});
    mt.rows.push_back({{"合计", "Total"}, number(f.records), yuan(f.amount_fen)});
    auto inbound_table = [&](std::string key, Text title, Text first,
                             const std::vector<InboundCount>& rows) {
        Table t{std::move(key),
                std::move(title),
                {std::move(first),
                 {"学生人数", "Students"},
                 {"免除费用（元）", "Fees exempted (yuan)"}},
                {},
                {2},
                {1}};
        for (const auto& r : rows)
            t.rows.push_back(
                {r.label.empty() ? Text{"普通高中", "General high school"} : same(r.label),
                 number(r.students), yuan(r.fee_exemption_fen)});
        t.rows.push_back(
            {{"合计", "Total"}, number(f.inbound_students), yuan(f.inbound_fee_exemption_fen)});
        return t;
    };
    s.tables = {std::move(bt), std::move(kt), std::move(mt)};
    if (f.inbound_students > 0) {
        s.tables.push_back(inbound_table("inbound_by_program",
                                         {"异地就读学生（按项目）", "Inbound students by program"},
                                         {"帮扶项目", "Program"}, f.inbound_by_program));
        s.tables.push_back(inbound_table("inbound_by_grade",
                                         {"异地就读学生（按年级）", "Inbound students by grade"},
                                         {"年级", "Grade"}, f.inbound_by_grade));
        s.tables.push_back(inbound_table("inbound_by_major",
                                         {"异地就读学生（按专业）", "Inbound students by major"},
                                         {"专业", "Major"}, f.inbound_by_major));
    }
    return s;
}

boost::json::object people_helped_dashboard_json(const PeopleHelpedFacts& f,
                                                 const PeopleHelpedLinks& l,
                                                 std::string_view lang) {
    auto section = people_helped_section(f, l);
    boost::json::array figures;
    for (const auto& x : section.figures) {
        if (x.key.starts_with("aid.kind.")) continue;
        figures.push_back({{"key", x.key},
                           {"label", x.label.in(lang)},
                           {"value", x.value},
                           {"unit", unit_text(x.unit)},
                           {"text", format_value(x)},
                           {"link", x.link}});
    }
    std::string range = year_range(l);
    boost::json::array categories, by_kind, by_month;
    for (const auto& c : f.by_category)
        categories.push_back({{"key", c.key},
                              {"label", c.label.in(lang)},
                              {"students", c.students},
                              {"households", c.households},
                              {"link", link("/beneficiaries/students",
                                            {l.beneficiary_filter, "category=" + c.key})}});
    for (const auto& k : f.records_by_kind)
        by_kind.push_back({{"key", k.key},
                           {"label", k.label.in(lang)},
                           {"records", k.records},
                           {"beneficiaries", k.beneficiaries},
                           {"amount_fen", k.amount_fen},
                           {"link", link("/aid/stats", {l.aid_filter, range})}});
    for (const auto& m : f.records_by_month)
        by_month.push_back({{"key", m.key},
                            {"label", m.label.in(lang)},
                            {"records", m.records},
                            {"amount_fen", m.amount_fen},
                            {"link", link("/aid/stats", {l.aid_filter, month_range(l, m.key)})}});
    return {{"figures", std::move(figures)},
            {"beneficiaries_by_category", std::move(categories)},
            {"aid_by_kind", std::move(by_kind)},
            {"aid_by_month", std::move(by_month)},
            {"overdue",
             {{"as_of", f.as_of},
              {"cases", f.overdue_cases},
              {"cadences", f.overdue_cadences},
              {"link", link("/aid/alerts", {l.aid_filter, "as_of=" + f.as_of})}}}};
}

}  // namespace bangfu::core::report
