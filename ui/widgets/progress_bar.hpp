// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/widget.hpp"

namespace kiosk::ui {

/// A horizontal progress bar, 0 .. 1.
class ProgressBar final : public Widget {
public:
    void set_fraction(double fraction) noexcept;
    [[nodiscard]] double fraction() const noexcept { return m_fraction; }
    void draw(DrawContext& context) override;

private:
    double m_fraction = 0.0;
};

} // namespace kiosk::ui
