// SPDX-License-Identifier: MIT
// The canvas paints only what changed: every frame it leaves on the surface is the same,
// pixel for pixel, as the frame painted whole (damage tracking off), over random scenes that
// change a little each frame (fills with and without alpha, textures with alpha, clips,
// scrolled views, reordering, textures replaced at the same place; KIOSK_CANVAS_SEED picks
// another scene); and a frame that draws
// what the last one drew paints nothing.
#include "ui/core/canvas.hpp"
#include "ui/core/sdl_library.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <array>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::Canvas;
using kiosk::ui::Color;
using kiosk::ui::Rect;
using kiosk::ui::SdlLibrary;
using kiosk::ui::TexturePtr;
using kiosk::ui::VideoMode;

namespace {

constexpr int W = 160;
constexpr int H = 120;

/// A texture with an alpha ramp (blending differs per pixel), made for one canvas's renderer.
TexturePtr make_texture(Canvas& canvas, int w, int h, std::uint8_t shade)
{
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    auto* pixels = static_cast<std::uint32_t*>(surface->pixels);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto const alpha = static_cast<std::uint32_t>((x * 255) / std::max(1, w - 1));
            pixels[y * (surface->pitch / 4) + x] = (alpha << 24U) | (std::uint32_t { shade } << 16U)
                | (static_cast<std::uint32_t>(y * 7 % 256) << 8U) | 0x40U;
        }
    TexturePtr texture(SDL_CreateTextureFromSurface(canvas.renderer(), surface));
    SDL_FreeSurface(surface);
    return texture;
}

struct Item {
    enum class Kind {
        fill,
        texture,
        round,
    };
    Kind kind = Kind::fill;
    Rect rect;
    Color color;
    int texture = 0;
    bool in_list = false; ///< drawn inside the scrolled view (content coordinates)
    bool clipped = false; ///< drawn inside a clip of its own
};

struct Scene {
    std::vector<Item> items;
    Rect view { 20, 10, 100, 90 };
    int offset = 0;
    Color background { 250, 248, 240, 255 };
};

/// Both canvases' textures for one index.
struct TexturePair {
    TexturePtr tracked;
    TexturePtr whole;
};

void draw(Canvas& canvas, Scene const& scene, std::vector<TexturePair> const& textures, bool tracked)
{
    canvas.clear(scene.background);
    auto one = [&](Item const& item, int dy) {
        Rect r = item.rect;
        r.y += dy;
        if (item.clipped)
            canvas.push_clip({ r.x + 2, r.y + 2, r.w / 2 + 1, r.h / 2 + 1 });
        switch (item.kind) {
        case Item::Kind::fill:
            canvas.fill_rect(r, item.color);
            break;
        case Item::Kind::round:
            canvas.fill_round_rect(r, 5, item.color);
            break;
        case Item::Kind::texture: {
            auto const& pair = textures[static_cast<std::size_t>(item.texture)];
            if (r.w == 0) {
                // Drawn at the texture's own size.
                SDL_QueryTexture(pair.tracked.get(), nullptr, nullptr, &r.w, &r.h);
            }
            canvas.draw_texture(tracked ? pair.tracked.get() : pair.whole.get(), r);
            break;
        }
        }
        if (item.clipped)
            canvas.pop_clip();
    };
    for (auto const& item : scene.items)
        if (!item.in_list)
            one(item, 0);
    canvas.begin_scroll(scene.view, scene.offset, &scene);
    for (auto const& item : scene.items)
        if (item.in_list)
            one({ item.kind, { item.rect.x + scene.view.x, item.rect.y + scene.view.y, item.rect.w, item.rect.h },
                    item.color, item.texture, true, item.clipped },
                -scene.offset);
    canvas.end_scroll();
    // A scroll bar over the view, drawn after it, like ScrollView's.
    canvas.fill_rect({ scene.view.right() - 4, scene.view.y + scene.offset / 4, 4, 12 }, { 90, 90, 90, 255 });
    canvas.present();
}

