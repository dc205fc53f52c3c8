// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include <chrono>
#include <filesystem>
#include <string_view>
#include <vector>

namespace kiosk::bench {

/// Adds the `scan` subcommands to @p app.
void add_scan_commands(CLI::App& app, CommandSet& commands);

/// `scan parse TEXT`: classifies scanned text (dossier code, citizen ID QR, URL, unknown) and
/// prints its fields. An ID card's fields are personal data: printed to stdout only, never logged.
/// Exit 0 for any classification (unknown included), 2 when the text is not acceptable as text.
cli::Exit scan_parse(cli::Output const& out, std::string_view text);

/// `scan decode IMAGE...`: decodes PNG/JPEG files with the kiosk's decoder and prints per file
/// the codes (text, format, corners), the pass that found them and the decode time in ms. Code
/// texts go to stdout only (an ID card's QR is personal data), never to a log.
/// Exit 0 when every file yielded a code, 1 when some readable file held none, 2 when a file
/// could not be read as an image.
cli::Exit scan_decode(cli::Output const& out, std::vector<std::filesystem::path> const& files);

/// `scan watch [--seconds N]`: prints the board's scanner codes as they come (JSON Lines with
/// --json: {"text", "format", "kind", "at"}), for @p duration (zero: until interrupted).
/// Scanner errors (unplugged) are reported on stderr and watching goes on.
/// Exit 1 if the board has no working scanner, 2 if the board file is bad.
cli::Exit scan_watch(cli::Output const& out, std::filesystem::path const& board_file, std::chrono::seconds duration);

} // namespace kiosk::bench
