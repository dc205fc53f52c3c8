// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"
#include "command_set.hpp"

#include <kiosk/hal/receipt_document.hpp>

#include <string>

namespace kiosk::bench {

/// Adds `printer status|test-page|print FILE.json [--printer CONNSTRING]` to @p app.
/// `--printer` overrides the board's [printer] connection (usb:04b8:0e15,
/// serial:/dev/ttyUSB0:115200, tcp:192.0.2.10:9100, file:out.bin, emul:receipts/, sim:).
void add_printer_commands(CLI::App& app, CommandSet& commands);

/// The test page: Vietnamese with every tone mark in both sizes, a QR code and @p status_line.
hal::ReceiptDocument test_page_document(std::string const& status_line);

} // namespace kiosk::bench