Item random_item(std::mt19937& random)
{
    std::uniform_int_distribution<int> coordinate(-20, 170);
    std::uniform_int_distribution<int> size(1, 70);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> pick(0, 9);
    Item item;
    int const kind = pick(random);
    item.kind = kind < 4 ? Item::Kind::fill : (kind < 8 ? Item::Kind::texture : Item::Kind::round);
    // Textures mostly at their own size (text), some scaled (a photo).
    if (item.kind == Item::Kind::texture && pick(random) < 7)
        item.rect.w = 0;
    item.rect = { coordinate(random), coordinate(random), size(random), size(random) };
    auto const alpha = static_cast<std::uint8_t>(pick(random) < 5 ? 255 : byte(random));
    item.color = { static_cast<std::uint8_t>(byte(random)), static_cast<std::uint8_t>(byte(random)),
        static_cast<std::uint8_t>(byte(random)), alpha };
    item.texture = pick(random) % 3;
    item.in_list = pick(random) < 5;
    item.clipped = pick(random) == 0;
    return item;
}

std::string first_difference(std::vector<std::uint32_t> const& a, std::vector<std::uint32_t> const& b)
{
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return "pixel " + std::to_string(i % W) + "," + std::to_string(i / W) + ": " + std::to_string(a[i]) + " vs "
                + std::to_string(b[i]);
    return {};
}

} // namespace

TEST_GROUP(Canvas)
{
    std::unique_ptr<SdlLibrary> sdl;
    void setup() override { sdl = KIOSK_MUST(SdlLibrary::open(VideoMode::headless)); }
    void teardown() override { sdl.reset(); }
};

TEST(Canvas, TrackedFramesEqualFramesPaintedWholeOverRandomChanges)
{
    auto tracked = KIOSK_MUST(Canvas::create_headless(W, H));
    auto whole = KIOSK_MUST(Canvas::create_headless(W, H));
    whole->set_damage_tracking(false);
    std::vector<TexturePair> textures;
    textures.reserve(3);
    for (int i = 0; i < 3; ++i)
        textures.push_back({ make_texture(*tracked, 20 + 9 * i, 14 + 5 * i, static_cast<std::uint8_t>(60 * i)),
            make_texture(*whole, 20 + 9 * i, 14 + 5 * i, static_cast<std::uint8_t>(60 * i)) });
    char const* seed_text = std::getenv("KIOSK_CANVAS_SEED");
    std::mt19937 random(seed_text == nullptr ? 20251202U : static_cast<unsigned>(std::strtoul(seed_text, nullptr, 10)));
    Scene scene;
    for (int i = 0; i < 25; ++i)
        scene.items.push_back(random_item(random));
    std::uniform_int_distribution<int> change(0, 99);
    std::uint64_t painted = 0;
    std::uint64_t shifted = 0;
    for (int frame = 0; frame < 400; ++frame) {
        int const c = change(random);
        auto index = [&] {
            return static_cast<std::size_t>(std::uniform_int_distribution<int>(
                0, static_cast<int>(scene.items.size()) - 1)(random));
        };
        if (c < 30) {
            scene.offset = std::clamp(scene.offset + std::uniform_int_distribution<int>(-25, 25)(random), 0, 140);
        } else if (c < 45) {
            scene.items[index()].rect.x += std::uniform_int_distribution<int>(-3, 3)(random);
        } else if (c < 55) {
            scene.items[index()].color.g ^= 0x55U;
        } else if (c < 65) {
            std::swap(scene.items[index()], scene.items[index()]);
        } else if (c < 72) {
            scene.items[index()] = random_item(random);
        } else if (c < 77 && scene.items.size() > 5) {
            scene.items.erase(scene.items.begin() + static_cast<std::ptrdiff_t>(index()));
        } else if (c < 82) {
            scene.items.push_back(random_item(random));
        } else if (c < 86) {
            // The same picture in a new texture (a text cache cleared and filled again).
            auto& pair = textures[static_cast<std::size_t>(c % 3)];
            pair.tracked = make_texture(*tracked, 20 + 9 * (c % 3), 14 + 5 * (c % 3), static_cast<std::uint8_t>(c));
            pair.whole = make_texture(*whole, 20 + 9 * (c % 3), 14 + 5 * (c % 3), static_cast<std::uint8_t>(c));
        } else if (c < 88) {
            scene.background.b ^= 0x0FU;
        }
        // else: nothing changed at all.
        draw(*tracked, scene, textures, true);
        draw(*whole, scene, textures, false);
        painted += tracked->last_frame_stats().damaged_px;
        shifted += tracked->last_frame_stats().shifted_px;
        auto const a = KIOSK_MUST(tracked->read_pixels());
        auto const b = KIOSK_MUST(whole->read_pixels());
        std::string const where = "frame " + std::to_string(frame) + " change " + std::to_string(c) + " "
            + first_difference(a, b);
        CHECK_TEXT(a == b, where.c_str());
        if (a != b)
            return;
    }
    // It did skip work: far less than every pixel of every frame was painted, and scrolling
    // moved pixels instead of painting them.
    CHECK(painted < std::uint64_t { 400 } * W * H / 2);
    CHECK(shifted > 0);
}

