// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include "runtime/board_loader.hpp"

#include <kiosk/hal/card_reader.hpp>

#include <chrono>
#include <string>

namespace kiosk::bench {

/// Adds `nfc poll` (and the `nfc` group, shared with `nfc read`) to @p app.
void add_nfc_commands(CLI::App& app, CommandSet& commands);

/// The card reader an nfc verb uses, and the board that owns it.
struct OpenedCardReader {
    runtime::LoadedBoard board;
    hal::CardReader* reader = nullptr;
};

/// Opens only the card reader: the board file's, or the one @p reader_override names. The
/// override is a board connection (`libnfc:pn532_uart:/dev/ttyS0`, `pn532_emul:apdu-echo`,
/// `sim:`) or, without a known scheme, a bare libnfc connection string (`pn532_uart:/dev/pts/3`).
/// @return the failure as a printable message in @p message, with its Errc.
Result<OpenedCardReader> open_card_reader(GlobalOptions const& options, std::string const& reader_override,
    std::string& message);

/// `nfc poll`: JSON Lines of card arrivals and removals for @p seconds (0 = until interrupted).
cli::Exit nfc_poll(cli::Output const& out, GlobalOptions const& options, std::string const& reader_override,
    std::chrono::seconds seconds);

} // namespace kiosk::bench
