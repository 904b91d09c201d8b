#pragma once
#include <CLI/CLI.hpp>

namespace bangfu::cli {
// `bangfu recommend`: pairing proposals of a region or a batch's dispatch plan, computed as the
// server does but not kept, with the greedy baseline beside them and the time of each step (the
// benchmark, bench/recommendations.sh).
void add_recommend_command(CLI::App& app);
}  // namespace bangfu::cli
