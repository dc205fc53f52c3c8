// SPDX-License-Identifier: MIT
// kiosk-bench: the technician's hardware test bench. Output shapes and exit codes follow
// shared/CLI.md; later issues add the nfc, scan, printer, catalog and status verbs.
#include "board_commands.hpp"
#include "catalog_commands.hpp"
#include "cli_main.hpp"
#include "cli_output.hpp"
#include "printer_commands.hpp"
#include "nfc_commands.hpp"
#include "nfc_read_command.hpp"
#include "scan_commands.hpp"
#include "status_commands.hpp"

#include "runtime/board_loader.hpp"

#include <log/log.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

using kiosk::cli::Exit;
using kiosk::cli::Format;
using kiosk::cli::Output;

namespace {

int run(int argc, char** argv)
{
    Output::set_program("kiosk-bench");
    kiosk::log::init({ .program = "kiosk-bench", .level = spdlog::level::warn });
    // Known before parsing, so that a usage error is reported as JSON too when asked for.
    Output early(kiosk::cli::wants_json(argc, argv) ? Format::json : Format::human);

    CLI::App app { "Hardware test bench for kiosk technicians: check the board file, list and test devices.",
        "kiosk-bench" };
    // Global options may stand before or after the subcommand (shared/CLI.md).
    app.fallthrough();
    app.require_subcommand(1);

    kiosk::bench::GlobalOptions options { kiosk::runtime::default_board_file().string(), false };
    app.add_option("--board", options.board_file, "Board file (default: boards/sim/board.toml)");
    app.add_flag("--json", options.json, "One JSON object on stdout instead of text");

    // One line per command group; each group lives in <group>_commands.cpp.
    kiosk::bench::CommandSet commands;
    kiosk::bench::add_board_commands(app, commands);
    kiosk::bench::add_scan_commands(app, commands);
    kiosk::bench::add_nfc_commands(app, commands);
    kiosk::bench::add_nfc_read_command(app, commands);
    kiosk::bench::add_printer_commands(app, commands);
    kiosk::bench::add_status_commands(app, commands);
    kiosk::bench::add_catalog_commands(app, commands);

    if (auto const stop = kiosk::cli::parse_command_line(app, argc, argv, early, "kiosk-bench"))
        return *stop;

    Output out(options.json ? Format::json : Format::human);
    bool ran = false;
    auto exit = commands.run(out, options, ran);
    if (ran)
        return static_cast<int>(exit);
    return static_cast<int>(out.error(kiosk::Errc::invalid_argument, "no subcommand given", Exit::usage));
}

} // namespace

int main(int argc, char** argv) { return kiosk::cli::guarded_main("kiosk-bench", run, argc, argv); }
