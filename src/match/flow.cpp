#include "match/flow.hpp"

#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

#include <utility>

namespace bangfu::match {

Flow::Flow() = default;
Flow::~Flow() = default;

int Flow::add_node(std::int64_t supply) {
    supply_.push_back(supply);
    return static_cast<int>(supply_.size() - 1);
}

int Flow::add_arc(int from, int to, std::int64_t capacity, std::int64_t cost) {
    arcs_.push_back({from, to, capacity, cost});
    return static_cast<int>(arcs_.size() - 1);
}

bool Flow::solve() {
    // StaticDigraph wants its arcs sorted by source; keep each arc's original number.
    std::vector<int> order(arcs_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return arcs_[a].from < arcs_[b].from; });
    std::vector<std::pair<int, int>> list;
    list.reserve(order.size());
    for (int i : order) list.emplace_back(arcs_[i].from, arcs_[i].to);
    lemon::StaticDigraph g;
    g.build(static_cast<int>(supply_.size()), list.begin(), list.end());
    lemon::StaticDigraph::ArcMap<std::int64_t> capacity(g), cost(g);
    lemon::StaticDigraph::NodeMap<std::int64_t> supply(g);
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto arc = g.arc(static_cast<int>(k));
        capacity[arc] = arcs_[order[k]].capacity;
        cost[arc] = arcs_[order[k]].cost;
    }
    for (std::size_t n = 0; n < supply_.size(); ++n)
        supply[g.node(static_cast<int>(n))] = supply_[n];
    lemon::NetworkSimplex<lemon::StaticDigraph, std::int64_t, std::int64_t> ns(g);
    ns.upperMap(capacity).costMap(cost).supplyMap(supply);
    if (ns.run() != decltype(ns)::OPTIMAL) return false;
    flow_.assign(arcs_.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k)
        flow_[order[k]] = ns.flow(g.arc(static_cast<int>(k)));
    total_ = ns.totalCost<std::int64_t>();
    return true;
}

std::int64_t Flow::flow(int arc) const {
    return flow_.at(static_cast<std::size_t>(arc));
}
std::int64_t Flow::total_cost() const {
    return total_;
}

}  // namespace bangfu::match
