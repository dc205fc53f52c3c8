// SPDX-License-Identifier: MIT
#pragma once

// What the main() of every Output-based program (kiosk-bench, kiosk-release, kiosk-updater)
// does around its own work: parse with CLI11 the shared/CLI.md way, and never end in a
// terminate() trace.
#include "cli_output.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string_view>

namespace kiosk::cli {

/// Parses the command line into @p app. --help prints the help (exit 0); a usage error is
/// reported through @p early ("PROGRAM: what (see PROGRAM --help)", or JSON) with Exit::usage.
/// @return the exit code when the program should stop now, std::nullopt to go on.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv, Output const& early, std::string_view program);

/// Runs @p run(argc, argv); an exception escaping it (CLI11, nlohmann::json: the project's own
/// code throws none) becomes one line "PROGRAM: internal error: what" and Exit::failed.
int guarded_main(std::string_view program, int (*run)(int, char**), int argc, char** argv);

} // namespace kiosk::cli
