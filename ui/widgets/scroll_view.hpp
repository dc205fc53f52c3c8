// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/kinetic_scroller.hpp"
#include "ui/widgets/widget.hpp"

#include <memory>
#include <vector>

namespace kiosk::ui {

/// A vertical scroll view with kinetic scrolling (see KineticScroller): children are laid out
/// in content coordinates (x, y relative to the view's top-left, y growing down the content);
/// a drag scrolls, a tap that does not move goes to the child under it. Also the list widget:
/// a list is a scroll view of buttons (see add_row()).
class ScrollView final : public Widget {
public:
    /// Adds @p child at @p content_rect (content coordinates) and returns it.
    template <class W>
    W& add(std::unique_ptr<W> child, Rect content_rect)
    {
        W& ref = *child;
        m_children.push_back({ std::move(child), content_rect });
        update_extent();
        return ref;
    }
    /// Adds @p child as the next full-width row of height @p height_px, @p gap_px below the last.
    template <class W>
    W& add_row(std::unique_ptr<W> child, int height_px, int gap_px)
    {
        int const y = m_content_h == 0 ? 0 : m_content_h + gap_px;
        return add(std::move(child), Rect { 0, y, rect().w, height_px });
    }
    void clear_children() noexcept;

    [[nodiscard]] int content_height() const noexcept { return m_content_h; }
    [[nodiscard]] KineticScroller& scroller() noexcept { return m_scroller; }
    [[nodiscard]] KineticScroller const& scroller() const noexcept { return m_scroller; }

    void draw(DrawContext& context) override;
    bool press(Point point, std::chrono::steady_clock::time_point at) override;
    void move(Point point, std::chrono::steady_clock::time_point at) override;
    void release(Point point, std::chrono::steady_clock::time_point at) override;
    void cancel_press() override;
    bool animate(std::chrono::steady_clock::time_point now) override;
    void collect_texts(std::vector<TextHit>& out) const override;

private:
    struct Child {
        std::unique_ptr<Widget> widget;
        Rect content;
    };
    void update_extent() noexcept;
    /// Moves each child's on-screen rect to match the scroll offset.
    void sync() noexcept;

    std::vector<Child> m_children;
    int m_content_h = 0;
    KineticScroller m_scroller;
    Widget* m_captured = nullptr;
};

} // namespace kiosk::ui
