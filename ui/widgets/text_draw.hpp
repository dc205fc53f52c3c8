// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/text_wrap.hpp"
#include "ui/widgets/widget.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

enum class Align {
    start,
    center,
    end,
};

/// Lines of wrapped text, laid out for one width and style: remembers its input, so
/// re-wrapping happens only when the text, width or size changes.
class WrappedText {
public:
    /// Wraps @p text for @p width_px in @p style (no-op if nothing changed).
    void layout(Fonts& fonts, std::string_view text, int width_px, TextStyle const& style);
    [[nodiscard]] std::vector<std::string> const& lines() const noexcept { return m_lines; }
    [[nodiscard]] int line_height() const noexcept { return m_line_height; }
    [[nodiscard]] int height() const noexcept { return m_line_height * static_cast<int>(m_lines.size()); }
    /// Draws the lines from the top of @p area, each aligned by @p align.
    void draw(DrawContext& context, Rect area, TextStyle const& style, Align align) const;

private:
    std::string m_text;
    int m_width = -1;
    int m_size = 0;
    FontWeight m_weight = FontWeight::regular;
    std::vector<std::string> m_lines;
    int m_line_height = 0;
};

/// Draws one line of @p text in @p area, aligned horizontally by @p align and centred
/// vertically. Text wider than the area is clipped by the caller's layout, not here.
void draw_text_line(DrawContext& context, std::string_view text, TextStyle const& style, Rect area, Align align);

} // namespace kiosk::ui
