// SPDX-License-Identifier: MIT
#include "ui/widgets/text_draw.hpp"

namespace kiosk::ui {

void WrappedText::layout(Fonts& fonts, std::string_view text, int width_px, TextStyle const& style)
{
    if (text == m_text && width_px == m_width && style.size_px == m_size && style.weight == m_weight)
        return;
    m_text.assign(text);
    m_width = width_px;
    m_size = style.size_px;
    m_weight = style.weight;
    m_lines = wrap_text(text, width_px, [&](std::string_view run) { return fonts.measure(run, m_size, m_weight); });
    m_line_height = fonts.line_height(m_size, m_weight);
}

void WrappedText::draw(DrawContext& context, Rect area, TextStyle const& style, Align align) const
{
    int y = area.y;
    for (auto const& line : m_lines) {
        draw_text_line(context, line, style, { area.x, y, area.w, m_line_height }, align);
        y += m_line_height;
    }
}

void draw_text_line(DrawContext& context, std::string_view text, TextStyle const& style, Rect area, Align align)
{
    auto const* entry = context.text.get(text, style);
    if (entry == nullptr)
        return;
    int x = area.x;
    if (align == Align::center)
        x = area.x + (area.w - entry->width) / 2;
    else if (align == Align::end)
        x = area.right() - entry->width;
    int const y = area.y + (area.h - entry->height) / 2;
    context.canvas.draw_texture(entry->texture.get(), { x, y, entry->width, entry->height });
}

} // namespace kiosk::ui
