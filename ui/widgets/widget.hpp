// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/canvas.hpp"
#include "ui/core/display_layout.hpp"
#include "ui/core/geometry.hpp"
#include "ui/core/strings.hpp"
#include "ui/core/text_cache.hpp"
#include "ui/core/theme.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace kiosk::ui {

/// What a widget draws with. UI thread only.
struct DrawContext {
    Canvas& canvas;
    TextCache& text;
    Theme const& theme;
    Metrics const& metrics;
    std::chrono::steady_clock::time_point now;
    /// The current language's strings, for the few words widgets add themselves (null: none).
    StringCatalog const* strings = nullptr;
};

/// A piece of visible text and where it is: what scenario steps (`tap "Label"`, `wait-for`)
/// and the monkey test look for.
struct TextHit {
    std::string text;
    Rect rect;
    bool tappable = false;
};

/// Base of every widget: a rectangle in logical pixels that draws itself and takes pointer
/// input (touch or mouse). The widget that accepts a press gets the moves and the release.
/// UI thread only.
class Widget {
public:
    Widget() = default;
    virtual ~Widget() = default;
    Widget(Widget const&) = delete;
    Widget& operator=(Widget const&) = delete;
    Widget(Widget&&) = delete;
    Widget& operator=(Widget&&) = delete;

    [[nodiscard]] Rect const& rect() const noexcept { return m_rect; }
    void set_rect(Rect rect) noexcept { m_rect = rect; }
    [[nodiscard]] bool visible() const noexcept { return m_visible; }
    void set_visible(bool visible) noexcept { m_visible = visible; }

    virtual void draw(DrawContext& context) = 0;

    /// Finger down at @p point (inside rect()). @return true to take the gesture.
    virtual bool press(Point point, std::chrono::steady_clock::time_point at);
    /// Finger moved (only for the widget that took the press).
    virtual void move(Point point, std::chrono::steady_clock::time_point at);
    /// Finger lifted at @p point (may be outside rect()).
    virtual void release(Point point, std::chrono::steady_clock::time_point at);
    /// The gesture was taken away (screen changed, dialog opened).
    virtual void cancel_press();

    /// Advances animations to @p now. @return true while something still moves.
    virtual bool animate(std::chrono::steady_clock::time_point now);

    /// Appends the widget's visible texts (for scenario steps and tests).
    virtual void collect_texts(std::vector<TextHit>& out) const;

    /// While true the widget covers the whole screen and takes every press (the full-screen
    /// keyboard of a small panel): its container draws, hits and lists only it.
    [[nodiscard]] virtual bool modal() const noexcept { return false; }
    /// Whether this is a text entry field (a full-screen keyboard shows it in its top line).
    [[nodiscard]] virtual bool is_text_entry() const noexcept { return false; }
    /// A modal widget is told which field of its screen it types into (null: none), before it
    /// draws or lists its texts.
    virtual void set_echo(Widget* field);

private:
    Rect m_rect;
    bool m_visible = true;
};

} // namespace kiosk::ui
