// SPDX-License-Identifier: MIT
#pragma once

#include "command_set.hpp"

#include <CLI/CLI.hpp>

namespace kiosk::bench {

/// Adds `nfc read` to the `nfc` group of @p app: authenticate to an ID card (PACE-CAN, else
/// BAC), read EF.COM, DG1, DG13 (and DG2 with --dg 2), EF.SOD, and run passive authentication.
/// Personal data goes to stdout only; a progress bar by bytes goes to stderr when it is a terminal.
void add_nfc_read_command(CLI::App& app, CommandSet& commands);

} // namespace kiosk::bench
