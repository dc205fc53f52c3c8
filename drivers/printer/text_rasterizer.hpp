// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/result.hpp>

#include <string_view>

namespace kiosk::drivers {

/// The look of a run of text.
struct TextStyle {
    /// Size multiplier, 1..4.
    int scale = 1;
    bool bold = false;
};

/// Measures and draws UTF-8 text as 1-bit dots for a thermal head. Implementations:
/// TtfTextRasterizer (FreeType through SDL2_ttf). One thread at a time.
class TextRasterizer {
public:
    virtual ~TextRasterizer() = default;
    TextRasterizer(TextRasterizer const&) = delete;
    TextRasterizer& operator=(TextRasterizer const&) = delete;
    TextRasterizer(TextRasterizer&&) = delete;
    TextRasterizer& operator=(TextRasterizer&&) = delete;

    /// Distance from one line's top to the next one's, in dots.
    [[nodiscard]] virtual int line_height(TextStyle style) const = 0;

    /// Width of @p utf8 on one line, in dots (0 for empty text).
    /// @return Errc::invalid_argument if the text is not valid UTF-8.
    [[nodiscard]] virtual Result<int> measure(std::string_view utf8, TextStyle style) const = 0;

    /// Draws @p utf8 on one line with its top left at (@p x, @p y) of @p target, black on
    /// white; dots outside the target are dropped (callers measure first).
    /// @return Errc::invalid_argument if the text is not valid UTF-8.
    virtual Result<void> draw(std::string_view utf8, TextStyle style, hal::RasterImage& target, int x, int y) const
        = 0;

protected:
    TextRasterizer() = default;
};

} // namespace kiosk::drivers
