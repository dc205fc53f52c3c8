// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/widget.hpp"

#include <kiosk/hal/raster_image.hpp>

namespace kiosk::ui {

/// A QR code (a module matrix from firmware/codes' QrEncoder), drawn as large as fits with a
/// four-module quiet zone, always dark on white (phones read that best, in either theme).
class QrImage final : public Widget {
public:
    explicit QrImage(hal::RasterImage modules)
        : m_modules(std::move(modules))
    {
    }
    void draw(DrawContext& context) override;

private:
    hal::RasterImage m_modules;
};

} // namespace kiosk::ui
