// SPDX-License-Identifier: MIT
#include "ui/core/canvas.hpp"

#include <SDL_image.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <tuple>

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

namespace {

    std::atomic<std::uint64_t> NEXT_TEXTURE_ID { 1 };

    Rect bounding(Rect const& a, Rect const& b) noexcept
    {
        int const x = std::min(a.x, b.x);
        int const y = std::min(a.y, b.y);
        return { x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y };
    }

    bool empty(Rect const& r) noexcept { return r.w <= 0 || r.h <= 0; }

    bool covers(Rect const& outer, Rect const& inner) noexcept
    {
        return outer.x <= inner.x && outer.y <= inner.y && outer.right() >= inner.right()
            && outer.bottom() >= inner.bottom();
    }

    std::uint64_t area(Rect const& r) noexcept
    {
        return static_cast<std::uint64_t>(r.w) * static_cast<std::uint64_t>(r.h);
    }

    std::uint32_t packed(Color c) noexcept
    {
        return (std::uint32_t { c.r } << 24U) | (std::uint32_t { c.g } << 16U) | (std::uint32_t { c.b } << 8U) | c.a;
    }

    /// Damage rectangles kept apart before they are folded into one.
    constexpr std::size_t MAX_REGIONS = 64;

} // namespace

Rect Canvas::Op::visible() const noexcept { return intersection(rect, clip); }

bool Canvas::Op::same_as(Op const& o) const noexcept
{
    return kind == o.kind && blend == o.blend && rect == o.rect && clip == o.clip && color == o.color
        && texture_id == o.texture_id;
}

bool Canvas::Op::before(Op const& o) const noexcept
{
    auto key = [](Op const& op) {
        return std::make_tuple(op.kind, op.blend, op.rect.x, op.rect.y, op.rect.w, op.rect.h, op.clip.x, op.clip.y,
            op.clip.w, op.clip.h, packed(op.color), op.texture_id);
    };
    return key(*this) < key(o);
}

Rect Canvas::current_clip() const noexcept
{
    return m_clips.empty() ? Rect { 0, 0, m_width, m_height } : m_clips.back();
}

void Canvas::apply_clip(Rect const* clip)
{
    if (clip == nullptr) {
        SDL_RenderSetClipRect(m_renderer.get(), nullptr);
        return;
    }
    SDL_Rect const r { clip->x, clip->y, clip->w, clip->h };
    SDL_RenderSetClipRect(m_renderer.get(), &r);
}

