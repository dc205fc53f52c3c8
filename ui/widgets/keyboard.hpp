// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/container.hpp"
#include "ui/widgets/text_edit.hpp"

#include <functional>
#include <string>

namespace kiosk::ui {

class Button;

/// The keys a keyboard shows.
enum class KeyboardLayout {
    vietnamese, ///< letters with ă â đ ê ô ơ ư, tone keys (sắc huyền hỏi ngã nặng), space
    code, ///< digits, capital letters and . - / for dossier codes
    numeric, ///< a 3x4 number pad for the 12-digit ID number
};

/// Labels of the keys that are words, in the current language.
struct KeyboardLabels {
    std::string space;
    std::string backspace;
    std::string clear;
    /// The full-screen keyboard's "done" and "open the keyboard" buttons; when empty, the
    /// catalog's kb.done / kb.show_keyboard are used (see DrawContext::strings).
    std::string done = {};
    std::string show = {};
};

/// An on-screen keyboard: a grid of key buttons (each >= the touch minimum) that sends
/// KeyPress values to its handler. Lay it out with layout().
///
/// When the keys do not fit the area given (a 7" 800x480 panel), the keyboard goes compact:
/// it opens full screen (modal: the screen shows only it), with the screen's text field in a
/// line at the top and a "done" key after the last key; "done" folds it into one "open the keyboard" button
/// inside the area, showing the form again. It opens unfolded.
class Keyboard final : public Container {
public:
    Keyboard(KeyboardLayout layout, KeyboardLabels labels, std::function<void(KeyPress const&)> on_key);

    /// Height the keyboard needs at @p width_px (narrow screens re-flow the keys into more rows
    /// so that no key is below the touch minimum).
    [[nodiscard]] static int height_for(KeyboardLayout layout, int width_px, Metrics const& metrics);
    /// Builds the keys inside @p area (or full screen, compact, when they do not fit there).
    void layout(Rect area, Metrics const& metrics);

    /// Whether the keys did not fit their area (full-screen keyboard).
    [[nodiscard]] bool compact() const noexcept { return m_compact; }
    /// Compact and open: covering the screen.
    [[nodiscard]] bool expanded() const noexcept { return m_compact && m_expanded; }
    /// Opens or folds a compact keyboard (what its buttons do).
    void set_expanded(bool expanded);

    void draw(DrawContext& context) override;
    void collect_texts(std::vector<TextHit>& out) const override;
    [[nodiscard]] bool modal() const noexcept override { return expanded(); }
    void set_echo(Widget* field) override { m_echo = field; }

private:
    void layout_keys(Rect area, Metrics const& metrics, int gap, int key_h);
    void layout_compact(Rect area, Metrics const& metrics);
    void apply_state();

    KeyboardLayout m_layout;
    KeyboardLabels m_labels;
    std::function<void(KeyPress const&)> m_on_key;
    bool m_compact = false;
    bool m_expanded = true;
    Rect m_area;
    Rect m_screen;
    Rect m_line;
    Widget* m_echo = nullptr;
    Button* m_show = nullptr;
    Button* m_done = nullptr;
};

} // namespace kiosk::ui
