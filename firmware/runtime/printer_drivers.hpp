// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/board_config.hpp"
#include "runtime/driver_table.hpp"

#include <kiosk/hal/board.hpp>
#include <kiosk/hal/receipt_document.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace kiosk::runtime {

/// Opens the printer a [printer] table describes: `sim:[FOLDER]` (PBM images), or the
/// ESC/POS driver over `usb:[VID:PID]`, `serial:PATH[:BAUD]`, `tcp:HOST[:PORT]`, `file:PATH`
/// or `emul:[FOLDER]` (the emulator writing PNG receipts; default the run's receipts/).
/// Relative paths are relative to the board file's folder.
/// @return the transport's errors (Errc::not_found, permission_denied, refused, ...),
///         Errc::invalid_argument for a malformed connection string.
Result<std::unique_ptr<hal::ReceiptPrinter>> open_printer(
    RoleConfig const& role, BoardConfig const& board, std::filesystem::path const& output_dir);

/// The driver table's open function for every printer scheme.
Result<void> open_printer_driver(DriverContext const& context, hal::Board& board);

/// Bytes @p printer would send for @p document (ESC/POS printers), 0 for printers that do not
/// speak ESC/POS. @return the encoder's errors.
Result<std::size_t> job_bytes(hal::ReceiptPrinter const& printer, hal::ReceiptDocument const& document);

} // namespace kiosk::runtime
