#include "match/pairing_match.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <map>
#include <numbers>
#include <unordered_map>
#include <unordered_set>

#include "core/dictionary.hpp"
#include "match/flow.hpp"

namespace bangfu::match {

namespace bal = core::balance;

namespace {

// The stages a kind of school teaches, as letters: k(indergarten), p(rimary), j(unior),
// s(enior), v(ocational), x (special), u(niversity), h(ospital), c (village).
std::string_view stages_of(std::string_view kind) {
    if (kind == "kindergarten") return "k";
    if (kind == "primary") return "p";
    if (kind == "junior") return "j";
    if (kind == "senior") return "s";
    if (kind == "nine_year") return "pj";
    if (kind == "complete_middle") return "js";
    if (kind == "vocational") return "v";
    if (kind == "special") return "x";
    if (kind == "university") return "u";
    if (kind == "hospital") return "h";
    if (kind == "village") return "c";
    return "";
}

std::string number(double v) {
    auto s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

std::string dimension_zh(std::string_view d) {
    const auto* o = core::dict::pairing_dimension.find(d);
    return o ? std::string(o->zh) : std::string(d);
}

// The pairing graph of one dimension: who supports whom, and which pairs are active.
class Graph {
  public:
    Graph(const std::vector<core::PairingEdge>& edges, const std::string& dimension) {
        for (const auto& e : edges)
            if (e.dimension == dimension) add(e.supporter, e.recipient);
    }
    void add(std::int64_t s, std::int64_t r) { next_[s].push_back(r); }
    bool active(std::int64_t s, std::int64_t r) const {
        auto it = next_.find(s);
        return it != next_.end() &&
               std::find(it->second.begin(), it->second.end(), r) != it->second.end();
    }
    // Every node reachable from `from` (a supporter among them closes a cycle with → from).
    std::unordered_set<std::int64_t> reachable(std::int64_t from) const {
        std::unordered_set<std::int64_t> seen;
        if (!next_.contains(from)) return seen;
        std::deque<std::int64_t> queue{from};
        while (!queue.empty()) {
            auto at = queue.front();
            queue.pop_front();
            auto it = next_.find(at);
            if (it == next_.end()) continue;
            for (auto n : it->second)
                if (seen.insert(n).second) queue.push_back(n);
        }
        return seen;
    }
    // Whether `to` is reachable from `from` (then to → from closes a cycle).
    bool reaches(std::int64_t from, std::int64_t to) const { return reachable(from).contains(to); }

  private:
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> next_;
};

// Why an arc is not built, in the order checked.
enum class Block { none, self, stage, active, cycle, rejected, full };
const core::Text& block_text(Block b) {
    static const std::array<core::Text, 7> texts{
        core::Text{"", ""},
        core::Text{"不能与自身结对", "cannot pair with itself"},
        core::Text{"学段不同", "the schools teach different stages"},
        core::Text{"已有进行中的同维度结对", "an active pairing on the dimension exists"},
        core::Text{"将形成结对循环", "would close a cycle of pairings"},
        core::Text{"本年度已被驳回", "rejected this year"},
        core::Text{"容量已满", "no capacity left"}};
    return texts[static_cast<std::size_t>(b)];
}

// The stages of a kind as bits (k p j s v x u h c), for comparing many pairs.
unsigned stage_bits(std::string_view kind) {
    constexpr std::string_view letters = "kpjsvxuhc";
    unsigned bits = 0;
    for (char c : stages_of(kind)) bits |= 1u << letters.find(c);
    return bits;
}

// `compatible`: the two kinds share a stage (stage_bits of each, and-ed).
Block blocked_by(const PairingProblem& p, const Graph& g,
                 const std::unordered_set<std::int64_t>& reach, const Supporter& s,
                 const PairingSchool& r, bool compatible) {
    if (s.id == r.id) return Block::self;
    if (!compatible) return Block::stage;
    if (g.active(s.id, r.id)) return Block::active;
    if (reach.contains(s.id)) return Block::cycle;
    if (p.rejected.contains({s.id, r.id})) return Block::rejected;
    if (s.capacity - s.already <= 0) return Block::full;
    return Block::none;
}

// The arc's cost, and (with `reasons`) its terms in words. The pair must be allowed.
PairingProposal priced(const PairingProblem& p, const std::vector<bal::Indicator>& relevant,
                       const Supporter& s, const PairingSchool& r, bool reasons) {
    PairingProposal out;
    out.supporter = s.id;
    out.recipient = r.id;
    auto d = distance(s.where, r.where);
    out.km = d.km;
    out.distance_cost = d.cost();
    if (reasons) out.reasons.push_back(d.text());
    if (!r.profile.known) {
        if (reasons)
            out.reasons.push_back({"受援校无本学年办学条件数据，未计互补",
                                   "no conditions of the recipient this year"});
    } else {
        bool any = false;
        for (auto i : relevant) {
            if (std::find(r.profile.missed.begin(), r.profile.missed.end(), i) ==
                r.profile.missed.end())
                continue;
            any = true;
            auto k = static_cast<std::size_t>(i);
            double standard = r.profile.standards[k];
            if (!s.profile.known) {
                out.complement_cost += 100;
                auto label = bal::indicator_label(i);
                if (reasons)
                    out.reasons.push_back(
                        {fmt::format("受援校缺{}，支援校无本学年办学条件数据", label.zh),
                         fmt::format("the recipient lacks {}; no figures of the supporter",
                                     label.en)});
                continue;
            }
            double have = s.profile.values[k];
            double ratio = standard > 0 ? have / standard : 1.5;
            out.complement_cost += std::llround(100 * std::clamp(1.5 - ratio, 0.0, 1.5));
            if (!reasons) continue;
            auto label = bal::indicator_label(i), unit = bal::indicator_unit(i);
            out.reasons.push_back(
                {fmt::format("受援校缺{}（{} {}，标准 {}），支援校 {} {}", label.zh,
                             number(r.profile.values[k]), unit.zh, number(standard), number(have),
                             unit.zh),
                 fmt::format("the recipient lacks {} ({} {}, standard {}); the supporter has {}",
                             label.en, number(r.profile.values[k]), unit.en, number(standard),
                             number(have))});
        }
        if (!any && reasons)
            out.reasons.push_back({fmt::format("受援校{}相关指标均达标", dimension_zh(p.dimension)),
                                   "the recipient meets the standards this dimension concerns"});
    }
    if (reasons)
        out.reasons.push_back(
            {fmt::format("支援校可帮扶 {} 所（{}），已帮扶 {} 所", s.capacity,
                         s.capacity_set ? "本校设定" : "按类型和规模默认", s.already),
             fmt::format("the supporter takes {} ({}), supports {} now", s.capacity,
                         s.capacity_set ? "set for it" : "default by kind and size", s.already)});
    out.cost = out.distance_cost + out.complement_cost;
    return out;
}

// Supporters near each recipient: the same county, or within the radius.
class Candidates {
  public:
    explicit Candidates(const PairingProblem& p)
        : p_(p), mark_(p.supporters.size(), 0), unit_(p.supporters.size()) {
        cell_ = std::max(p.radius_km, 1.0) / 111.0;
        // Within the radius ⇔ the unit vectors' dot product is at least cos(radius / R): no
        // trigonometry per pair.
        min_dot_ = std::cos(std::max(p.radius_km, 0.0) / 6371.0);
        for (std::size_t i = 0; i < p.supporters.size(); ++i) {
            const auto& w = p.supporters[i].where;
            by_county_[w.county].push_back(i);
            if (!w.has_point()) continue;
            unit_[i] = unit(*w.latitude, *w.longitude);
            grid_[key(cell(*w.latitude), cell(*w.longitude))].push_back(i);
        }
    }
    std::vector<std::size_t> of(const PairingSchool& r) {
        std::vector<std::size_t> out;
        auto take = [&](std::size_t i) {
            if (!mark_[i]) {
                mark_[i] = 1;
                out.push_back(i);
            }
        };
        if (auto it = by_county_.find(r.where.county);
            it != by_county_.end() && !r.where.county.empty())
            for (auto i : it->second) take(i);
        if (r.where.has_point()) {
            auto la = cell(*r.where.latitude), lo = cell(*r.where.longitude);
            auto u = unit(*r.where.latitude, *r.where.longitude);
            for (std::int64_t dy = -1; dy <= 1; ++dy)
                for (std::int64_t dx = -3; dx <= 3; ++dx) {
                    auto it = grid_.find(key(la + dy, lo + dx));
                    if (it == grid_.end()) continue;
                    for (auto i : it->second) {
                        const auto& v = unit_[i];
                        if (u[0] * v[0] + u[1] * v[1] + u[2] * v[2] >= min_dot_) take(i);
                    }
                }
        }
        for (auto i : out) mark_[i] = 0;
        return out;
    }

  private:
    std::int64_t cell(double degrees) const {
        return static_cast<std::int64_t>(std::floor(degrees / cell_));
    }
    static std::int64_t key(std::int64_t a, std::int64_t b) { return a * 1000003 + b; }
    static std::array<double, 3> unit(double lat, double lon) {
        constexpr double rad = std::numbers::pi / 180.0;
        return {std::cos(lat * rad) * std::cos(lon * rad),
                std::cos(lat * rad) * std::sin(lon * rad), std::sin(lat * rad)};
    }
    const PairingProblem& p_;
    double min_dot_ = 1;
    double cell_ = 1;
    std::unordered_map<std::string, std::vector<std::size_t>> by_county_;
    std::unordered_map<std::int64_t, std::vector<std::size_t>> grid_;
    std::vector<char> mark_;
    std::vector<std::array<double, 3>> unit_;
};

struct Solved {
    std::vector<PairingProposal> proposals;
    std::vector<std::size_t> matched_recipients;
};

}  // namespace

std::int64_t default_capacity(std::string_view kind, std::int64_t students) {
    if (kind == "kindergarten") return students >= 300 ? 2 : 1;
    if (kind == "hospital") return 2;
    if (stages_of(kind).empty() || kind == "village") return 1;
    if (students >= 2000) return 3;
    if (students >= 800) return 2;
    return 1;
}

bool compatible_kinds(std::string_view supporter, std::string_view recipient) {
    auto a = stages_of(supporter), b = stages_of(recipient);
    return std::any_of(a.begin(), a.end(), [&](char c) { return b.find(c) != b.npos; });
}

std::vector<bal::Indicator> relevant_indicators(std::string_view dimension) {
    using I = bal::Indicator;
    if (dimension == "teachers" || dimension == "teaching_research")
        return {I::degree_teachers, I::backbone_teachers, I::pe_arts_teachers};
    if (dimension == "materials" || dimension == "funds")
        return {I::room_area, I::sports_area, I::equipment, I::multimedia_rooms};
    if (dimension == "management") return {bal::indicators.begin(), bal::indicators.end()};
    return {};
}

std::optional<PairingProposal> pairing_arc(const PairingProblem& p, const Supporter& s,
                                           const PairingSchool& r, core::Text* blocked) {
    Graph g(p.existing, p.dimension);
    auto b = blocked_by(p, g, g.reachable(r.id), s, r, compatible_kinds(s.kind, r.kind));
    if (b != Block::none) {
        if (blocked) *blocked = block_text(b);
        return std::nullopt;
    }
    return priced(p, relevant_indicators(p.dimension), s, r, true);
}

PairingPlan propose_pairings(const PairingProblem& problem) {
    PairingProblem p = problem;  // grows `rejected` with pairs that would close a new cycle
    PairingPlan plan;
    Graph existing(p.existing, p.dimension);
    Candidates near(problem);
    auto relevant = relevant_indicators(p.dimension);
    std::vector<unsigned> supporter_bits;
    for (const auto& s : p.supporters) supporter_bits.push_back(stage_bits(s.kind));
    for (int round = 0;; ++round) {
        // Arcs of every recipient, cheapest first, at most max_candidates of them.
        // (supporter index, cost) per recipient: compact, the proposal is priced again in words
        // once chosen.
        std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> arcs(p.recipients.size());
        std::vector<core::Text> why_none(p.recipients.size());
        std::int64_t max_cost = 0;
        for (std::size_t ri = 0; ri < p.recipients.size(); ++ri) {
            auto pool = near.of(p.recipients[ri]);
            std::map<Block, std::size_t> blocked;
            const auto& r = p.recipients[ri];
            auto reach = existing.reachable(r.id);
            auto bits = stage_bits(r.kind);
            for (auto si : pool) {
                auto b = blocked_by(p, existing, reach, p.supporters[si], r,
                                    (supporter_bits[si] & bits) != 0);
                if (b == Block::none)
                    arcs[ri].emplace_back(si, priced(p, relevant, p.supporters[si], r, false).cost);
                else
                    ++blocked[b];
            }
            auto cheaper = [](const auto& x, const auto& y) {
                return std::tie(x.second, x.first) < std::tie(y.second, y.first);
            };
            if (p.max_candidates && arcs[ri].size() > p.max_candidates) {
                std::nth_element(arcs[ri].begin(), arcs[ri].begin() + p.max_candidates,
                                 arcs[ri].end(), cheaper);
                arcs[ri].resize(p.max_candidates);
            }
            std::sort(arcs[ri].begin(), arcs[ri].end(), cheaper);
            for (const auto& [si, cost] : arcs[ri]) max_cost = std::max(max_cost, cost);
            if (arcs[ri].empty()) {
                std::string zh, en = "no supporter can be proposed";
                for (const auto& [b, n] : blocked)
                    zh += fmt::format("{}{} {} 所", zh.empty() ? "" : "，", block_text(b).zh, n);
                why_none[ri] =
                    pool.empty()
                        ? core::Text{fmt::format("同县及 {:.0f} km 内没有非薄弱的同学段学校",
                                                 p.radius_km),
                                     fmt::format("no school of its stage in its county or "
                                                 "within {:.0f} km",
                                                 p.radius_km)}
                        : core::Text{fmt::format("附近 {} 所学校均不可结对：{}", pool.size(), zh),
                                     fmt::format("none of the {} schools nearby can be proposed",
                                                 pool.size())};
            }
        }

        auto n_rec = static_cast<std::int64_t>(p.recipients.size());
        Flow f;
        int source = f.add_node(n_rec), sink = f.add_node(-n_rec);
        std::vector<int> supporter_node(p.supporters.size(), -1);
        std::vector<int> recipient_node(p.recipients.size());
        for (std::size_t ri = 0; ri < p.recipients.size(); ++ri) {
            recipient_node[ri] = f.add_node();
            f.add_arc(recipient_node[ri], sink, 1, 0);
        }
        std::vector<std::tuple<int, std::size_t, std::size_t>> pair_arcs;  // arc, ri, k
        for (std::size_t ri = 0; ri < p.recipients.size(); ++ri)
            for (std::size_t k = 0; k < arcs[ri].size(); ++k) {
                auto si = arcs[ri][k].first;
                if (supporter_node[si] < 0) {
                    supporter_node[si] = f.add_node();
                    const auto& s = p.supporters[si];
                    f.add_arc(source, supporter_node[si], s.capacity - s.already, 0);
                }
                pair_arcs.emplace_back(
                    f.add_arc(supporter_node[si], recipient_node[ri], 1, arcs[ri][k].second), ri,
                    k);
            }
        // Leaving a recipient unmatched costs more than any matching could save.
        f.add_arc(source, sink, n_rec, n_rec * (max_cost + 1) + 1);
        f.solve();
        plan.arcs = f.arc_count();

        std::vector<char> matched(p.recipients.size(), 0);
        std::vector<PairingProposal> chosen;
        for (auto [a, ri, k] : pair_arcs)
            if (f.flow(a) > 0) {
                matched[ri] = 1;
                chosen.push_back(
                    priced(p, relevant, p.supporters[arcs[ri][k].first], p.recipients[ri], false));
            }
        std::sort(chosen.begin(), chosen.end(), [](const auto& x, const auto& y) {
            return std::tie(x.cost, x.recipient) < std::tie(y.cost, y.recipient);
        });
        // New edges together may close a cycle none closes alone (ladders): ban the pair and
        // solve again.
        Graph with_new(p.existing, p.dimension);
        bool again = false;
        for (const auto& c : chosen) {
            if (with_new.reaches(c.recipient, c.supporter)) {
                p.rejected.insert({c.supporter, c.recipient});
                again = true;
                continue;
            }
            with_new.add(c.supporter, c.recipient);
        }
        if (again && round < 20) continue;

        plan = PairingPlan{};
        plan.arcs = f.arc_count();
        Graph check(p.existing, p.dimension);
        for (auto& c : chosen) {
            if (check.reaches(c.recipient, c.supporter)) continue;
            check.add(c.supporter, c.recipient);
            plan.objective += c.cost;
            plan.proposals.push_back(std::move(c));
        }
        // The chosen arcs' terms in words (only theirs: words cost more than the flow).
        std::unordered_map<std::int64_t, std::size_t> supporter_at, recipient_at;
        for (std::size_t i = 0; i < p.supporters.size(); ++i) supporter_at[p.supporters[i].id] = i;
        for (std::size_t i = 0; i < p.recipients.size(); ++i) recipient_at[p.recipients[i].id] = i;
        for (auto& c : plan.proposals)
            c = priced(p, relevant, p.supporters[supporter_at.at(c.supporter)],
                       p.recipients[recipient_at.at(c.recipient)], true);
        std::set<std::int64_t> proposed;
        for (const auto& c : plan.proposals) proposed.insert(c.recipient);
        for (std::size_t ri = 0; ri < p.recipients.size(); ++ri) {
            if (proposed.contains(p.recipients[ri].id)) continue;
            plan.unmatched.push_back(
                {p.recipients[ri].id,
                 arcs[ri].empty()
                     ? why_none[ri]
                     : core::Text{fmt::format("{} 所候选支援校的容量已被更合适的受援校用完",
                                              arcs[ri].size()),
                                  fmt::format("the capacity of its {} candidate supporters went "
                                              "to better-matched recipients",
                                              arcs[ri].size())}});
        }
        return plan;
    }
}

PairingPlan greedy_pairings(const PairingProblem& p) {
    PairingPlan plan;
    Graph graph(p.existing, p.dimension);
    Candidates near(p);
    auto relevant = relevant_indicators(p.dimension);
    std::vector<std::int64_t> used(p.supporters.size(), 0);
    std::vector<unsigned> supporter_bits;
    for (const auto& s : p.supporters) supporter_bits.push_back(stage_bits(s.kind));
    for (const auto& r : p.recipients) {
        auto reach = graph.reachable(r.id);
        auto bits = stage_bits(r.kind);
        std::optional<std::size_t> best;
        double best_km = 0;
        for (auto si : near.of(r)) {
            const auto& s = p.supporters[si];
            if (used[si] >= s.capacity - s.already ||
                blocked_by(p, graph, reach, s, r, (supporter_bits[si] & bits) != 0) != Block::none)
                continue;
            auto km = distance(s.where, r.where).km;
            if (!best || km < best_km) {
                best = si;
                best_km = km;
            }
        }
        if (!best) {
            plan.unmatched.push_back({r.id, {"无可用支援校", "no supporter left"}});
            continue;
        }
        ++used[*best];
        graph.add(p.supporters[*best].id, r.id);
        auto x = priced(p, relevant, p.supporters[*best], r, false);
        plan.objective += x.cost;
        plan.proposals.push_back(std::move(x));
    }
    return plan;
}

}  // namespace bangfu::match
