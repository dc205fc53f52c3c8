// SPDX-License-Identifier: MIT
#include "ui/core/display_layout.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

DisplayLayout::DisplayLayout(hal::DisplaySpec const& spec) noexcept
    : m_spec(spec)
{
    m_rotation = (spec.rotation_deg == 90 || spec.rotation_deg == 180 || spec.rotation_deg == 270) ? spec.rotation_deg : 0;
    bool const swapped = m_rotation == 90 || m_rotation == 270;
    m_width = swapped ? spec.height_px : spec.width_px;
    m_height = swapped ? spec.width_px : spec.height_px;
}

// The picture is turned clockwise by rotation() on its way to the panel, so a touch on the
// panel is turned counter-clockwise back.
Point DisplayLayout::panel_to_logical(Point panel) const noexcept
{
    int const pw = m_spec.width_px;
    int const ph = m_spec.height_px;
    switch (m_rotation) {
    case 90:
        return { panel.y, pw - 1 - panel.x };
    case 180:
        return { pw - 1 - panel.x, ph - 1 - panel.y };
    case 270:
        return { ph - 1 - panel.y, panel.x };
    default:
        return panel;
    }
}

Point DisplayLayout::logical_to_panel(Point logical) const noexcept
{
    int const pw = m_spec.width_px;
    int const ph = m_spec.height_px;
    switch (m_rotation) {
    case 90:
        return { pw - 1 - logical.y, logical.x };
    case 180:
        return { pw - 1 - logical.x, ph - 1 - logical.y };
    case 270:
        return { logical.y, ph - 1 - logical.x };
    default:
        return logical;
    }
}

double DisplayLayout::px_per_mm() const noexcept
{
    int const dpi = m_spec.dpi > 0 ? m_spec.dpi : 160;
    return dpi / 25.4;
}

int DisplayLayout::min_touch_px() const noexcept
{
    return static_cast<int>(std::ceil(MIN_TOUCH_MM * px_per_mm()));
}

int DisplayLayout::min_text_px() const noexcept
{
    return static_cast<int>(std::ceil(MIN_TEXT_MM * px_per_mm()));
}

Metrics Metrics::compute(DisplayLayout const& layout, TextSize size) noexcept
{
    Metrics m;
    m.screen_w = layout.width();
    m.screen_h = layout.height();
    double const unit = std::min(m.screen_w, m.screen_h) / 1080.0;
    double const text_scale = size == TextSize::large ? 1.35 : 1.0;
    auto scaled = [&](double px) { return static_cast<int>(std::lround(px * unit)); };
    auto text = [&](double px, int floor_px) {
        return std::max(floor_px, static_cast<int>(std::lround(px * unit * text_scale)));
    };
    m.min_touch = layout.min_touch_px();
    int const min_text = layout.min_text_px();
    m.margin = std::max(4, scaled(40));
    m.gap = std::max(4, scaled(24));
    m.text_small = text(32, min_text);
    m.text_body = text(40, min_text);
    m.text_button = text(44, min_text);
    m.text_title = text(60, min_text);
    m.text_huge = text(84, min_text);
    m.bar_pad = std::max(4, m.gap / 2);
    m.bar_h = std::max(m.min_touch + 2 * m.bar_pad, std::max(scaled(130), m.text_button * 2));
    m.button_h = std::max(m.min_touch, std::max(scaled(120), m.text_button * 2));
    m.big_button_h = std::max(m.min_touch, std::max(scaled(260), m.text_title * 3));
    m.key_h = std::max(m.min_touch, std::max(scaled(110), m.text_button * 2));
    // Landscape: a centred column, so lines stay readable and reach stays short.
    m.content_w = layout.portrait() ? m.screen_w - 2 * m.margin : std::min(m.screen_w - 2 * m.margin, m.screen_h * 3 / 2);
    m.content_x = (m.screen_w - m.content_w) / 2;
    return m;
}

} // namespace kiosk::ui
