// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/widget.hpp"

#include <memory>
#include <vector>

namespace kiosk::ui {

/// A widget made of child widgets: draws them in order, gives a press to the topmost child
/// under the finger and the rest of that gesture to the same child.
class Container : public Widget {
public:
    /// Adds @p child (drawn after, so on top of, the earlier ones) and returns it.
    template <class W>
    W& add(std::unique_ptr<W> child)
    {
        W& ref = *child;
        m_children.push_back(std::move(child));
        return ref;
    }
    void clear_children() noexcept
    {
        m_captured = nullptr;
        m_children.clear();
    }
    [[nodiscard]] std::vector<std::unique_ptr<Widget>> const& children() const noexcept { return m_children; }

    void draw(DrawContext& context) override;
    bool press(Point point, std::chrono::steady_clock::time_point at) override;
    void move(Point point, std::chrono::steady_clock::time_point at) override;
    void release(Point point, std::chrono::steady_clock::time_point at) override;
    void cancel_press() override;
    bool animate(std::chrono::steady_clock::time_point now) override;
    void collect_texts(std::vector<TextHit>& out) const override;
    /// True while a child is modal (then only that child is drawn, hit and listed).
    [[nodiscard]] bool modal() const noexcept override;
    [[nodiscard]] bool is_text_entry() const noexcept override;
    void set_echo(Widget* field) override;

private:
    [[nodiscard]] Widget* modal_child() const noexcept;
    /// Tells @p modal which of the children is the text field it types into.
    void show_echo(Widget& modal) const;

    std::vector<std::unique_ptr<Widget>> m_children;
    Widget* m_captured = nullptr;
};

} // namespace kiosk::ui
