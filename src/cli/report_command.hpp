#pragma once
// `bangfu report`: the yearly work summary of a scope to a file (issue 6).
#include <CLI/CLI.hpp>

namespace bangfu::cli {
void add_report_command(CLI::App& app);
}
