// SPDX-License-Identifier: MIT
#include "ui/widgets/progress_bar.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

void ProgressBar::set_fraction(double fraction) noexcept { m_fraction = std::clamp(fraction, 0.0, 1.0); }

void ProgressBar::draw(DrawContext& context)
{
    Rect const r = rect();
    int const border = std::max(2, context.metrics.gap / 8);
    context.canvas.fill_rect(r, context.theme.border);
    Rect const inner = r.inset(border);
    context.canvas.fill_rect(inner, context.theme.field);
    int const filled = static_cast<int>(std::lround(inner.w * m_fraction));
    context.canvas.fill_rect({ inner.x, inner.y, filled, inner.h }, context.theme.primary);
}

} // namespace kiosk::ui
