// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace kiosk::ui {

/// An sRGB colour with alpha.
struct Color {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    std::uint8_t a = 255;
    friend bool operator==(Color const&, Color const&) = default;
};

/// WCAG 2.x relative luminance of @p color (alpha ignored), 0 (black) .. 1 (white).
double relative_luminance(Color color) noexcept;

/// WCAG 2.x contrast ratio of two opaque colours, 1 .. 21 (order does not matter).
double contrast_ratio(Color first, Color second) noexcept;

} // namespace kiosk::ui
