// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include <filesystem>

namespace kiosk::bench {

/// Adds `board check`, `devices` and `selftest` to @p app.
void add_board_commands(CLI::App& app, CommandSet& commands);

/// `board check FILE`: parses and validates a board file without opening any device.
cli::Exit board_check(cli::Output const& out, std::filesystem::path const& file);

/// `devices`: loads the board and lists each role's driver, connection and whether the
/// device could be opened. Exit 1 if any could not.
cli::Exit devices(cli::Output const& out, std::filesystem::path const& board_file);

/// `selftest`: loads the board and asks every device to prove it answers. Exit 1 if any failed.
cli::Exit selftest(cli::Output const& out, std::filesystem::path const& board_file);

} // namespace kiosk::bench
