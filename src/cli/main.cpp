// bangfu: one binary for the whole platform (DESIGN.md §6).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Bangfu 帮扶 — pairing assistance between strong and weak schools"};
    app.require_subcommand(1);
    bangfu::cli::add_commands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        // One clear line, never a crash or a stack of messages.
        std::cerr << "bangfu: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
