// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/text_draw.hpp"

#include <functional>
#include <string>

namespace kiosk::ui {

/// Colour scheme of a button.
enum class ButtonKind {
    primary,
    secondary,
    danger,
};

/// A touch button: fires its action when a press that started on it is released on it.
/// Text wraps within the button; an optional second line (smaller) explains it.
class Button final : public Widget {
public:
    Button(std::string text, int text_px, ButtonKind kind, std::function<void()> action);

    void set_detail(std::string detail, int detail_px);
    void set_enabled(bool enabled) noexcept { m_enabled = enabled; }
    [[nodiscard]] bool enabled() const noexcept { return m_enabled; }
    [[nodiscard]] std::string const& text() const noexcept { return m_text; }
    /// Changes the text (re-wrapped and re-fitted at the next draw).
    void set_text(std::string text)
    {
        if (text == m_text)
            return;
        m_text = std::move(text);
        m_fit_width = -1;
    }
    /// Draws as selected (e.g. the current language).
    void set_selected(bool selected) noexcept { m_selected = selected; }

    void draw(DrawContext& context) override;
    bool press(Point point, std::chrono::steady_clock::time_point at) override;
    void move(Point point, std::chrono::steady_clock::time_point at) override;
    void release(Point point, std::chrono::steady_clock::time_point at) override;
    void cancel_press() override;
    void collect_texts(std::vector<TextHit>& out) const override;

    /// Runs the action as a tap would (keyboard focus, tests).
    void activate();

private:
    std::string m_text;
    std::string m_detail;
    int m_text_px;
    int m_detail_px = 0;
    ButtonKind m_kind;
    std::function<void()> m_action;
    bool m_enabled = true;
    bool m_pressed = false;
    bool m_inside = false;
    bool m_selected = false;
    int m_fit_width = -1;
    int m_fit_height = -1;
    int m_fit_px = 0;
    WrappedText m_wrapped;
    WrappedText m_wrapped_detail;
};

} // namespace kiosk::ui
