// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/device.hpp>
#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/receipt_document.hpp>
#include <kiosk/hal/result.hpp>

#include <string>

namespace kiosk::hal {

/// What the paper path and head can do, from the board file.
struct PrinterCapabilities {
    /// Dots across the printable width: 384 for 58 mm heads, 576 for 80 mm heads.
    int dots_per_line = 576;
    /// Head resolution; 8 dots/mm is 203 dpi, the usual thermal head.
    int dots_per_mm = 8;
    /// The printer renders QR codes itself (ESC/POS `GS ( k`).
    bool native_qr = false;
    /// A native code page covering Vietnamese (e.g. "wpc1258"), empty when text must be raster.
    std::string code_page;
};

/// Thermal receipt printer. Implementations: drivers/printer/sim_receipt_printer (role model
/// that saves each receipt as an image), drivers/printer/escpos_printer (any ESC/POS printer
/// over a ByteChannel; the sim board pairs it with the ESC/POS emulator).
/// One thread only (the print worker).
class ReceiptPrinter : public Device {
public:
    [[nodiscard]] virtual PrinterCapabilities capabilities() const = 0;

    /// Paper, cover and error state, asked of the device now (not cached).
    /// @return Errc::timeout if the printer does not answer within 1 s, Errc::disconnected if
    ///         it went away.
    virtual Result<PrinterStatus> status() = 0;

    /// Prints @p page (at most dots_per_line wide) and cuts. Blocks until the printer has
    /// accepted the whole job (up to 10 s for a long receipt).
    /// @return Errc::not_ready if paper, cover or cutter prevent printing (the caller keeps the
    ///         job and retries when status() is ready again), Errc::invalid_argument if the page
    ///         is wider than the head, Errc::timeout / disconnected from the transport.
    virtual Result<void> print(RasterImage const& page, Cut cut) = 0;

    /// Lays @p document out for this head (text wrapped by measured glyph width, QR native or
    /// raster, text mode only where the code page allows) and prints it, cutting as it says.
    /// Checks the status before and after: a job interrupted by paper end or cover open
    /// returns Errc::not_ready and must be reprinted whole. Blocks like print(page).
    /// @return Errc::not_ready, timeout, disconnected as print(page); Errc::invalid_argument if
    ///         the document cannot be laid out (QR payload too long, image wider than the head).
    virtual Result<void> print(ReceiptDocument const& document) = 0;
};

} // namespace kiosk::hal
