// SPDX-License-Identifier: MIT
#include "ui/widgets/text_field.hpp"

#include <algorithm>

namespace kiosk::ui {

void TextField::draw(DrawContext& context)
{
    auto const& theme = context.theme;
    Rect const r = rect();
    int const border = std::max(2, context.metrics.gap / 6);
    context.canvas.fill_rect(r, theme.border);
    context.canvas.fill_rect(r.inset(border), theme.field);
    Rect const inner = r.inset(std::max(border * 2, context.metrics.gap / 2));
    context.canvas.push_clip(inner);
    if (m_text.empty()) {
        draw_text_line(context, m_placeholder, { m_text_px, FontWeight::regular, theme.text_muted }, inner, Align::start);
    } else {
        TextStyle const style { m_text_px, FontWeight::bold, theme.on_field };
        // Measured once per text (shaping the run is the costly part of a frame that types).
        if (m_measured_text != m_text || m_measured_px != m_text_px) {
            m_measured_text = m_text;
            m_measured_px = m_text_px;
            m_measured_w = context.text.fonts().measure(m_text, m_text_px, FontWeight::bold);
        }
        int const width = m_measured_w;
        // Keep the end (where typing happens) in view.
        Rect area = inner;
        if (width > inner.w - border * 2)
            area.x = inner.right() - border * 2 - width;
        area.w = width;
        draw_text_line(context, m_text, style, area, Align::start);
        int const caret_x = std::min(area.x + width + border, inner.right() - border);
        context.canvas.fill_rect({ caret_x, inner.y + inner.h / 6, border, inner.h * 2 / 3 }, theme.on_field);
    }
    context.canvas.pop_clip();
}

void TextField::collect_texts(std::vector<TextHit>& out) const
{
    out.push_back({ m_text.empty() ? m_placeholder : m_text, rect(), false });
}

} // namespace kiosk::ui