TEST(Canvas, TheSameFrameAgainPaintsNothing)
{
    auto canvas = KIOSK_MUST(Canvas::create_headless(W, H));
    auto texture = make_texture(*canvas, 30, 20, 100);
    auto frame = [&](Color box) {
        canvas->clear({ 255, 255, 255, 255 });
        canvas->fill_rect({ 10, 10, 50, 40 }, box);
        canvas->draw_texture(texture.get(), { 70, 20, 30, 20 });
        canvas->present();
    };
    frame({ 0, 0, 200, 255 });
    CHECK(canvas->last_frame_stats().painted_px >= static_cast<std::uint64_t>(W * H));
    frame({ 0, 0, 200, 255 });
    LONGS_EQUAL(0, static_cast<long>(canvas->last_frame_stats().painted_px));
    LONGS_EQUAL(0, canvas->last_frame_stats().regions);
    // One box changes colour: only its rectangle is painted (the background and the box).
    frame({ 200, 0, 0, 255 });
    LONGS_EQUAL(1, canvas->last_frame_stats().regions);
    LONGS_EQUAL(2 * 50 * 40, static_cast<long>(canvas->last_frame_stats().painted_px));
    auto const pixels = KIOSK_MUST(canvas->read_pixels());
    LONGS_EQUAL(0xFFC80000, pixels[20 * W + 20]);
}

TEST(Canvas, ScrollingMovesPixelsAndPaintsOnlyWhatCameIntoView)
{
    auto canvas = KIOSK_MUST(Canvas::create_headless(W, H));
    Rect const view { 0, 0, W, H };
    auto frame = [&](int offset) {
        canvas->clear({ 255, 255, 255, 255 });
        canvas->begin_scroll(view, offset, canvas.get());
        for (int row = 0; row < 40; ++row)
            canvas->fill_rect({ 4, row * 20 - offset, W - 8, 16 },
                { static_cast<std::uint8_t>(row * 6), 40, static_cast<std::uint8_t>(250 - row * 6), 255 });
        canvas->end_scroll();
        canvas->present();
    };
    frame(0);
    frame(10);
    auto const& stats = canvas->last_frame_stats();
    LONGS_EQUAL(W * (H - 10), static_cast<long>(stats.shifted_px));
    // The 10 rows that came into view: background and the parts of rows in them.
    CHECK(stats.painted_px <= static_cast<std::uint64_t>(2 * W * 10));
    auto const pixels = KIOSK_MUST(canvas->read_pixels());
    // Row 5 (y 100..115) is now at y 90..105.
    LONGS_EQUAL(0xFF1E28DC, pixels[95 * W + 50]);
}

TEST(Canvas, DrawingOutsideAFrameMakesTheNextOnePaintEverything)
{
    auto canvas = KIOSK_MUST(Canvas::create_headless(W, H));
    canvas->clear({ 255, 255, 255, 255 });
    canvas->present();
    canvas->fill_rect({ 0, 0, 10, 10 }, { 0, 0, 0, 255 }); // immediate: no clear() first
    auto pixels = KIOSK_MUST(canvas->read_pixels());
    LONGS_EQUAL(0xFF000000, pixels[0]);
    canvas->clear({ 255, 255, 255, 255 });
    canvas->present();
    LONGS_EQUAL(W * H, static_cast<long>(canvas->last_frame_stats().painted_px));
    pixels = KIOSK_MUST(canvas->read_pixels());
    LONGS_EQUAL(0xFFFFFFFF, pixels[0]);
}
