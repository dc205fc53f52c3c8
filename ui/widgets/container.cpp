// SPDX-License-Identifier: MIT
#include "ui/widgets/container.hpp"

namespace kiosk::ui {

Widget* Container::modal_child() const noexcept
{
    for (std::size_t i = m_children.size(); i-- > 0;)
        if (m_children[i]->visible() && m_children[i]->modal())
            return m_children[i].get();
    return nullptr;
}

bool Container::modal() const noexcept { return modal_child() != nullptr; }

bool Container::is_text_entry() const noexcept { return false; }

void Container::show_echo(Widget& modal) const
{
    // The nearest field wins: a container without one leaves what its parent found.
    for (auto const& child : m_children)
        if (child->visible() && child->is_text_entry()) {
            modal.set_echo(child.get());
            return;
        }
}

void Container::set_echo(Widget* field)
{
    if (Widget* modal = modal_child())
        modal->set_echo(field);
}

void Container::draw(DrawContext& context)
{
    if (Widget* modal = modal_child()) {
        show_echo(*modal);
        modal->draw(context);
        return;
    }
    for (auto& child : m_children)
        if (child->visible())
            child->draw(context);
}

bool Container::press(Point point, std::chrono::steady_clock::time_point at)
{
    m_captured = nullptr;
    if (Widget* modal = modal_child()) {
        if (modal->press(point, at))
            m_captured = modal;
        return m_captured != nullptr;
    }
    for (std::size_t i = m_children.size(); i-- > 0;) {
        Widget& child = *m_children[i];
        if (child.visible() && child.rect().contains(point) && child.press(point, at)) {
            m_captured = &child;
            return true;
        }
    }
    return false;
}

void Container::move(Point point, std::chrono::steady_clock::time_point at)
{
    if (m_captured != nullptr)
        m_captured->move(point, at);
}

void Container::release(Point point, std::chrono::steady_clock::time_point at)
{
    Widget* captured = m_captured;
    m_captured = nullptr;
    if (captured != nullptr)
        captured->release(point, at);
}

void Container::cancel_press()
{
    if (m_captured != nullptr)
        m_captured->cancel_press();
    m_captured = nullptr;
}

bool Container::animate(std::chrono::steady_clock::time_point now)
{
    bool moving = false;
    for (auto& child : m_children)
        moving = child->animate(now) || moving;
    return moving;
}

void Container::collect_texts(std::vector<TextHit>& out) const
{
    if (Widget* modal = modal_child()) {
        show_echo(*modal);
        modal->collect_texts(out);
        return;
    }
    for (auto const& child : m_children)
        if (child->visible())
            child->collect_texts(out);
}

} // namespace kiosk::ui
