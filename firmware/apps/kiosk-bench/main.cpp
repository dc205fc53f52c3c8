// SPDX-License-Identifier: MIT
// kiosk-bench: the technician's hardware test bench. Output shapes and exit codes follow
// shared/CLI.md; later issues add the nfc, scan, printer, catalog and status verbs.
#include "board_commands.hpp"
#include "cli_output.hpp"
#include "scan_commands.hpp"

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

    std::string board_file = kiosk::runtime::default_board_file().string();
    bool json = false;
    app.add_option("--board", board_file, "Board file (default: boards/sim/board.toml)");
    app.add_flag("--json", json, "One JSON object on stdout instead of text");

    auto* board = app.add_subcommand("board", "Board file tools");
    board->require_subcommand(1);
    std::string check_file;
    auto* check = board->add_subcommand("check", "Parse and validate a board file without opening devices");
    check->add_option("FILE", check_file, "The board.toml to check")->required();

    auto* devices = app.add_subcommand("devices", "List each role's driver and connection, and whether it opens");
    auto* selftest = app.add_subcommand("selftest", "Ask every device to prove it answers; exit 1 if any failed");

    auto* scan = app.add_subcommand("scan", "Code scanning tools");
    scan->require_subcommand(1);
    std::string scan_text;
    auto* parse = scan->add_subcommand("parse", "Classify scanned text: dossier code, ID card QR, URL or unknown");
    parse->add_option("TEXT", scan_text, "The text a scanner read")->required();

    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const& help) {
        return app.exit(help);
    } catch (CLI::CallForAllHelp const& help) {
        return app.exit(help);
    } catch (CLI::ParseError const& failure) {
        return static_cast<int>(early.error(kiosk::Errc::invalid_argument,
            std::string(failure.what()) + " (see kiosk-bench --help)", Exit::usage));
    }

    Output out(json ? Format::json : Format::human);
    if (check->parsed())
        return static_cast<int>(kiosk::bench::board_check(out, check_file));
    if (parse->parsed())
        return static_cast<int>(kiosk::bench::scan_parse(out, scan_text));
    if (devices->parsed())
        return static_cast<int>(kiosk::bench::devices(out, board_file));
    if (selftest->parsed())
        return static_cast<int>(kiosk::bench::selftest(out, board_file));
    return static_cast<int>(out.error(kiosk::Errc::invalid_argument, "no subcommand given", Exit::usage));
}

} // namespace

int main(int argc, char** argv)
{
    // CLI11 and nlohmann::json may throw; nothing else in the project does. Catch here so a
    // technician sees a one-line reason, never a terminate() trace.
    try {
        return run(argc, argv);
    } catch (std::exception const& failure) {
        std::cerr << "kiosk-bench: internal error: " << failure.what() << '\n';
        return static_cast<int>(Exit::failed);
    }
}
