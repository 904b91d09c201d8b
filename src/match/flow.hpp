#pragma once
// A min-cost flow problem, solved by LEMON's network simplex. Nodes and arcs are numbered in the
// order they are added; capacities, costs and supplies are integers.
#include <cstdint>
#include <memory>
#include <vector>

namespace bangfu::match {

class Flow {
  public:
    Flow();
    ~Flow();
    Flow(const Flow&) = delete;
    Flow& operator=(const Flow&) = delete;

    int add_node(std::int64_t supply = 0);
    int add_arc(int from, int to, std::int64_t capacity, std::int64_t cost);
    // false when the supplies cannot be met (the callers always add a bypass arc, so never).
    bool solve();
    std::int64_t flow(int arc) const;
    std::int64_t total_cost() const;
    std::size_t arc_count() const { return arcs_.size(); }

  private:
    struct Arc {
        int from;
        int to;
        std::int64_t capacity;
        std::int64_t cost;
    };
    std::vector<std::int64_t> supply_;
    std::vector<Arc> arcs_;
    std::vector<std::int64_t> flow_;
    std::int64_t total_ = 0;
};

}  // namespace bangfu::match
