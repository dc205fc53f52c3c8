// SPDX-License-Identifier: MIT
// Golden screenshots of every screen in vi and en, the main ones in large text too, and two in
// high contrast, at 540x960 (half of the sim board's 1080x1920 at half its density: the same
// layout). Stored as 8-bit grey PNGs to keep the repository light (colours are held by the
// contrast test). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review the PNGs like code.
#include "ui_harness.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::UiHarness;

namespace {

/// A channel differing by more than this marks the pixel as different (font rendering noise).
constexpr int CHANNEL_TOLERANCE = 24;
/// Share of pixels allowed to differ.
constexpr double PIXEL_TOLERANCE = 0.002;

std::filesystem::path golden_dir() { return std::filesystem::path(KIOSK_SOURCE_DIR) / "tests" / "golden" / "ui"; }

bool updating()
{
    char const* env = std::getenv("KIOSK_UPDATE_GOLDENS");
    return env != nullptr && std::string(env) == "1";
}

struct Route {
    char const* screen;
    std::function<void(UiHarness&)> go;
};

void start(UiHarness& h) { h.tap(h.can_tap("Touch here to start") ? "Touch here to start" : "Chạm vào đây để bắt đầu"); }

std::vector<Route> routes()
{
    return {
        { "attract", [](UiHarness&) {} },
        { "home", [](UiHarness& h) { start(h); } },
        { "procedures",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu thủ tục");
            } },
        { "procedure_search",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu thủ tục");
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("khai sinh");
            } },
        { "procedure_browse",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu thủ tục");
                h.tap("Xem theo sự kiện trong đời");
            } },
        { "dossier_entry",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu hồ sơ");
                h.ui().type_text("000.00.15.H56-250701-0001");
            } },
        { "dossier_invalid",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu hồ sơ");
                h.ui().type_text("AB");
                h.tap("Tra cứu");
            } },
        { "error",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu hồ sơ");
                h.ui().type_text("000.00.15.H56-250701-0001");
                h.tap("Tra cứu");
            } },
        { "id_entry",
            [](UiHarness& h) {
                start(h);
                h.tap("Dùng thẻ Căn cước gắn chip");
                h.ui().type_text("0381870");
            } },
        { "id_place_card",
            [](UiHarness& h) {
                start(h);
                h.tap("Dùng thẻ Căn cước gắn chip");
                h.ui().type_text("038187004512");
                h.tap("Tiếp tục");
            } },
        { "idle",
            [](UiHarness& h) {
                start(h);
                h.advance(90'000);
            } },
    };
}

void apply_settings(UiHarness& h, bool english, bool large, bool contrast)
{
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    if (contrast)
        h.tap(english ? "Contrast" : "Tương phản");
}

std::uint8_t grey(std::uint32_t argb)
{
    unsigned const r = (argb >> 16U) & 0xFFU;
    unsigned const g = (argb >> 8U) & 0xFFU;
    unsigned const b = argb & 0xFFU;
    return static_cast<std::uint8_t>((r * 299U + g * 587U + b * 114U) / 1000U);
}

// The frame as an 8-bit grey surface (a palette of 256 greys).
SDL_Surface* grey_surface(UiHarness& h)
{
    auto const pixels = KIOSK_MUST(h.canvas().read_pixels());
    int const w = h.canvas().width();
    int const height = h.canvas().height();
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, height, 8, SDL_PIXELFORMAT_INDEX8);
    SDL_Color colors[256];
    for (int i = 0; i < 256; ++i)
        colors[i] = { static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), 255 };
    SDL_SetPaletteColors(surface->format->palette, colors, 0, 256);
    for (int y = 0; y < height; ++y) {
        auto* row = static_cast<std::uint8_t*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch;
        for (int x = 0; x < w; ++x)
            row[x] = grey(pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]);
    }
    return surface;
}

