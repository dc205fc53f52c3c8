// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/geometry.hpp"

#include <kiosk/hal/board.hpp>

namespace kiosk::ui {

/// How big things are drawn: normal, or large text for people who see less well.
enum class TextSize {
    normal,
    large,
};

/// The board's panel turned into the UI's upright (logical) screen: the logical size after
/// rotation, the mapping of touch points from panel to logical pixels, and sizes derived
/// from the panel's density (touch targets of at least 15 mm, a minimum text height).
/// Pure value type, any thread.
class DisplayLayout {
public:
    /// Smallest touch target side, millimetres on the panel.
    static constexpr double MIN_TOUCH_MM = 15.0;
    /// Smallest body text (font pixel size), millimetres on the panel.
    static constexpr double MIN_TEXT_MM = 4.0;

    explicit DisplayLayout(hal::DisplaySpec const& spec) noexcept;

    [[nodiscard]] hal::DisplaySpec const& spec() const noexcept { return m_spec; }
    /// Upright width and height: the panel's, swapped for 90 and 270 degrees.
    [[nodiscard]] int width() const noexcept { return m_width; }
    [[nodiscard]] int height() const noexcept { return m_height; }
    [[nodiscard]] bool portrait() const noexcept { return m_height >= m_width; }
    /// Rotation in degrees clockwise (0, 90, 180, 270; anything else counts as 0).
    [[nodiscard]] int rotation() const noexcept { return m_rotation; }

    /// Maps a touch at panel pixel @p panel to logical pixels.
    [[nodiscard]] Point panel_to_logical(Point panel) const noexcept;
    /// Maps logical pixel @p logical to the panel pixel it is shown on (inverse of panel_to_logical).
    [[nodiscard]] Point logical_to_panel(Point logical) const noexcept;

    /// Panel pixels per millimetre (from dpi).
    [[nodiscard]] double px_per_mm() const noexcept;
    /// Side of the smallest touch target in pixels (MIN_TOUCH_MM on this panel, rounded up).
    [[nodiscard]] int min_touch_px() const noexcept;
    /// Smallest body font size in pixels (MIN_TEXT_MM on this panel, rounded up).
    [[nodiscard]] int min_text_px() const noexcept;

private:
    hal::DisplaySpec m_spec;
    int m_rotation = 0;
    int m_width = 0;
    int m_height = 0;
};

/// Every size a screen lays out with, from the display and the text size. Values in logical
/// pixels. Sizes scale with the shorter screen side (1080 px is the reference) but never
/// go below the display's touch-target and text minimums.
struct Metrics {
    int screen_w = 0;
    int screen_h = 0;
    int margin = 0; ///< outer margin and gap between blocks
    int gap = 0; ///< gap between buttons
    int bar_h = 0; ///< top and bottom bars
    int bar_pad = 0; ///< padding around the buttons in a bar
    int button_h = 0; ///< ordinary button height (>= touch minimum)
    int big_button_h = 0; ///< home screen choices
    int key_h = 0; ///< on-screen keyboard key height (>= touch minimum)
    int text_small = 0; ///< font pixel sizes
    int text_body = 0;
    int text_button = 0;
    int text_title = 0;
    int text_huge = 0;
    int min_touch = 0;
    int content_w = 0; ///< width of the content column (centred)
    int content_x = 0;

    static Metrics compute(DisplayLayout const& layout, TextSize size) noexcept;
};

} // namespace kiosk::ui
