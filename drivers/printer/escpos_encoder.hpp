// SPDX-License-Identifier: MIT
#pragma once

#include "printer/text_rasterizer.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/receipt_document.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

/// Turns a QR payload into its module matrix (one dot per module, no quiet zone); the
/// runtime passes codes::QrEncoder::encode.
using QrModuleEncoder = std::function<Result<hal::RasterImage>(std::string_view payload)>;

/// ESC/POS command bytes for receipts: document -> bytes, nothing else (no I/O, no state
/// between calls). Text is drawn to raster (`GS v 0`) with the TextRasterizer, unless the
/// printer declares code page "wpc1258" and the text fits it, when it goes as text. QR codes go
/// as `GS ( k` when the printer renders them (native_qr), else as raster from the
/// QrModuleEncoder. Layout is by measured width in dots, never by character count.
class EscPosEncoder {
public:
    /// @p text and the callable behind @p qr must outlive the encoder.
    EscPosEncoder(hal::PrinterCapabilities capabilities, TextRasterizer const& text, QrModuleEncoder qr);

    /// The whole job: `ESC @`, the items top to bottom, feed past the cutter, cut.
    /// @return Errc::invalid_argument if an item cannot be laid out: QR payload empty or over
    ///         hal::MAX_QR_PAYLOAD_BYTES, image wider than the head, text not UTF-8, scale
    ///         outside 1..4, feed outside 0..20 lines.
    [[nodiscard]] Result<Bytes> encode(hal::ReceiptDocument const& document) const;

    /// One raster page as a job (`ESC @`, `GS v 0`, cut). @return Errc::invalid_argument if
    /// the page is empty or wider than the head.
    [[nodiscard]] Result<Bytes> encode_page(hal::RasterImage const& page, hal::Cut cut) const;

    /// The document as one raster page, head-wide (what raster mode prints, without the
    /// feed before the cut): for printers that only take images, and previews. Same errors
    /// as encode().
    [[nodiscard]] Result<hal::RasterImage> render(hal::ReceiptDocument const& document) const;

    /// Breaks @p text into lines no wider than @p width_dots as @p measure says: at spaces
    /// and newlines; a word wider than the line is broken between characters (never inside
    /// a base letter + combining mark cluster) rather than clipped.
    static Result<std::vector<std::string>> wrap(
        std::string_view text, int width_dots, std::function<Result<int>(std::string_view)> const& measure);

    /// `ESC t` number of Epson's WPC1258 (Vietnamese) table.
    static constexpr std::uint8_t ESC_T_WPC1258 = 52;
    /// Width of one character cell of the printer's font A at scale 1, in dots.
    static constexpr int FONT_A_CELL_DOTS = 12;
    /// Height of one text line of the printer's font A at scale 1 (default line spacing).
    static constexpr int LINE_DOTS = 30;
    /// Paper fed before a cut so that the last line passes the cutter, in dots.
    static constexpr int CUT_FEED_DOTS = 96;
    /// Most rows per `GS v 0` command (keeps each command within small printers' buffers).
    static constexpr int RASTER_ROWS_PER_COMMAND = 128;

private:
    struct Piece;
    enum class Mode {
        printer, ///< text mode and native QR where the capabilities allow
        raster,  ///< everything as dots
    };
    Result<std::vector<Piece>> layout(hal::ReceiptDocument const& document, Mode mode) const;
    Result<void> layout_text(hal::TextBlock const& block, Mode mode, std::vector<Piece>& out) const;
    Result<void> layout_qr(hal::QrBlock const& block, Mode mode, std::vector<Piece>& out) const;
    int align_x(hal::Align align, int width) const;

    hal::PrinterCapabilities m_capabilities;
    TextRasterizer const& m_text;
    QrModuleEncoder m_qr;
};

/// Appends `GS v 0` commands printing @p image (split every RASTER_ROWS_PER_COMMAND rows).
void append_raster(Bytes& out, hal::RasterImage const& image);

} // namespace kiosk::drivers
