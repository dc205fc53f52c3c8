// SPDX-License-Identifier: MIT
#include "ui/widgets/button.hpp"

#include <algorithm>

namespace kiosk::ui {

Button::Button(std::string text, int text_px, ButtonKind kind, std::function<void()> action)
    : m_text(std::move(text))
    , m_text_px(text_px)
    , m_kind(kind)
    , m_action(std::move(action))
{
}

void Button::set_detail(std::string detail, int detail_px)
{
    m_detail = std::move(detail);
    m_detail_px = detail_px;
}

void Button::draw(DrawContext& context)
{
    auto const& theme = context.theme;
    Color background = theme.secondary;
    Color foreground = theme.on_secondary;
    if (m_kind == ButtonKind::primary || m_selected) {
        background = theme.primary;
        foreground = theme.on_primary;
    } else if (m_kind == ButtonKind::danger) {
        background = theme.danger;
        foreground = theme.on_danger;
    }
    if (m_pressed && m_inside) {
        background = theme.pressed;
        foreground = theme.on_pressed;
    }
    int const radius = std::max(4, context.metrics.gap / 2);
    Rect const r = rect();
    int const border = std::max(2, context.metrics.gap / 8);
    context.canvas.fill_round_rect(r, radius, theme.border);
    context.canvas.fill_round_rect(r.inset(border), std::max(0, radius - border), background);
    if (!m_enabled)
        foreground = theme.border;
    int const padding = std::max(4, context.metrics.gap / 2);
    Rect const inner = r.inset(padding);
    // A word wider than the button (a key label in large text), or lines taller than it (a
    // two-word label in the top bar), get a smaller size, never a cut.
    if (m_fit_width != inner.w || m_fit_height != inner.h) {
        m_fit_width = inner.w;
        m_fit_height = inner.h;
        m_fit_px = m_text_px;
        auto widest = [&](int px) {
            int widest_px = 0;
            std::size_t start = 0;
            while (start <= m_text.size()) {
                std::size_t end = m_text.find(' ', start);
                if (end == std::string::npos)
                    end = m_text.size();
                widest_px = std::max(widest_px,
                    context.text.fonts().measure(std::string_view(m_text).substr(start, end - start), px, FontWeight::bold));
                start = end + 1;
            }
            return widest_px;
        };
        while (m_fit_px > 10 && widest(m_fit_px) > inner.w)
            m_fit_px -= 2;
        int const detail_h = m_detail.empty() ? 0 : context.text.fonts().line_height(m_detail_px, FontWeight::regular);
        while (m_fit_px > 10) {
            m_wrapped.layout(context.text.fonts(), m_text, inner.w, TextStyle { m_fit_px, FontWeight::bold, foreground });
            if (m_wrapped.height() + detail_h <= inner.h)
                break;
            m_fit_px -= 2;
        }
    }
    TextStyle const style { m_fit_px, FontWeight::bold, foreground };
    m_wrapped.layout(context.text.fonts(), m_text, inner.w, style);
    int total = m_wrapped.height();
    TextStyle const detail_style { m_detail_px, FontWeight::regular, foreground };
    if (!m_detail.empty()) {
        m_wrapped_detail.layout(context.text.fonts(), m_detail, inner.w, detail_style);
        total += m_wrapped_detail.height();
    }
    int const top = inner.y + std::max(0, (inner.h - total) / 2);
    m_wrapped.draw(context, { inner.x, top, inner.w, m_wrapped.height() }, style, Align::center);
    if (!m_detail.empty())
        m_wrapped_detail.draw(context, { inner.x, top + m_wrapped.height(), inner.w, m_wrapped_detail.height() },
            detail_style, Align::center);
}

bool Button::press(Point, std::chrono::steady_clock::time_point)
{
    if (!m_enabled)
        return false;
    m_pressed = true;
    m_inside = true;
    return true;
}

void Button::move(Point point, std::chrono::steady_clock::time_point) { m_inside = rect().contains(point); }

void Button::release(Point point, std::chrono::steady_clock::time_point)
{
    bool const fire = m_pressed && rect().contains(point);
    m_pressed = false;
    m_inside = false;
    if (fire)
        activate();
}

void Button::cancel_press()
{
    m_pressed = false;
    m_inside = false;
}

void Button::activate()
{
    if (m_enabled && m_action) {
        // The action may replace the screen and destroy this button: copy it first.
        auto action = m_action;
        action();
    }
}

void Button::collect_texts(std::vector<TextHit>& out) const
{
    out.push_back({ m_text, rect(), m_enabled });
    if (!m_detail.empty())
        out.push_back({ m_detail, rect(), m_enabled });
}

} // namespace kiosk::ui
