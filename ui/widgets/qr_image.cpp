// SPDX-License-Identifier: MIT
#include "ui/widgets/qr_image.hpp"

#include <algorithm>

namespace kiosk::ui {

void QrImage::draw(DrawContext& context)
{
    int const modules = std::max(m_modules.width(), m_modules.height()) + 8;
    int const side = std::min(rect().w, rect().h);
    int const scale = std::max(1, side / modules);
    int const drawn = scale * modules;
    Point const origin { rect().x + (rect().w - drawn) / 2, rect().y + (rect().h - drawn) / 2 };
    Color const white { 255, 255, 255 };
    context.canvas.fill_rect({ origin.x, origin.y, drawn, drawn }, white);
    context.canvas.draw_raster(m_modules, { origin.x + 4 * scale, origin.y + 4 * scale }, scale, { 0, 0, 0 }, white);
}

} // namespace kiosk::ui
