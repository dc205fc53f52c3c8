// SPDX-License-Identifier: MIT
#include "ui/core/canvas.hpp"

#include <SDL_image.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Result<std::unique_ptr<Canvas>> Canvas::create_headless(int width, int height)
{
    std::unique_ptr<Canvas> canvas(new Canvas());
    canvas->m_width = width;
    canvas->m_height = height;
    canvas->m_panel_w = width;
    canvas->m_panel_h = height;
    canvas->m_surface.reset(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!canvas->m_surface) {
        spdlog::error("SDL_CreateRGBSurfaceWithFormat: {}", SDL_GetError());
        return fail(Errc::internal, "cannot create the drawing surface");
    }
    canvas->m_renderer.reset(SDL_CreateSoftwareRenderer(canvas->m_surface.get()));
    if (!canvas->m_renderer) {
        spdlog::error("SDL_CreateSoftwareRenderer: {}", SDL_GetError());
        return fail(Errc::internal, "cannot create the software renderer");
    }
    SDL_SetRenderDrawBlendMode(canvas->m_renderer.get(), SDL_BLENDMODE_BLEND);
    return canvas;
}

Result<std::unique_ptr<Canvas>> Canvas::create_window(DisplayLayout const& layout, char const* title)
{
    std::unique_ptr<Canvas> canvas(new Canvas());
    canvas->m_width = layout.width();
    canvas->m_height = layout.height();
    canvas->m_rotation = layout.rotation();
    canvas->m_panel_w = layout.spec().width_px;
    canvas->m_panel_h = layout.spec().height_px;
    // On a developer's desktop the panel may not fit: scale the window down, keep the layout.
    SDL_Rect usable {};
    double scale = 1.0;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0)
        scale = std::min({ 1.0, usable.w / static_cast<double>(canvas->m_panel_w),
            usable.h / static_cast<double>(canvas->m_panel_h) });
    canvas->m_window_scale = scale;
    int const window_w = static_cast<int>(std::lround(canvas->m_panel_w * scale));
    int const window_h = static_cast<int>(std::lround(canvas->m_panel_h * scale));
    canvas->m_window.reset(
        SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, window_w, window_h, SDL_WINDOW_SHOWN));
    if (!canvas->m_window) {
        spdlog::error("SDL_CreateWindow: {}", SDL_GetError());
        return fail(Errc::unsupported, "cannot open a window");
    }
    canvas->m_renderer.reset(SDL_CreateRenderer(canvas->m_window.get(), -1, SDL_RENDERER_TARGETTEXTURE));
    if (!canvas->m_renderer) {
        spdlog::error("SDL_CreateRenderer: {}", SDL_GetError());
        return fail(Errc::unsupported, "cannot create a renderer for the window");
    }
    canvas->m_target.reset(SDL_CreateTexture(canvas->m_renderer.get(), SDL_PIXELFORMAT_ARGB8888,
        SDL_TEXTUREACCESS_TARGET, canvas->m_width, canvas->m_height));
    if (!canvas->m_target) {
        spdlog::error("SDL_CreateTexture: {}", SDL_GetError());
        return fail(Errc::unsupported, "cannot create the frame texture");
    }
    SDL_SetRenderTarget(canvas->m_renderer.get(), canvas->m_target.get());
    SDL_SetRenderDrawBlendMode(canvas->m_renderer.get(), SDL_BLENDMODE_BLEND);
    return canvas;
}

Canvas::~Canvas()
{
    // Textures before the renderer, the renderer before its surface or window.
    m_target.reset();
    m_renderer.reset();
    m_surface.reset();
    m_window.reset();
}

