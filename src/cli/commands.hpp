#pragma once
#include <CLI/CLI.hpp>

namespace bangfu::cli {

// Adds every subcommand (init, migrate, demo, serve, user add, import, export, version) to `app`.
void add_commands(CLI::App& app);

}  // namespace bangfu::cli
