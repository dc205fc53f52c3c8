// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/color.hpp"
#include "ui/core/display_layout.hpp"
#include "ui/core/geometry.hpp"
#include "ui/core/sdl_handles.hpp"

#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace kiosk::ui {

/// A thin layer over SDL_Renderer in logical (upright) pixels. Headless: a software renderer
/// drawing into an SDL_Surface. Window: the picture is drawn into a target texture and turned
/// by the display's rotation onto the window at present(). UI thread only.
class Canvas {
public:
    /// A software renderer into a @p width x @p height surface (no window, no GPU).
    /// @return Errc::internal if SDL cannot create the surface or renderer.
    static Result<std::unique_ptr<Canvas>> create_headless(int width, int height);

    /// A window showing the panel of @p layout (fit into the desktop when smaller).
    /// @return Errc::unsupported if no window can be opened.
    static Result<std::unique_ptr<Canvas>> create_window(DisplayLayout const& layout, char const* title);

    ~Canvas();
    Canvas(Canvas const&) = delete;
    Canvas& operator=(Canvas const&) = delete;
    Canvas(Canvas&&) = delete;
    Canvas& operator=(Canvas&&) = delete;

    [[nodiscard]] SDL_Renderer* renderer() const noexcept { return m_renderer.get(); }
    [[nodiscard]] int width() const noexcept { return m_width; }
    [[nodiscard]] int height() const noexcept { return m_height; }

    void clear(Color color);
    void fill_rect(Rect rect, Color color);
    /// An outline @p thickness pixels wide, inside @p rect.
    void stroke_rect(Rect rect, Color color, int thickness);
    /// A filled rectangle with rounded corners of @p radius pixels.
    void fill_round_rect(Rect rect, int radius, Color color);
    void draw_texture(SDL_Texture* texture, Rect destination);
    /// A 1-bit image, each dot @p scale pixels, dark dots in @p ink on @p paper (for QR codes).
    void draw_raster(hal::RasterImage const& image, Point origin, int scale, Color ink, Color paper);

    /// Restricts drawing to @p clip (nullptr: whole canvas).
    void set_clip(Rect const* clip);

    /// Shows the frame (window mode: turned by the rotation). Headless: nothing to do.
    void present();

    /// The frame as 0xAARRGGBB pixels, row by row (for golden comparisons).
    [[nodiscard]] Result<std::vector<std::uint32_t>> read_pixels() const;

    /// Writes the frame as a PNG. @return Errc::io if it cannot be written.
    [[nodiscard]] Result<void> save_png(std::filesystem::path const& file) const;

    /// Maps a window pixel (mouse, touch) to logical pixels; identity when headless.
    [[nodiscard]] Point window_to_logical(Point window) const noexcept;

private:
    Canvas() = default;

    WindowPtr m_window;
    SurfacePtr m_surface;
    RendererPtr m_renderer;
    TexturePtr m_target;
    int m_width = 0;
    int m_height = 0;
    int m_rotation = 0;
    int m_panel_w = 0;
    int m_panel_h = 0;
    double m_window_scale = 1.0;
};

} // namespace kiosk::ui
