// SPDX-License-Identifier: MIT
// kiosk-release: the publisher's tool. Makes signing keys and signs what kiosks trust
// (catalog packages today; update metadata with issue 9). Output shapes and exit codes
// follow shared/CLI.md.
#include "cli_main.hpp"
#include "cli_output.hpp"
#include "release_command_set.hpp"

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
    Output::set_program("kiosk-release");
    Output early(kiosk::cli::wants_json(argc, argv) ? Format::json : Format::human);

    CLI::App app { "Release tool: signing keys and signed catalog packages (update metadata verbs come later).",
        "kiosk-release" };
    app.fallthrough();
    app.require_subcommand(1);
    kiosk::release::GlobalOptions options;
    app.add_flag("--json", options.json, "One JSON object on stdout instead of text");

    // One line per verb group; each lives in <group>_verbs.cpp.
    kiosk::release::VerbSet verbs;
    kiosk::release::add_key_verbs(app, verbs);
    kiosk::release::add_catalog_verbs(app, verbs);
    kiosk::release::add_update_verbs(app, verbs);

    if (auto const stop = kiosk::cli::parse_command_line(app, argc, argv, early, "kiosk-release"))
        return *stop;
    Output out(options.json ? Format::json : Format::human);
    bool ran = false;
    auto exit = verbs.run(out, options, ran);
    if (ran)
        return static_cast<int>(exit);
    return static_cast<int>(out.error(kiosk::Errc::invalid_argument, "no verb given", Exit::usage));
}

} // namespace

int main(int argc, char** argv) { return kiosk::cli::guarded_main("kiosk-release", run, argc, argv); }
