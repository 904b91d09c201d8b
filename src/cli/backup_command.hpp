#pragma once
// `bangfu backup` and `bangfu restore` (issue 17): a county keeps its data in one file and gets it
// back into an empty database, checked.
#include <CLI/CLI.hpp>

namespace bangfu::cli {
void add_backup_commands(CLI::App& app);
}
