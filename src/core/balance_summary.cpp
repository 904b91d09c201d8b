#include "core/balance_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/report_text.hpp"

namespace bangfu::core::report {

namespace {
using text::n;
namespace bal = balance;

std::string fixed(double x, int decimals) {
    return fmt::format("{:.{}f}", x, decimals);
}
Text same(std::string s) {
    return {s, s};
}
Text yes_no(bool b) {
    return b ? Text{"达标", "pass"} : Text{"未达标", "fail"};
}
std::string link(const BalanceFacts& f, std::int64_t year) {
    return (f.kind == BalanceFacts::Kind::county ? "/balance?region="
                                                 : "/balance/counties?region=") +
           f.region + "&year=" + std::to_string(year);
}
const bal::StageResult* stage_of(const bal::CountyBalance& b, bal::Stage s) {
    for (const auto& x : b.stages)
        if (x.stage == s) return &x;
    return nullptr;
}
const bal::IndicatorResult* indicator_of(const bal::StageResult* s, bal::Indicator i) {
    if (!s) return nullptr;
    for (const auto& x : s->indicators)
        if (x.key == i) return &x;
    return nullptr;
}
// Whether any school of the county entered its resources for the year (a county whose schools
// all lack them is "incomplete", not "no data", but has nothing to show either).
bool has_inputs(const bal::CountyBalance& b) {
    return !b.stages.empty() || !b.excluded.empty();
}
Text labels_of(const std::vector<bal::Indicator>& list) {
    Text out;
    for (auto i : list) {
        auto l = bal::indicator_label(i);
        out.zh += (out.zh.empty() ? "" : "、") + l.zh;
        out.en += (out.en.empty() ? "" : "; ") + l.en;
    }
    return out;
}

Section county_section(const BalanceFacts& f) {
    Section s;
    s.key = "balance";
    s.title = {"七、均衡发展（优质均衡）", "7. Balanced development"};
    auto school_year = bal::format_school_year(f.school_year);
    const auto& b = f.current;
    auto here = link(f, f.school_year);
    std::int64_t schools = 0, passing = 0, cvs = 0, cvs_within = 0;
    for (const auto& st : b.stages) {
        schools += static_cast<std::int64_t>(st.schools.size());
        passing += st.schools_passing;
        for (const auto& i : st.indicators) {
            ++cvs;
            if (i.pass) ++cvs_within;
        }
    }
    auto missing = static_cast<std::int64_t>(b.missing.size());
    s.figures = {
        {"balance.schools",
         {"参评学校（学段）", "Schools evaluated (by stage)"},
         schools,
         Unit::count,
         here},
        {"balance.schools_passing",
         {"达到办学标准的学校（学段）", "Schools reaching the standards (by stage)"},
         passing,
         Unit::count,
         here},
        {"balance.indicators_within_limit",
         {"差异系数在上限内的指标", "Indicators with the CV within its limit"},
         cvs_within,
         Unit::count,
         here},
        {"balance.schools_missing",
         {"未填报办学条件的学校", "Schools without inputs"},
         missing,
         Unit::count,
         here},
    };

    // The paragraph.
    auto verdict = bal::verdict_label(b.verdict);
    Text summary{
        school_year + " 学年，" + f.county_name + "义务教育" + verdict.zh + "。",
        "In the school year " + school_year + ", " + f.county_name + ": " + verdict.en + "."};
    for (const auto& st : b.stages) {
        auto label = bal::stage_label(st.stage);
        std::int64_t over = 0;
        for (const auto& i : st.indicators)
            if (!i.pass) ++over;
        auto limit = fixed(st.indicators.empty() ? 0 : st.indicators.front().limit, 2);
        summary.zh += label.zh + " " + n(static_cast<std::int64_t>(st.schools.size())) +
                      " 所学校中 " + n(st.schools_passing) + " 所达到办学标准，" +
                      (over == 0 ? "7 项指标差异系数均不超过 " + limit
                                 : n(over) + " 项指标差异系数超过 " + limit) +
                      "；";
        summary.en +=
            " " + label.en + ": " + n(st.schools_passing) + " of " +
            n(static_cast<std::int64_t>(st.schools.size())) + " schools reach the standards, " +
            (over == 0 ? "every CV within " + limit : n(over) + " CV(s) above " + limit) + ".";
    }
    if (!b.stages.empty() && summary.zh.ends_with("；"))
        summary.zh.replace(summary.zh.size() - std::string("；").size(), std::string("；").size(),
                           "。");
    if (missing > 0) {
        summary.zh += n(missing) + " 所学校尚未填报办学条件。";
        summary.en += " " + n(missing) + " school(s) have no inputs yet.";
    }
    if (f.previous) {
        auto before = bal::verdict_label(f.previous->verdict);
        auto prev_year = bal::format_school_year(f.school_year - 1);
        summary.zh += "上一学年（" + prev_year + "）：" + before.zh + "。";
        summary.en += " The year before (" + prev_year + "): " + before.en + ".";
    }
    s.summary = summary;

    // Each stage's CVs against their limits, with the year before.
    Table cv;
    cv.key = "balance.cv";
    cv.title = {"差异系数", "Coefficients of variation"};
    cv.columns = {{"学段", "Stage"}, {"指标", "Indicator"}, {"差异系数", "CV"},
                  {"上限", "Limit"}, {"是否达标", "Pass"},  {"上一学年", "Year before"},
                  {"变化", "Change"}};
    for (const auto& st : b.stages) {
        const auto* before = f.previous ? stage_of(*f.previous, st.stage) : nullptr;
        for (const auto& i : st.indicators) {
            const auto* p = indicator_of(before, i.key);
            cv.rows.push_back({bal::stage_label(st.stage), bal::indicator_label(i.key),
                               same(fixed(i.cv, 3)), same(fixed(i.limit, 2)), yes_no(i.pass),
                               same(p ? fixed(p->cv, 3) : ""),
                               same(p ? fmt::format("{:+.3f}", i.cv - p->cv) : "")});
        }
    }
    s.tables.push_back(std::move(cv));

    // Per stage: schools, passing, CVs, verdict, against the year before.
    Table stages;
    stages.key = "balance.stages";
    stages.title = {"各学段评估结论", "Stages"};
    stages.columns = {{"学段", "Stage"},
                      {"在校生数", "Students"},
                      {"参评学校", "Schools"},
                      {"达标学校", "Schools passing"},
                      {"差异系数", "CVs"},
                      {"结论", "Verdict"},
                      {"上一学年达标学校", "Passing the year before"},
                      {"上一学年结论", "Verdict the year before"}};
    stages.numeric_columns = {1, 2, 3, 6};
    for (const auto& st : b.stages) {
        const auto* before = f.previous ? stage_of(*f.previous, st.stage) : nullptr;
        stages.rows.push_back({bal::stage_label(st.stage), same(n(st.students)),
                               same(n(static_cast<std::int64_t>(st.schools.size()))),
                               same(n(st.schools_passing)), yes_no(st.cv_pass), yes_no(st.pass),
                               same(before ? n(before->schools_passing) : ""),
                               before ? yes_no(before->pass) : same("")});
    }
    s.tables.push_back(std::move(stages));

    // The schools missing most: by the number of standards missed, then below the floor.
    Table lagging;
    lagging.key = "balance.lagging";
    lagging.title = {"未达标学校", "Schools below the standards"};
    lagging.columns = {{"学段", "Stage"},
                       {"学校", "School"},
                       {"未达标指标数", "Standards missed"},
                       {"未达标指标", "Indicators missed"},
                       {"低于标准85%的指标", "Below 85 % of the standard"}};
    lagging.numeric_columns = {2};
    for (const auto& st : b.stages) {
        std::vector<const bal::StageSchool*> failing;
        for (const auto& x : st.schools)
            if (!x.pass) failing.push_back(&x);
        std::stable_sort(failing.begin(), failing.end(), [](auto* a, auto* c) {
            if (a->missed.size() != c->missed.size()) return a->missed.size() > c->missed.size();
            return a->below_floor.size() > c->below_floor.size();
        });
        if (failing.size() > balance_lagging_rows) failing.resize(balance_lagging_rows);
        for (const auto* x : failing)
            lagging.rows.push_back({bal::stage_label(st.stage), same(x->name),
                                    same(n(static_cast<std::int64_t>(x->missed.size()))),
                                    labels_of(x->missed), labels_of(x->below_floor)});
    }
    if (!lagging.rows.empty()) s.tables.push_back(std::move(lagging));
    return s;
}

Section counties_section(const BalanceFacts& f) {
    Section s;
    s.key = "balance";
    s.title = {"七、均衡发展（优质均衡）", "7. Balanced development"};
    auto school_year = bal::format_school_year(f.school_year);
    auto here = link(f, f.school_year);
    std::int64_t evaluated = 0, passing = 0;
    Table t;
    t.key = "balance.counties";
    t.title = {"各县（市、区）评估结论", "Counties"};
    t.columns = {{"县（市、区）", "County"},
                 {"所属市", "City"},
                 {"参评学校", "Schools"},
                 {"达标学校（学段）", "Schools passing (by stage)"},
                 {"结论", "Verdict"}};
    t.numeric_columns = {2};
    Text passed_names;
    for (const auto& c : f.counties) {
        if (!has_inputs(c.result)) continue;
        ++evaluated;
        std::int64_t stage_schools = 0, stage_passing = 0;
        for (const auto& st : c.result.stages) {
            stage_schools += static_cast<std::int64_t>(st.schools.size());
            stage_passing += st.schools_passing;
        }
        if (c.result.verdict == bal::Verdict::pass) {
            ++passing;
            passed_names.zh += (passed_names.zh.empty() ? "" : "、") + c.name;
            passed_names.en += (passed_names.en.empty() ? "" : ", ") + c.name;
        }
        t.rows.push_back({same(c.name), same(c.parent_name), same(n(c.schools)),
                          same(n(stage_passing) + " / " + n(stage_schools)),
                          bal::verdict_label(c.result.verdict)});
    }
    s.figures = {
        {"balance.counties_evaluated",
         {"有办学条件数据的县（市、区）", "Counties with inputs"},
         evaluated,
         Unit::count,
         here},
        {"balance.counties_passing",
         {"达到优质均衡要求的县（市、区）", "Counties meeting the balance standard"},
         passing,
         Unit::count,
         here},
    };
    s.summary = {school_year + " 学年，" + n(evaluated) +
                     " 个县（市、区）填报了义务教育学校办学条件，其中 " + n(passing) +
                     " 个资源配置达到优质均衡要求" +
                     (passing > 0 ? "（" + passed_names.zh + "）" : "") + "。",
                 "In the school year " + school_year + ", " + n(evaluated) +
                     " county(ies) entered their schools' resources; " + n(passing) +
                     " meet the balance standard" +
                     (passing > 0 ? " (" + passed_names.en + ")" : "") + "."};
    s.tables.push_back(std::move(t));
    return s;
}

}  // namespace

std::optional<Section> balance_section(const BalanceFacts& f) {
    if (f.kind == BalanceFacts::Kind::county) {
        if (!has_inputs(f.current)) return std::nullopt;
        return county_section(f);
    }
    if (f.kind == BalanceFacts::Kind::counties) {
        bool any = std::any_of(f.counties.begin(), f.counties.end(),
                               [](const BalanceCounty& c) { return has_inputs(c.result); });
        if (!any) return std::nullopt;
        return counties_section(f);
    }
    return std::nullopt;
}

}  // namespace bangfu::core::report