void Canvas::clear(Color color)
{
    SDL_SetRenderDrawBlendMode(m_renderer.get(), SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(m_renderer.get(), color.r, color.g, color.b, color.a);
    SDL_RenderClear(m_renderer.get());
}

void Canvas::fill_rect(Rect rect, Color color)
{
    // Opaque fills skip blending: the software renderer's plain fill is several times faster.
    SDL_SetRenderDrawBlendMode(m_renderer.get(), color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(m_renderer.get(), color.r, color.g, color.b, color.a);
    SDL_Rect const r { rect.x, rect.y, rect.w, rect.h };
    SDL_RenderFillRect(m_renderer.get(), &r);
}

void Canvas::stroke_rect(Rect rect, Color color, int thickness)
{
    fill_rect({ rect.x, rect.y, rect.w, thickness }, color);
    fill_rect({ rect.x, rect.bottom() - thickness, rect.w, thickness }, color);
    fill_rect({ rect.x, rect.y + thickness, thickness, rect.h - 2 * thickness }, color);
    fill_rect({ rect.right() - thickness, rect.y + thickness, thickness, rect.h - 2 * thickness }, color);
}

void Canvas::fill_round_rect(Rect rect, int radius, Color color)
{
    radius = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    if (radius == 0) {
        fill_rect(rect, color);
        return;
    }
    fill_rect({ rect.x, rect.y + radius, rect.w, rect.h - 2 * radius }, color);
    // The corner rows, one scan line each: the row's inset follows the circle.
    for (int row = 0; row < radius; ++row) {
        double const dy = radius - row - 0.5;
        int const inset = radius - static_cast<int>(std::lround(std::sqrt(radius * radius - dy * dy)));
        fill_rect({ rect.x + inset, rect.y + row, rect.w - 2 * inset, 1 }, color);
        fill_rect({ rect.x + inset, rect.bottom() - 1 - row, rect.w - 2 * inset, 1 }, color);
    }
}

void Canvas::draw_texture(SDL_Texture* texture, Rect destination)
{
    SDL_Rect const dst { destination.x, destination.y, destination.w, destination.h };
    SDL_RenderCopy(m_renderer.get(), texture, nullptr, &dst);
}

void Canvas::draw_raster(hal::RasterImage const& image, Point origin, int scale, Color ink, Color paper)
{
    fill_rect({ origin.x, origin.y, image.width() * scale, image.height() * scale }, paper);
    for (int y = 0; y < image.height(); ++y) {
        int x = 0;
        while (x < image.width()) {
            if (!image.dot(x, y)) {
                ++x;
                continue;
            }
            int run = x;
            while (run < image.width() && image.dot(run, y))
                ++run;
            fill_rect({ origin.x + x * scale, origin.y + y * scale, (run - x) * scale, scale }, ink);
            x = run;
        }
    }
}

void Canvas::set_clip(Rect const* clip)
{
    if (clip == nullptr) {
        SDL_RenderSetClipRect(m_renderer.get(), nullptr);
        return;
    }
    SDL_Rect const r { clip->x, clip->y, clip->w, clip->h };
    SDL_RenderSetClipRect(m_renderer.get(), &r);
}

void Canvas::present()
{
    if (!m_window)
        return;
    SDL_Renderer* renderer = m_renderer.get();
    SDL_SetRenderTarget(renderer, nullptr);
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    int window_w = 0;
    int window_h = 0;
    SDL_GetWindowSize(m_window.get(), &window_w, &window_h);
    int const w = static_cast<int>(std::lround(m_width * m_window_scale));
    int const h = static_cast<int>(std::lround(m_height * m_window_scale));
    SDL_Rect const dst { (window_w - w) / 2, (window_h - h) / 2, w, h };
    // SDL turns clockwise about the destination's centre, which is the window's centre.
    SDL_RenderCopyEx(renderer, m_target.get(), nullptr, &dst, m_rotation, nullptr, SDL_FLIP_NONE);
    SDL_RenderPresent(renderer);
    SDL_SetRenderTarget(renderer, m_target.get());
}

Result<std::vector<std::uint32_t>> Canvas::read_pixels() const
{
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height));
    if (SDL_RenderReadPixels(
            m_renderer.get(), nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(), m_width * 4)
        != 0) {
        spdlog::error("SDL_RenderReadPixels: {}", SDL_GetError());
        return fail(Errc::internal, "cannot read the frame's pixels");
    }
    return pixels;
}

Result<void> Canvas::save_png(std::filesystem::path const& file) const
{
    auto pixels = KIOSK_TRY(read_pixels());
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormatFrom(
        pixels.data(), m_width, m_height, 32, m_width * 4, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return fail(Errc::internal, "cannot wrap the frame for PNG output");
    if (IMG_SavePNG(surface.get(), file.c_str()) != 0) {
        spdlog::error("IMG_SavePNG: {}", IMG_GetError());
        return fail(Errc::io, "cannot write the PNG file");
    }
    return {};
}

Point Canvas::window_to_logical(Point window) const noexcept
{
    if (!m_window)
        return window;
    Point const panel { static_cast<int>(window.x / m_window_scale), static_cast<int>(window.y / m_window_scale) };
    DisplayLayout const layout(hal::DisplaySpec { m_panel_w, m_panel_h, m_rotation, 0 });
    return layout.panel_to_logical(panel);
}

} // namespace kiosk::ui
