// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/color.hpp"

#include <array>
#include <string_view>

namespace kiosk::ui {

/// Normal colours, or high contrast (white and yellow on black) for people who see less well.
enum class ContrastMode {
    normal,
    high,
};

/// The colours of one mode. Every text colour is meant to be read on the background it is
/// paired with in text_pairs(); the contrast test holds each pair to >= 7:1 (WCAG AAA).
struct Theme {
    Color background;
    Color text; ///< on background
    Color text_muted; ///< secondary lines, on background
    Color bar; ///< top and bottom bars
    Color on_bar;
    Color primary; ///< main buttons
    Color on_primary;
    Color secondary; ///< other buttons, keys
    Color on_secondary;
    Color danger; ///< error banners, "finish"
    Color on_danger;
    Color border; ///< outlines of buttons and fields (not text)
    Color field; ///< text field background
    Color on_field;
    Color pressed; ///< button while held
    Color on_pressed;

    /// The theme for @p mode.
    static Theme const& get(ContrastMode mode) noexcept;

    /// A text colour, the background it is drawn on, and a name for test messages.
    struct Pair {
        std::string_view name;
        Color foreground;
        Color background;
    };
    /// Every (text, background) combination the widgets draw.
    [[nodiscard]] std::array<Pair, 8> text_pairs() const noexcept;
};

} // namespace kiosk::ui
