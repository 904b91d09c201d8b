#include "match/dispatch_match.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/dictionary.hpp"
#include "match/flow.hpp"

namespace bangfu::match {

namespace {

core::Text subject_label(std::string_view code) {
    const auto* o = core::dict::subject.find(code);
    if (!o) return {std::string(code), std::string(code)};
    return {std::string(o->zh), std::string(o->en)};
}

core::Text backbone_label(std::string_view code) {
    const auto* o = core::dict::backbone.find(code);
    if (!o) return {std::string(code), std::string(code)};
    return {std::string(o->zh), std::string(o->en)};
}

constexpr std::int64_t large_gap = 3;

// A pool: the eligible volunteers of one sender, subject and backbone level.
struct Pool {
    std::int64_t institution = 0;
    std::string subject;
    std::string backbone;
    Location where;
    std::vector<std::size_t> volunteers;
    std::size_t group = 0;
};

struct Group {
    std::int64_t institution = 0;
    std::string subject;
    std::int64_t teachers = 0;
    std::int64_t away = 0;
    std::int64_t room = 0;
};

}  // namespace

std::int64_t sender_room(const core::DispatchPolicy& p, const SenderSubject& s) {
    return std::max<std::int64_t>(0, p.max_subject_share_percent * s.teachers / 100 - s.away);
}

int backbone_rank(std::string_view backbone) {
    if (backbone == "county") return 1;
    if (backbone == "city") return 2;
    if (backbone == "province") return 3;
    return 0;
}

std::int64_t dispatch_cost(const Need& n, const Location& from, std::string_view backbone,
                           std::vector<core::Text>* reasons) {
    auto d = distance(from, n.where);
    int rank = backbone_rank(backbone);
    bool large = n.number >= large_gap;
    std::int64_t level = large ? (3 - rank) * 15 : rank * 5;
    if (reasons) {
        auto subject = subject_label(n.subject);
        auto b = backbone_label(backbone);
        reasons->push_back(d.text());
        reasons->push_back({"学科对口：" + subject.zh, "teaches " + subject.en});
        reasons->push_back(
            large ? core::Text{fmt::format("缺口 {} 人，优先骨干教师：{}", n.number, b.zh),
                               fmt::format("a gap of {}: backbone teachers first ({})", n.number,
                                           b.en)}
                  : core::Text{
                        fmt::format("缺口 {} 人，骨干教师留给缺口大的学校：{}", n.number, b.zh),
                        fmt::format("a gap of {}: backbone teachers kept for larger gaps "
                                    "({})",
                                    n.number, b.en)});
    }
    return d.cost() + level;
}

namespace {

// Who can be sent: sender × subject groups with the room the share leaves, and pools of the
// eligible volunteers by sender, subject and backbone level.
struct Supply {
    std::map<std::pair<std::int64_t, std::string>, std::size_t> group_of;
    std::vector<Group> groups;
    std::vector<Pool> pools;
    std::map<std::string, std::vector<std::size_t>> pools_by_subject;  // with room left
    std::map<std::string, std::int64_t> ineligible_of, eligible_of;
    std::int64_t ineligible = 0;
};

Supply supply_of(const DispatchProblem& p) {
    Supply x;
    auto& group_of = x.group_of;
    auto& groups = x.groups;
    auto& pools = x.pools;
    auto& ineligible_of = x.ineligible_of;
    auto& eligible_of = x.eligible_of;
    // Sender × subject groups with the room the share leaves.
    for (const auto& s : p.senders) {
        group_of[{s.institution, s.subject}] = groups.size();
        groups.push_back({s.institution, s.subject, s.teachers, s.away, sender_room(p.policy, s)});
    }
    // Pools of eligible volunteers.
    std::map<std::tuple<std::int64_t, std::string, int>, std::size_t> pool_of;
    for (std::size_t vi = 0; vi < p.volunteers.size(); ++vi) {
        const auto& v = p.volunteers[vi];
        if (!core::check_eligibility(p.policy, v.candidate, p.start).empty()) {
            ++x.ineligible;
            ++ineligible_of[v.subject];
            continue;
        }
        ++eligible_of[v.subject];
        auto g = group_of.find({v.institution, v.subject});
        if (g == group_of.end()) continue;  // no teachers of the subject known: share unknown
        auto key = std::make_tuple(v.institution, v.subject, backbone_rank(v.candidate.backbone));
        auto [it, added] = pool_of.try_emplace(key, pools.size());
        if (added)
            pools.push_back(
                {v.institution, v.subject, v.candidate.backbone, v.where, {}, g->second});
        pools[it->second].volunteers.push_back(vi);
    }
    for (std::size_t k = 0; k < pools.size(); ++k)
        if (groups[pools[k].group].room > 0) x.pools_by_subject[pools[k].subject].push_back(k);

    return x;
}

// Why a need is not (fully) met, from what could be sent.
core::Text unmet_reason(const DispatchProblem& p, Supply& x, const Need& n) {
    auto subject = subject_label(n.subject);
    auto eligible = x.eligible_of[n.subject];
    auto ineligible = x.ineligible_of[n.subject];
    core::Text reason;
    if (eligible == 0)
        reason = {
            fmt::format("没有符合选派条件的{}志愿者{}", subject.zh,
                        ineligible ? fmt::format("（{} 名报名者不符合条件）", ineligible) : ""),
            fmt::format("no eligible {} volunteer ({} who volunteered do not qualify)", subject.en,
                        ineligible)};
    else
        reason = {fmt::format("符合条件的{}志愿者 {} 名已安排给其他需求或受派出单位 {}% "
                              "比例限制",
                              subject.zh, eligible, p.policy.max_subject_share_percent),
                  fmt::format("the {} eligible {} volunteers are placed elsewhere or held "
                              "back by their senders' {}% share",
                              eligible, subject.en, p.policy.max_subject_share_percent)};
    return reason;
}

}  // namespace

DispatchPlan plan_dispatch(const DispatchProblem& p) {
    DispatchPlan plan;
    auto supply = supply_of(p);
    auto& group_of = supply.group_of;
    auto& groups = supply.groups;
    auto& pools = supply.pools;
    auto& pools_by_subject = supply.pools_by_subject;
    plan.ineligible = supply.ineligible;

    // Arcs pool → need, the nearest pools of each need.
    struct Candidate {
        std::size_t pool;
        std::int64_t cost;
    };
    std::vector<std::vector<Candidate>> candidates(p.needs.size());
    std::vector<Candidate> scratch;
    std::int64_t units = 0, max_cost = 0;
    for (std::size_t ni = 0; ni < p.needs.size(); ++ni) {
        const auto& n = p.needs[ni];
        units += std::max<std::int64_t>(0, n.number);
        auto it = pools_by_subject.find(n.subject);
        if (it == pools_by_subject.end()) continue;
        scratch.clear();
        for (auto k : it->second) {
            if (pools[k].institution == n.recipient) continue;  // not sent to its own school
            scratch.push_back({k, dispatch_cost(n, pools[k].where, pools[k].backbone)});
        }
        // Keep the cheapest pools.
        auto cheaper = [](const auto& a, const auto& b) {
            return std::tie(a.cost, a.pool) < std::tie(b.cost, b.pool);
        };
        if (p.max_candidates && scratch.size() > p.max_candidates) {
            std::nth_element(scratch.begin(), scratch.begin() + p.max_candidates, scratch.end(),
                             cheaper);
            scratch.resize(p.max_candidates);
        }
        std::sort(scratch.begin(), scratch.end(), cheaper);
        candidates[ni].assign(scratch.begin(), scratch.end());  // no spare capacity kept
        for (const auto& c : candidates[ni]) max_cost = std::max(max_cost, c.cost);
    }

    Flow f;
    int source = f.add_node(units), sink = f.add_node(-units);
    std::vector<int> group_node(groups.size(), -1), pool_node(pools.size(), -1);
    std::vector<int> need_node(p.needs.size());
    for (std::size_t ni = 0; ni < p.needs.size(); ++ni) {
        need_node[ni] = f.add_node();
        f.add_arc(need_node[ni], sink, std::max<std::int64_t>(0, p.needs[ni].number), 0);
    }
    std::vector<std::tuple<int, std::size_t, std::size_t>> need_arcs;  // arc, need, pool
    for (std::size_t ni = 0; ni < p.needs.size(); ++ni)
        for (const auto& c : candidates[ni]) {
            const auto& pool = pools[c.pool];
            if (pool_node[c.pool] < 0) {
                if (group_node[pool.group] < 0) {
                    group_node[pool.group] = f.add_node();
                    f.add_arc(source, group_node[pool.group], groups[pool.group].room, 0);
                }
                pool_node[c.pool] = f.add_node();
                f.add_arc(group_node[pool.group], pool_node[c.pool],
                          static_cast<std::int64_t>(pool.volunteers.size()), 0);
            }
            need_arcs.emplace_back(
                f.add_arc(pool_node[c.pool], need_node[ni], p.needs[ni].number, c.cost), ni,
                c.pool);
        }
    f.add_arc(source, sink, units, units * (max_cost + 1) + 1);
    f.solve();
    plan.arcs = f.arc_count();

    std::vector<std::size_t> next_of_pool(pools.size(), 0);
    std::vector<std::int64_t> sent_of_group(groups.size(), 0);
    std::vector<std::int64_t> placed(p.needs.size(), 0);
    std::vector<std::size_t> volunteer_of;  // parallel to plan.proposals
    for (auto [a, ni, k] : need_arcs) {
        auto units_here = f.flow(a);
        const auto& n = p.needs[ni];
        auto& pool = pools[k];
        for (std::int64_t u = 0; u < units_here; ++u) {
            auto vi = pool.volunteers[next_of_pool[k]++];
            const auto& v = p.volunteers[vi];
            volunteer_of.push_back(vi);
            DispatchProposal d;
            d.need = n.id;
            d.staff = v.staff;
            d.sender = v.institution;
            d.recipient = n.recipient;
            d.cost = dispatch_cost(n, v.where, v.candidate.backbone, &d.reasons);
            plan.objective += d.cost;
            plan.proposals.push_back(std::move(d));
        }
        sent_of_group[pool.group] += units_here;
        placed[ni] += units_here;
    }
    // The sender's share after the plan, on each of its proposals.
    for (std::size_t i = 0; i < plan.proposals.size(); ++i) {
        auto& d = plan.proposals[i];
        const auto& v = p.volunteers[volunteer_of[i]];
        const auto& g = groups[group_of.at({v.institution, v.subject})];
        auto total = g.away + sent_of_group[group_of.at({v.institution, v.subject})];
        auto subject = subject_label(v.subject);
        d.reasons.push_back(
            {fmt::format("派出单位{}教师外派 {}/{} 人，不超过 {}%", subject.zh, total, g.teachers,
                         p.policy.max_subject_share_percent),
             fmt::format("the sender has {} of its {} {} teachers away, within {}%", total,
                         g.teachers, subject.en, p.policy.max_subject_share_percent)});
    }
    for (std::size_t ni = 0; ni < p.needs.size(); ++ni) {
        const auto& n = p.needs[ni];
        auto missing = n.number - placed[ni];
        if (missing <= 0) continue;
        auto reason = unmet_reason(p, supply, n);
        plan.unmet.push_back({n.id, missing, std::move(reason)});
    }
    return plan;
}

DispatchPlan greedy_dispatch(const DispatchProblem& p) {
    DispatchPlan plan;
    auto supply = supply_of(p);
    plan.ineligible = supply.ineligible;
    std::vector<std::size_t> next_of_pool(supply.pools.size(), 0);
    std::vector<std::int64_t> room(supply.groups.size());
    for (std::size_t g = 0; g < room.size(); ++g) room[g] = supply.groups[g].room;
    for (const auto& n : p.needs) {
        std::vector<std::pair<double, std::size_t>> nearest;  // km, pool
        if (auto it = supply.pools_by_subject.find(n.subject); it != supply.pools_by_subject.end())
            for (auto k : it->second)
                if (supply.pools[k].institution != n.recipient)
                    nearest.emplace_back(distance(supply.pools[k].where, n.where).km, k);
        std::sort(nearest.begin(), nearest.end());
        std::int64_t placed = 0;
        for (auto [km, k] : nearest) {
            auto& pool = supply.pools[k];
            while (placed < n.number && next_of_pool[k] < pool.volunteers.size() &&
                   room[pool.group] > 0) {
                const auto& v = p.volunteers[pool.volunteers[next_of_pool[k]++]];
                --room[pool.group];
                ++placed;
                DispatchProposal d;
                d.need = n.id;
                d.staff = v.staff;
                d.sender = v.institution;
                d.recipient = n.recipient;
                d.cost = dispatch_cost(n, v.where, v.candidate.backbone);
                plan.objective += d.cost;
                plan.proposals.push_back(std::move(d));
            }
            if (placed == n.number) break;
        }
        if (placed < n.number)
            plan.unmet.push_back({n.id, n.number - placed, unmet_reason(p, supply, n)});
    }
    return plan;
}

}  // namespace bangfu::match
