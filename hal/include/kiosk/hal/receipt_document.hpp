// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/raster_image.hpp>

#include <string>
#include <variant>
#include <vector>

namespace kiosk::hal {

/// How the paper is cut after a receipt.
enum class Cut {
    none,
    partial,
    full,
};

/// Horizontal placement of a block on the paper.
enum class Align {
    left,
    center,
    right,
};

/// A paragraph of UTF-8 text, wrapped by measured glyph width to the head.
struct TextBlock {
    std::string text;
    Align align = Align::left;
    /// Character size multiplier, 1..4 (1 = about 3 mm high at 8 dots/mm).
    int scale = 1;
    bool bold = false;
};

/// A thin full-width horizontal rule.
struct Separator { };

/// Blank paper, in text lines of the current size (about 3.75 mm each).
struct Feed {
    int lines = 1;
};

/// A QR code of @p payload (UTF-8, byte mode), at most 512 bytes.
struct QrBlock {
    std::string payload;
    /// Dots per module, 0 = choose (about 25 mm wide).
    int module_dots = 0;
    Align align = Align::center;
};

/// A 1-bit picture (logo, signature), at most the head width.
struct ImageBlock {
    RasterImage image;
    Align align = Align::center;
};

/// One block of a receipt, top to bottom.
using ReceiptItem = std::variant<TextBlock, Separator, Feed, QrBlock, ImageBlock>;

/// Whether a document carries personal data (a citizen's name or ID number): such a job is
/// never written to disk and is dropped when the citizen's session ends.
enum class Privacy {
    none,
    personal,
};

/// A receipt as the domain composes it; printers lay it out for their head.
struct ReceiptDocument {
    /// Paper width the document was written for (58 or 80); the printer's head decides.
    int width_mm = 80;
    std::vector<ReceiptItem> items;
    Cut cut = Cut::full;
    Privacy privacy = Privacy::none;
};

/// The largest QR payload a receipt accepts, in bytes (a version 17 code at level M fits it).
inline constexpr std::size_t MAX_QR_PAYLOAD_BYTES = 512;

} // namespace kiosk::hal
