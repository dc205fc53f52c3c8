// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::bench {

/// The global options every subcommand sees (shared/CLI.md: `--board`, `--json`).
struct GlobalOptions {
    std::string board_file;
    bool json = false;
};

/// What runs when a subcommand was given on the command line.
using CommandRunner = std::function<cli::Exit(cli::Output const& out, GlobalOptions const& options)>;

/// The subcommands of kiosk-bench. Each command group (board, scan, printer, ...) adds its
/// CLI11 subcommands in its own `add_<group>_commands()` and registers a runner for each leaf;
/// main() parses once and runs the one leaf that was parsed.
class CommandSet {
public:
    /// Runs @p runner when @p command was parsed. @p command must outlive the set.
    void add(CLI::App* command, CommandRunner runner) { m_commands.emplace_back(command, std::move(runner)); }

    /// Runs the parsed leaf command, or returns false in @p ran when none was parsed.
    cli::Exit run(cli::Output const& out, GlobalOptions const& options, bool& ran) const
    {
        for (auto const& [command, runner] : m_commands) {
            if (command->parsed()) {
                ran = true;
                return runner(out, options);
            }
        }
        ran = false;
        return cli::Exit::usage;
    }

private:
    std::vector<std::pair<CLI::App*, CommandRunner>> m_commands;
};

/// The subcommand @p name of @p app, created (requiring one subcommand of its own) if no
/// group added it yet: lets two command files share a parent such as `nfc`.
inline CLI::App* subcommand_group(CLI::App& app, std::string const& name, std::string const& description)
{
    for (auto* existing : app.get_subcommands({})) {
        if (existing->get_name() == name)
            return existing;
    }
    auto* group = app.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

} // namespace kiosk::bench
