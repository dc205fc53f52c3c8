// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/container.hpp"
#include "ui/widgets/text_edit.hpp"

#include <functional>
#include <string>

namespace kiosk::ui {

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
};

/// An on-screen keyboard: a grid of key buttons (each >= the touch minimum) that sends
/// KeyPress values to its handler. Lay it out with layout().
class Keyboard final : public Container {
public:
    Keyboard(KeyboardLayout layout, KeyboardLabels labels, std::function<void(KeyPress const&)> on_key);

    /// Height the keyboard needs at @p width_px (narrow screens re-flow the keys into more rows
    /// so that no key is below the touch minimum).
    [[nodiscard]] static int height_for(KeyboardLayout layout, int width_px, Metrics const& metrics);
    /// Builds the keys inside @p area.
    void layout(Rect area, Metrics const& metrics);

private:
    KeyboardLayout m_layout;
    KeyboardLabels m_labels;
    std::function<void(KeyPress const&)> m_on_key;
};

} // namespace kiosk::ui
