// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include <string_view>

namespace kiosk::bench {

/// Adds the `scan` subcommands to @p app.
void add_scan_commands(CLI::App& app, CommandSet& commands);

/// `scan parse TEXT`: classifies scanned text (dossier code, citizen ID QR, URL, unknown) and
/// prints its fields. An ID card's fields are personal data: printed to stdout only, never logged.
/// Exit 0 for any classification (unknown included), 2 when the text is not acceptable as text.
cli::Exit scan_parse(cli::Output const& out, std::string_view text);

} // namespace kiosk::bench
