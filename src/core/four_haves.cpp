#include "core/four_haves.hpp"

#include <algorithm>

namespace bangfu::core {

namespace {
bool has_role(const FourHavesInput& in, std::string_view role) {
    return std::find(in.leading_group_roles.begin(), in.leading_group_roles.end(), role) !=
           in.leading_group_roles.end();
}

std::string approval_zh(std::string_view a) {
    if (a == "draft") return "草稿";
    if (a == "submitted") return "已报送待批准";
    if (a == "rejected") return "已退回";
    return std::string(a);
}
std::string approval_en(std::string_view a) {
    if (a == "submitted") return "submitted, awaiting approval";
    return std::string(a);
}

// "Plan 《x》 is still a draft": points at the plan that would satisfy the item once approved.
Text pending_plan(const PlanFact& p) {
    return {"计划《" + p.title + "》尚未批准（" + approval_zh(p.approval) + "）",
            "plan \"" + p.title + "\" is not approved yet (" + approval_en(p.approval) + ")"};
}

FourHavesItem organisation(const FourHavesInput& in) {
    FourHavesItem item{"organisation", {"组织领导", "Organisation & leadership"}, true, {}};
    std::string zh_prefix = in.pairing ? "所属帮扶项目的领导小组" : "领导小组";
    std::string en_prefix = in.pairing ? "the program's leading group" : "the leading group";
    if (!has_role(in, "leader"))
        item.missing.push_back({"缺少" + zh_prefix + "组长，请在领导小组中添加组长",
                                en_prefix + " has no leader: add the leader to the leading group"});
    if (!has_role(in, "office") && in.program_office.empty())
        item.missing.push_back(
            {"缺少" + zh_prefix + "办公室，请添加办公室成员或填写项目的办公室",
             en_prefix + " has no office: add an office member or fill in the program's office"});
    item.ok = item.missing.empty();
    return item;
}

FourHavesItem phased_plan(const FourHavesInput& in) {
    FourHavesItem item{"phased_plan", {"阶段性计划", "Phased plan"}, false, {}};
    std::string today = format_date(in.today);
    const PlanFact* pending = nullptr;
    for (const auto& p : in.plans) {
        if (p.kind != "annual" && p.kind != "semester") continue;
        if (p.start_date > today || p.end_date < today) continue;
        if (p.approval == "approved") {
            item.ok = true;
            return item;
        }
        if (!pending) pending = &p;
    }
    std::string whose_zh = in.pairing ? "本结对" : "本项目";
    std::string whose_en = in.pairing ? "this pairing" : "this program";
    item.missing.push_back({"缺少" + whose_zh + "覆盖当前日期（" + today +
                                "）的已批准阶段性计划（年度计划或学期计划）",
                            "no approved phased plan (annual or semester) of " + whose_en +
                                " covers today (" + today + ")"});
    if (pending) item.missing.push_back(pending_plan(*pending));
    return item;
}

FourHavesItem implementation_plan(const FourHavesInput& in) {
    FourHavesItem item{"implementation_plan", {"实施方案", "Implementation plan"}, false, {}};
    const PlanFact* pending = nullptr;
    for (const auto& p : in.plans) {
        if (p.kind != "implementation") continue;
        if (p.approval == "approved") {
            item.ok = true;
            return item;
        }
        if (!pending) pending = &p;
    }
    item.missing.push_back(in.pairing ? Text{"缺少本结对已批准的实施方案",
                                             "no approved implementation plan of this pairing"}
                                      : Text{"缺少本项目已批准的实施方案",
                                             "no approved implementation plan of this program"});
    if (pending) item.missing.push_back(pending_plan(*pending));
    return item;
}

FourHavesItem inspection(const FourHavesInput& in, const Date& since) {
    FourHavesItem item{"inspection", {"检查督导", "Inspection & supervision"}, false, {}};
    std::string from = format_date(since);
    std::string to = format_date(in.today);
    for (const auto& d : in.inspection_dates)
        if (d >= from && d <= to) {
            item.ok = true;
            return item;
        }
    item.missing.push_back(
        in.pairing
            ? Text{"近 12 个月（" + from + " 至 " + to + "）没有对本结对或所属项目的检查督导记录",
                   "no inspection of this pairing or its program in the last 12 months (" + from +
                       " to " + to + ")"}
            : Text{"近 12 个月（" + from + " 至 " + to + "）没有本项目的检查督导记录",
                   "no inspection of this program in the last 12 months (" + from + " to " + to +
                       ")"});
    return item;
}
}  // namespace

Date twelve_months_before(const Date& d) {
    Date r{d.year - 1, d.month, d.day};
    if (r.month == 2 && r.day == 29) r.day = 28;  // only d on 29 February can land here
    return r;
}

FourHaves check_four_haves(const FourHavesInput& in) {
    FourHaves r;
    Date since = twelve_months_before(in.today);
    r.reference_date = format_date(in.today);
    r.inspection_since = format_date(since);
    r.items = {organisation(in), phased_plan(in), implementation_plan(in), inspection(in, since)};
    r.complete = std::all_of(r.items.begin(), r.items.end(), [](const auto& i) { return i.ok; });
    return r;
}

boost::json::object to_json(const FourHaves& x) {
    boost::json::array items;
    for (const auto& i : x.items) {
        boost::json::array missing;
        for (const auto& m : i.missing) missing.push_back({{"zh", m.zh}, {"en", m.en}});
        items.push_back({{"key", i.key},
                         {"label", {{"zh", i.label.zh}, {"en", i.label.en}}},
                         {"ok", i.ok},
                         {"missing", std::move(missing)}});
    }
    return {{"complete", x.complete},
            {"reference_date", x.reference_date},
            {"inspection_since", x.inspection_since},
            {"items", std::move(items)}};
}

Text missing_summary(const FourHaves& x) {
    Text t;
    for (const auto& i : x.items)
        for (const auto& m : i.missing) {
            if (!t.zh.empty()) {
                t.zh += "；";
                t.en += "; ";
            }
            t.zh += m.zh;
            t.en += m.en;
        }
    return t;
}

}  // namespace bangfu::core
