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
///
/// Frames paint only what changed. clear() starts a frame: it and every drawing call up to
/// present() are recorded (nothing is drawn yet). present() compares the recording with the
/// last frame's, works out the rectangles where they differ (an operation added, removed,
/// changed or reordered) and repaints only those, each clipped to its rectangle, from the new
/// recording. The surface (or target texture) keeps the last frame, so what is left alone is
/// already right. No widget has to report what it changed: a widget that draws something else
/// gets repainted. A scroll view brackets its content with begin_scroll()/end_scroll(): when
/// only its offset moved, the kept pixels are shifted (headless) and only the strip that came
/// into view is painted. Drawing outside a frame (no clear() first) is immediate and makes
/// the next frame paint everything.
///
/// A texture given to draw_texture() must stay alive until present() (it is drawn then).
/// A texture whose pixels are changed in place must be passed to forget_texture() first.
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

    /// Fills the whole canvas with @p color and starts recording a frame (see the class comment).
    void clear(Color color);
    void fill_rect(Rect rect, Color color);
    /// An outline @p thickness pixels wide, inside @p rect.
    void stroke_rect(Rect rect, Color color, int thickness);
    /// A filled rectangle with rounded corners of @p radius pixels.
    void fill_round_rect(Rect rect, int radius, Color color);
    void draw_texture(SDL_Texture* texture, Rect destination);
    /// A 1-bit image, each dot @p scale pixels, dark dots in @p ink on @p paper (for QR codes).
    void draw_raster(hal::RasterImage const& image, Point origin, int scale, Color ink, Color paper);

    /// Restricts drawing to @p clip (nullptr: whole canvas). Replaces the clip stack's top.
    void set_clip(Rect const* clip);
    /// Restricts drawing to @p clip within the current clip, until pop_clip().
    void push_clip(Rect clip);
    void pop_clip();

    /// Content drawn until end_scroll() is a scroll view's: inside @p viewport (also pushed as
    /// the clip), scrolled @p offset_px down its content. @p key tells the same view from
    /// frame to frame (its address). Nesting is allowed; only the innermost counts.
    void begin_scroll(Rect viewport, int offset_px, void const* key);
    void end_scroll();

    /// Forgets the last frame: the next one is painted whole (the window's target texture was
    /// lost, something drew behind the canvas's back).
    void invalidate() noexcept { m_have_last = false; }
    /// Before changing a texture's pixels in place (SDL_UpdateTexture): it counts as new.
    void forget_texture(SDL_Texture* texture) noexcept;
    /// Off: every frame is painted whole, as before damage tracking (tests compare the two).
    void set_damage_tracking(bool on) noexcept
    {
        m_tracking = on;
        m_have_last = false;
    }

    /// What the last present() painted: pixels (counted once per operation drawn), the area
    /// and number of the rectangles repainted.
    struct FrameStats {
        std::uint64_t painted_px = 0;
        std::uint64_t damaged_px = 0; ///< area of the rectangles repainted
        std::uint64_t shifted_px = 0; ///< pixels moved instead of painted (scrolling)
        int regions = 0;
        int operations = 0;
    };
    [[nodiscard]] FrameStats const& last_frame_stats() const noexcept { return m_stats; }

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

    /// One recorded drawing call.
    struct Op {
        enum class Kind : std::uint8_t {
            fill,
            texture,
        };
        Kind kind = Kind::fill;
        bool blend = false; ///< fills: blended (alpha below 255) or written as is
        bool scaled = false; ///< textures: drawn at another size than their own
        Rect rect; ///< destination
        Rect clip; ///< effective clip (the whole canvas if none)
        Color color;
        SDL_Texture* texture = nullptr; ///< valid during this frame only
        std::uint64_t texture_id = 0; ///< what the last frame is compared by
        int group = -1; ///< index of the scroll group it was drawn in, or -1
        [[nodiscard]] Rect visible() const noexcept;
        [[nodiscard]] bool same_as(Op const& other) const noexcept;
        [[nodiscard]] bool before(Op const& other) const noexcept;
    };
    struct ScrollGroup {
        Rect viewport;
        int offset = 0;
        void const* key = nullptr;
    };

    void record(Op op);
    void execute(Op const& op, Rect const& within);
    void apply_clip(Rect const* clip);
    [[nodiscard]] Rect current_clip() const noexcept;
    [[nodiscard]] std::uint64_t texture_id(SDL_Texture* texture);
    void finish_frame();
    void shift_groups();
    void find_differences();
    void add_damage(Rect rect);
    void merge_damage();
    void insert_region(Rect rect);
    bool shift_pixels(Rect viewport, int dy);

    bool m_tracking = true;
    bool m_recording = false;
    bool m_have_last = false;
    std::vector<Op> m_ops;
    std::vector<Op> m_last_ops;
    std::vector<ScrollGroup> m_groups;
    std::vector<ScrollGroup> m_last_groups;
    std::vector<int> m_group_stack;
    std::vector<Rect> m_clips;
    std::vector<Rect> m_damage;
    std::vector<Rect> m_regions; ///< m_damage made disjoint
    std::vector<Rect> m_pieces;
    std::vector<Rect> m_scratch;
    std::vector<char> m_whole;
    std::vector<std::uint32_t> m_order_now;
    std::vector<std::uint32_t> m_order_last;
    std::vector<std::int32_t> m_match;
    FrameStats m_stats;

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
