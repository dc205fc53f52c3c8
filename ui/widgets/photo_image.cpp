// SPDX-License-Identifier: MIT
#include "ui/widgets/photo_image.hpp"

#include <algorithm>
#include <vector>

namespace kiosk::ui {

PhotoImage::~PhotoImage()
{
    if (m_texture && m_photo.width > 0 && m_photo.height > 0) {
        // The renderer may keep the texture's pixels in memory it reuses: zero them first.
        std::vector<std::uint8_t> const zeros(static_cast<std::size_t>(m_photo.width) * 3U, 0);
        for (int y = 0; y < m_photo.height; ++y) {
            SDL_Rect const row { 0, y, m_photo.width, 1 };
            SDL_UpdateTexture(m_texture.get(), &row, zeros.data(), m_photo.width * 3);
        }
    }
}

Rect PhotoImage::fit(Rect box, int width, int height) noexcept
{
    if (width <= 0 || height <= 0 || box.w <= 0 || box.h <= 0)
        return { box.x, box.y, 0, 0 };
    // The largest size with the image's shape: scale by the tighter of the two sides.
    long long const by_width_h = static_cast<long long>(box.w) * height / width;
    int w = box.w;
    int h = static_cast<int>(by_width_h);
    if (by_width_h > box.h) {
        h = box.h;
        w = static_cast<int>(static_cast<long long>(box.h) * width / height);
    }
    return { box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h };
}

void PhotoImage::draw(DrawContext& context)
{
    Rect const box = rect();
    int const frame = std::max(2, context.metrics.gap / 4);
    Rect const inner { box.x + frame, box.y + frame, box.w - 2 * frame, box.h - 2 * frame };
    Rect const picture = fit(inner, m_photo.width, m_photo.height);
    auto const needed = static_cast<std::size_t>(m_photo.width) * static_cast<std::size_t>(m_photo.height) * 3U;
    if (picture.w <= 0 || picture.h <= 0 || m_photo.rgb.size() < needed)
        return;
    if (!m_texture) {
        m_texture.reset(SDL_CreateTexture(
            context.canvas.renderer(), SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, m_photo.width, m_photo.height));
        if (!m_texture)
            return;
        SDL_UpdateTexture(m_texture.get(), nullptr, m_photo.rgb.data(), m_photo.width * 3);
    }
    context.canvas.fill_rect(
        { picture.x - frame, picture.y - frame, picture.w + 2 * frame, picture.h + 2 * frame }, context.theme.border);
    context.canvas.draw_texture(m_texture.get(), picture);
}

} // namespace kiosk::ui
