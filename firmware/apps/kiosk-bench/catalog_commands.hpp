// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

namespace kiosk::bench {

/// Adds the `catalog` subcommands (search, show, browse, stats, import) to @p app. Each takes
/// `--db FILE`; without it the catalog is the board's [services].catalog_db.
void add_catalog_commands(CLI::App& app, CommandSet& commands);

} // namespace kiosk::bench
