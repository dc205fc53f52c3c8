// SPDX-License-Identifier: MIT
#include "ui/widgets/scroll_view.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

void ScrollView::clear_children() noexcept
{
    m_captured = nullptr;
    m_children.clear();
    m_content_h = 0;
    m_scroller.scroll_to(0);
    m_scroller.set_max_offset(0);
}

void ScrollView::update_extent() noexcept
{
    int bottom = 0;
    for (auto const& child : m_children)
        bottom = std::max(bottom, child.content.bottom());
    m_content_h = bottom;
    m_scroller.set_max_offset(std::max(0, m_content_h - rect().h));
}

void ScrollView::sync() noexcept
{
    m_scroller.set_max_offset(std::max(0, m_content_h - rect().h));
    int const offset = static_cast<int>(std::lround(m_scroller.offset()));
    for (auto& child : m_children)
        child.widget->set_rect(
            { rect().x + child.content.x, rect().y + child.content.y - offset, child.content.w, child.content.h });
}

void ScrollView::draw(DrawContext& context)
{
    sync();
    Rect const clip = rect();
    // Marked as this view's content: when only the offset changed, the canvas moves the pixels
    // it has and paints just the rows that came into view.
    context.canvas.begin_scroll(clip, static_cast<int>(std::lround(m_scroller.offset())), this);
    for (auto& child : m_children)
        if (child.widget->visible() && child.widget->rect().intersects(clip))
            child.widget->draw(context);
    context.canvas.end_scroll();
    // A scroll bar shows there is more, and where the citizen is in the list.
    if (m_content_h > rect().h) {
        int const track_w = std::max(4, context.metrics.gap / 3);
        int const thumb_h = std::max(track_w * 4, rect().h * rect().h / m_content_h);
        double const fraction = m_scroller.max_offset() > 0 ? m_scroller.offset() / m_scroller.max_offset() : 0.0;
        int const thumb_y = rect().y + static_cast<int>(std::lround(fraction * (rect().h - thumb_h)));
        context.canvas.fill_rect({ rect().right() - track_w, rect().y, track_w, rect().h }, context.theme.secondary);
        context.canvas.fill_rect({ rect().right() - track_w, thumb_y, track_w, thumb_h }, context.theme.border);
    }
}

bool ScrollView::press(Point point, std::chrono::steady_clock::time_point at)
{
    sync();
    m_scroller.press(point.y, at);
    m_captured = nullptr;
    for (std::size_t i = m_children.size(); i-- > 0;) {
        Widget& child = *m_children[i].widget;
        if (child.visible() && child.rect().contains(point) && child.press(point, at)) {
            m_captured = &child;
            break;
        }
    }
    return true;
}

void ScrollView::move(Point point, std::chrono::steady_clock::time_point at)
{
    m_scroller.drag(point.y, at);
    if (m_scroller.dragged() && m_captured != nullptr) {
        m_captured->cancel_press();
        m_captured = nullptr;
    }
    sync();
    if (m_captured != nullptr)
        m_captured->move(point, at);
}

void ScrollView::release(Point point, std::chrono::steady_clock::time_point at)
{
    m_scroller.release(at);
    Widget* captured = m_captured;
    m_captured = nullptr;
    if (captured != nullptr)
        captured->release(point, at);
}

void ScrollView::cancel_press()
{
    if (m_captured != nullptr)
        m_captured->cancel_press();
    m_captured = nullptr;
}

bool ScrollView::animate(std::chrono::steady_clock::time_point now)
{
    bool const moving = m_scroller.step(now);
    sync();
    return moving;
}

void ScrollView::collect_texts(std::vector<TextHit>& out) const
{
    int const offset = static_cast<int>(std::lround(m_scroller.offset()));
    for (auto const& child : m_children) {
        if (!child.widget->visible())
            continue;
        Rect const on_screen { rect().x + child.content.x, rect().y + child.content.y - offset, child.content.w,
            child.content.h };
        if (!on_screen.intersects(rect()))
            continue;
        std::vector<TextHit> hits;
        child.widget->collect_texts(hits);
        for (auto& hit : hits) {
            // Only a row whose centre is in view can be tapped; what is reported is the part
            // in view (a row cut by the list's edge is seen only down to the edge).
            hit.tappable = hit.tappable && rect().contains(on_screen.center());
            hit.rect = intersection(hit.rect, rect());
            out.push_back(std::move(hit));
        }
    }
}

} // namespace kiosk::ui
