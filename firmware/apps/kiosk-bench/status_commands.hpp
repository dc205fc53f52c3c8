// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include <algorithm>
#include <string>

namespace kiosk::bench {

/// Adds the `status` subcommands (`status get CODE`, `status ping`) to @p app.
void add_status_commands(CLI::App& app, CommandSet& commands);

/// How `status` reaches the gateway: the board's [services] unless overridden.
struct StatusOptions {
    std::string gateway;     ///< --gateway URL (default: the board's services.gateway_url)
    std::string ca;          ///< --ca FILE (default: the board's services.gateway_ca)
    std::string client_cert; ///< --client-cert FILE
    std::string client_key;  ///< --client-key FILE
    std::string cache;       ///< --cache FILE: offline cache (none by default)
    int timeout_ms = 5000;   ///< --timeout-ms: per attempt
    int attempts = 2;        ///< --attempts
};

/// `status get CODE`: the dossier's state, due date and timeline. Exit 1 with not_found for an
/// unknown code, 2 for a malformed code, 1 for an unreachable gateway (unless cached).
cli::Exit status_get(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options, std::string const& code);

/// `status citizen`: the card to read and how to open it.
struct CitizenArguments {
    std::string can;       ///< PERSONAL-ish: wiped with the arguments
    std::string id_number; ///< PERSONAL DATA
    std::string reader;
    double wait_seconds = 10;

    CitizenArguments() = default;
    CitizenArguments(CitizenArguments const&) = delete;
    CitizenArguments& operator=(CitizenArguments const&) = delete;
    ~CitizenArguments()
    {
        for (auto* text : { &can, &id_number })
            std::fill(text->begin(), text->end(), '\0');
    }
};

/// `status citizen --can|--id`: reads SOD and DG13 from the card, sends them to the gateway
/// (which verifies them itself) and lists the citizen's dossiers. Nothing is cached or logged.
cli::Exit status_citizen(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options,
    CitizenArguments const& arguments);

/// `status ping`: the gateway's health and round-trip time.
cli::Exit status_ping(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options);

} // namespace kiosk::bench