std::uint64_t Canvas::texture_id(SDL_Texture* texture)
{
    // The id lives in the texture itself, so a new texture at a freed one's address is new.
    void* data = SDL_GetTextureUserData(texture);
    if (data != nullptr)
        return reinterpret_cast<std::uintptr_t>(data); // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    std::uint64_t const id = NEXT_TEXTURE_ID.fetch_add(1);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast,performance-no-int-to-ptr)
    SDL_SetTextureUserData(texture, reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
    return id;
}

void Canvas::forget_texture(SDL_Texture* texture) noexcept
{
    if (texture != nullptr)
        SDL_SetTextureUserData(texture, nullptr);
}

void Canvas::execute(Op const& op, Rect const& within)
{
    Rect const clip = intersection(op.clip, within);
    if (empty(clip))
        return;
    apply_clip(&clip);
    SDL_Rect const r { op.rect.x, op.rect.y, op.rect.w, op.rect.h };
    if (op.kind == Op::Kind::fill) {
        // Opaque fills skip blending: the software renderer's plain fill is several times faster.
        SDL_SetRenderDrawBlendMode(m_renderer.get(), op.blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(m_renderer.get(), op.color.r, op.color.g, op.color.b, op.color.a);
        SDL_RenderFillRect(m_renderer.get(), &r);
    } else {
        SDL_RenderCopy(m_renderer.get(), op.texture, nullptr, &r);
    }
    m_stats.painted_px += area(intersection(clip, op.rect));
    ++m_stats.operations;
}

void Canvas::record(Op op)
{
    op.clip = current_clip();
    if (empty(op.visible()))
        return;
    if (!m_recording) {
        // Outside a frame: drawn now, and the kept frame no longer matches its recording.
        m_have_last = false;
        execute(op, { 0, 0, m_width, m_height });
        Rect const clip = current_clip();
        apply_clip(m_clips.empty() ? nullptr : &clip);
        return;
    }
    op.group = m_group_stack.empty() ? -1 : m_group_stack.back();
    m_ops.push_back(op);
}

void Canvas::clear(Color color)
{
    m_clips.clear();
    m_group_stack.clear();
    if (!m_tracking) {
        apply_clip(nullptr);
        SDL_SetRenderDrawBlendMode(m_renderer.get(), SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(m_renderer.get(), color.r, color.g, color.b, color.a);
        SDL_RenderClear(m_renderer.get());
        return;
    }
    m_recording = true;
    m_ops.clear();
    m_groups.clear();
    Op op;
    op.rect = { 0, 0, m_width, m_height };
    op.color = color;
    op.blend = false;
    record(op);
}

void Canvas::fill_rect(Rect rect, Color color)
{
    Op op;
    op.rect = rect;
    op.color = color;
    op.blend = color.a != 255;
    record(op);
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
    if (texture == nullptr)
        return;
    Op op;
    op.kind = Op::Kind::texture;
    op.rect = destination;
    op.texture = texture;
    op.texture_id = texture_id(texture);
    int w = 0;
    int h = 0;
    SDL_QueryTexture(texture, nullptr, nullptr, &w, &h);
    op.scaled = w != destination.w || h != destination.h;
    record(op);
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
    m_clips.clear();
    if (clip != nullptr)
        m_clips.push_back(intersection(*clip, { 0, 0, m_width, m_height }));
    if (!m_recording) {
        Rect const current = current_clip();
        apply_clip(clip == nullptr ? nullptr : &current);
    }
}

void Canvas::push_clip(Rect clip)
{
    m_clips.push_back(intersection(clip, current_clip()));
    if (!m_recording)
        apply_clip(&m_clips.back());
}

void Canvas::pop_clip()
{
    if (!m_clips.empty())
        m_clips.pop_back();
    if (!m_recording) {
        Rect const current = current_clip();
        apply_clip(m_clips.empty() ? nullptr : &current);
    }
}

void Canvas::begin_scroll(Rect viewport, int offset_px, void const* key)
{
    push_clip(viewport);
    if (!m_recording)
        return;
    m_group_stack.push_back(static_cast<int>(m_groups.size()));
    m_groups.push_back({ current_clip(), offset_px, key });
}

void Canvas::end_scroll()
{
    if (m_recording && !m_group_stack.empty())
        m_group_stack.pop_back();
    pop_clip();
}

void Canvas::add_damage(Rect rect)
{
    rect = intersection(rect, { 0, 0, m_width, m_height });
    if (!empty(rect))
        m_damage.push_back(rect);
}

void Canvas::insert_region(Rect rect)
{
    // What of @p rect no region holds yet, in up to four pieces per region it overlaps: the
    // regions stay disjoint (no pixel blended twice) without growing into their bounding box.
    m_pieces.assign(1, rect);
    for (auto const& region : m_regions) {
        m_scratch.clear();
        for (auto const& p : m_pieces) {
            if (!p.intersects(region)) {
                m_scratch.push_back(p);
                continue;
            }
            if (p.y < region.y)
                m_scratch.push_back({ p.x, p.y, p.w, region.y - p.y });
            if (p.bottom() > region.bottom())
                m_scratch.push_back({ p.x, region.bottom(), p.w, p.bottom() - region.bottom() });
            int const top = std::max(p.y, region.y);
            int const bottom = std::min(p.bottom(), region.bottom());
            if (p.x < region.x)
                m_scratch.push_back({ p.x, top, region.x - p.x, bottom - top });
            if (p.right() > region.right())
                m_scratch.push_back({ region.right(), top, p.right() - region.right(), bottom - top });
        }
        std::swap(m_pieces, m_scratch);
        if (m_pieces.empty())
            return;
    }
    m_regions.insert(m_regions.end(), m_pieces.begin(), m_pieces.end());
}

void Canvas::merge_damage()
{
    m_regions.clear();
    if (m_damage.size() <= 4 * MAX_REGIONS)
        for (auto const& r : m_damage)
            insert_region(r);
    if (m_regions.size() > MAX_REGIONS || m_damage.size() > 4 * MAX_REGIONS) {
        Rect all = m_damage.front();
        for (auto const& r : m_damage)
            all = bounding(all, r);
        m_regions.assign(1, all);
    }
}

bool Canvas::shift_pixels(Rect viewport, int dy)
{
    if (!m_surface)
        return false;
    SDL_RenderFlush(m_renderer.get());
    SDL_Surface* surface = m_surface.get();
    if (SDL_MUSTLOCK(surface) && SDL_LockSurface(surface) != 0)
        return false;
    auto* pixels = static_cast<std::uint8_t*>(surface->pixels);
    auto const pitch = static_cast<std::size_t>(surface->pitch);
    auto const row_bytes = static_cast<std::size_t>(viewport.w) * 4U;
    auto const x_bytes = static_cast<std::size_t>(viewport.x) * 4U;
    auto row = [&](int y) { return pixels + static_cast<std::size_t>(y) * pitch + x_bytes; };
    if (dy > 0) {
        for (int y = viewport.bottom() - 1; y >= viewport.y + dy; --y)
            std::memmove(row(y), row(y - dy), row_bytes);
    } else {
        for (int y = viewport.y; y < viewport.bottom() + dy; ++y)
            std::memmove(row(y), row(y - dy), row_bytes);
    }
    if (SDL_MUSTLOCK(surface))
        SDL_UnlockSurface(surface);
    m_stats.shifted_px += static_cast<std::uint64_t>(viewport.w) * static_cast<std::uint64_t>(viewport.h - std::abs(dy));
    return true;
}

void Canvas::shift_groups()
{
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        ScrollGroup const& now = m_groups[g];
        Rect const view = now.viewport;
        int last_index = -1;
        for (std::size_t l = 0; l < m_last_groups.size(); ++l)
            if (m_last_groups[l].key == now.key && m_last_groups[l].viewport == view)
                last_index = static_cast<int>(l);
        if (last_index < 0)
            continue;
        int const dy = m_last_groups[static_cast<std::size_t>(last_index)].offset - now.offset;
        if (dy == 0 || std::abs(dy) >= view.h)
            continue;
        // Only a view that no other view overlaps (nested lists repaint instead).
        bool alone = true;
        for (std::size_t o = 0; o < m_groups.size(); ++o)
            alone = alone && (o == g || !m_groups[o].viewport.intersects(view));
        for (std::size_t o = 0; o < m_last_groups.size(); ++o)
            alone = alone && (static_cast<int>(o) == last_index || !m_last_groups[o].viewport.intersects(view));
        if (!alone || !shift_pixels(view, dy))
            continue;
        // What came into view is new.
        if (dy > 0)
            add_damage({ view.x, view.y, view.w, dy });
        else
            add_damage({ view.x, view.bottom() + dy, view.w, -dy });
        for (auto& op : m_last_ops) {
            Rect const seen = intersection(op.visible(), view);
            if (empty(seen))
                continue;
            if (op.group == last_index) {
                // The view's content moved with the pixels; a clip of its own moves too.
                op.rect.y += dy;
                if (!(op.clip == view))
                    op.clip = intersection({ op.clip.x, op.clip.y + dy, op.clip.w, op.clip.h }, view);
                // A scaled texture cut by the view's edge samples differently once cut elsewhere.
                if (op.scaled && !covers(op.clip, op.rect))
                    add_damage(op.visible());
                continue;
            }
            // A fill over the whole view looks the same shifted; anything else in the view
            // (the scroll bar, a dialog over the list) is now wrong where it was and where it went.
            if (op.kind == Op::Kind::fill && covers(op.visible(), view))
                continue;
            add_damage(seen);
            add_damage(intersection({ seen.x, seen.y + dy, seen.w, seen.h }, view));
        }
    }
}

void Canvas::find_differences()
{
    auto sorted = [](std::vector<Op> const& ops, std::vector<std::uint32_t>& order) {
        order.resize(ops.size());
        for (std::size_t i = 0; i < ops.size(); ++i)
            order[i] = static_cast<std::uint32_t>(i);
        std::sort(order.begin(), order.end(), [&ops](std::uint32_t a, std::uint32_t b) {
            if (ops[a].before(ops[b]))
                return true;
            if (ops[b].before(ops[a]))
                return false;
            return a < b;
        });
    };
    sorted(m_ops, m_order_now);
    sorted(m_last_ops, m_order_last);
    m_match.assign(m_ops.size(), -1);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < m_order_now.size() || j < m_order_last.size()) {
        if (j == m_order_last.size()) {
            add_damage(m_ops[m_order_now[i++]].visible());
        } else if (i == m_order_now.size()) {
            add_damage(m_last_ops[m_order_last[j++]].visible());
        } else {
            Op const& now = m_ops[m_order_now[i]];
            Op const& last = m_last_ops[m_order_last[j]];
            if (now.before(last)) {
                add_damage(now.visible());
                ++i;
            } else if (last.before(now)) {
                add_damage(last.visible());
                ++j;
            } else {
                m_match[m_order_now[i]] = static_cast<std::int32_t>(m_order_last[j]);
                ++i;
                ++j;
            }
        }
    }
    // Two operations drawn in the other order than last time: the later one is repainted
    // (wherever they overlap, it is the later one's area).
    std::int32_t highest = -1;
    for (std::size_t k = 0; k < m_ops.size(); ++k) {
        std::int32_t const was = m_match[k];
        if (was < 0)
            continue;
        if (was < highest)
            add_damage(m_ops[k].visible());
        else
            highest = was;
    }
}

void Canvas::finish_frame()
{
    m_recording = false;
    m_stats = {};
    m_damage.clear();
    Rect const whole { 0, 0, m_width, m_height };
    if (!m_have_last) {
        add_damage(whole);
    } else {
        shift_groups();
        find_differences();
    }
    merge_damage();
    // A scaled texture cut by a region would sample its source at other places than when it
    // is drawn whole: such a texture is repainted whole, in one go (the regions grow to hold it).
    m_whole.assign(m_ops.size(), 0);
    bool grew = !m_damage.empty();
    while (grew) {
        grew = false;
        for (std::size_t i = 0; i < m_ops.size(); ++i) {
            if (!m_ops[i].scaled || m_whole[i] != 0)
                continue;
            Rect const seen = m_ops[i].visible();
            bool const touched = std::any_of(
                m_regions.begin(), m_regions.end(), [&seen](Rect const& region) { return seen.intersects(region); });
            if (!touched)
                continue;
            m_whole[i] = 1;
            m_damage.push_back(seen);
            insert_region(seen);
            grew = true;
        }
    }
    m_stats.regions = static_cast<int>(m_regions.size());
    for (auto const& region : m_regions)
        m_stats.damaged_px += area(region);
    // Operation by operation (each over every region it touches), so that a texture drawn whole
    // still lands on top of what came before it and under what comes after.
    for (std::size_t i = 0; i < m_ops.size(); ++i) {
        Op const& op = m_ops[i];
        Rect const seen = op.visible();
        if (m_whole[i] != 0) {
            execute(op, seen);
            continue;
        }
        for (auto const& region : m_regions)
            if (seen.intersects(region))
                execute(op, region);
    }
    apply_clip(nullptr);
    m_clips.clear();
    m_group_stack.clear();
    std::swap(m_ops, m_last_ops);
    std::swap(m_groups, m_last_groups);
    m_have_last = true;
}

void Canvas::present()
{
    if (m_recording)
        finish_frame();
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