std::string compare_or_update(UiHarness& h, std::string const& name)
{
    h.settle();
    auto const file = golden_dir() / (name + ".png");
    if (updating()) {
        std::filesystem::create_directories(golden_dir());
        SDL_Surface* surface = grey_surface(h);
        int const saved = IMG_SavePNG(surface, file.c_str());
        SDL_FreeSurface(surface);
        return saved == 0 ? std::string() : "cannot write " + file.string();
    }
    SDL_Surface* actual_grey = grey_surface(h);
    std::vector<std::uint8_t> actual(static_cast<std::size_t>(actual_grey->w) * static_cast<std::size_t>(actual_grey->h));
    for (int y = 0; y < actual_grey->h; ++y)
        for (int x = 0; x < actual_grey->w; ++x)
            actual[static_cast<std::size_t>(y) * static_cast<std::size_t>(actual_grey->w) + static_cast<std::size_t>(x)]
                = static_cast<std::uint8_t const*>(actual_grey->pixels)[y * actual_grey->pitch + x];
    SDL_Surface* loaded = IMG_Load(file.c_str());
    if (loaded == nullptr) {
        SDL_FreeSurface(actual_grey);
        return file.string() + " is missing (run with KIOSK_UPDATE_GOLDENS=1 and review)";
    }
    SDL_Surface* golden = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    std::string problem;
    if (golden->w != h.canvas().width() || golden->h != h.canvas().height()) {
        problem = name + ": golden is " + std::to_string(golden->w) + "x" + std::to_string(golden->h);
    } else {
        long differing = 0;
        for (int y = 0; y < golden->h; ++y) {
            auto const* row = reinterpret_cast<std::uint32_t const*>(static_cast<std::uint8_t const*>(golden->pixels) + static_cast<std::ptrdiff_t>(y) * golden->pitch);
            for (int x = 0; x < golden->w; ++x) {
                int const a = grey(row[x]);
                int const b = actual[static_cast<std::size_t>(y) * static_cast<std::size_t>(golden->w) + static_cast<std::size_t>(x)];
                if (a - b > CHANNEL_TOLERANCE || b - a > CHANNEL_TOLERANCE)
                    ++differing;
            }
        }
        double const share = static_cast<double>(differing) / (static_cast<double>(golden->w) * golden->h);
        if (share > PIXEL_TOLERANCE) {
            auto const out_dir = std::filesystem::temp_directory_path() / "kiosk-golden-actual";
            std::filesystem::create_directories(out_dir);
            (void)IMG_SavePNG(actual_grey, (out_dir / (name + ".png")).c_str());
            problem = name + ": " + std::to_string(differing) + " pixels differ; actual frame in "
                + (out_dir / (name + ".png")).string();
        }
    }
    SDL_FreeSurface(golden);
    SDL_FreeSurface(actual_grey);
    return problem;
}

void check_screen(Route const& route, bool english, bool large, bool contrast, char const* suffix)
{
    UiHarness h;
    // The idle dialog is modal: choose the settings before it opens.
    bool const modal = std::string(route.screen) == "idle";
    if (modal)
        apply_settings(h, english, large, contrast);
    route.go(h);
    if (!modal)
        apply_settings(h, english, large, contrast);
    std::string const name = std::string(route.screen) + "-" + (english ? "en" : "vi") + "-" + suffix;
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(GoldenScreens) {};

TEST(GoldenScreens, EveryScreenVietnameseNormal)
{
    for (auto const& route : routes())
        check_screen(route, false, false, false, "normal");
}

TEST(GoldenScreens, EveryScreenEnglishNormal)
{
    for (auto const& route : routes())
        check_screen(route, true, false, false, "normal");
}

namespace {
bool in_large_set(std::string const& screen)
{
    return screen == "home" || screen == "dossier_entry" || screen == "error" || screen == "id_entry"
        || screen == "idle";
}
} // namespace

TEST(GoldenScreens, MainScreensVietnameseLarge)
{
    for (auto const& route : routes())
        if (in_large_set(route.screen))
            check_screen(route, false, true, false, "large");
}

TEST(GoldenScreens, MainScreensEnglishLarge)
{
    for (auto const& route : routes())
        if (in_large_set(route.screen))
            check_screen(route, true, true, false, "large");
}

TEST(GoldenScreens, HighContrast)
{
    check_screen(routes()[1], false, false, true, "contrast");
    check_screen(routes()[5], true, true, true, "contrast");
}

TEST(GoldenScreens, ADifferentFrameIsCaught)
{
    if (updating())
        return;
    // The comparison itself must be able to fail: the attract frame is not the home golden.
    UiHarness h;
    auto const problem = compare_or_update(h, "home-vi-normal");
    CHECK_TEXT(!problem.empty(), "the attract frame matched the home golden");
}
