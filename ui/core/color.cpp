// SPDX-License-Identifier: MIT
#include "ui/core/color.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {
double linear(std::uint8_t channel) noexcept
{
    double const c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
} // namespace

double relative_luminance(Color color) noexcept
{
    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

double contrast_ratio(Color first, Color second) noexcept
{
    double const a = relative_luminance(first);
    double const b = relative_luminance(second);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

} // namespace kiosk::ui
