// SPDX-License-Identifier: MIT
// Golden screenshots of the printing flow's screen ("the printer is out of paper, your receipt is
// kept"), in vi and en, normal and large text, at 540x960, as tests/ui/golden_test.cpp (8-bit
// grey PNGs in tests/golden/ui/, prefix "print-"). Regenerate with KIOSK_UPDATE_GOLDENS=1 and
// review the PNGs.
#include "ui_harness.hpp"

#include <ui/screens/print_waiting_screen.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::UiHarness;

namespace {

constexpr int CHANNEL_TOLERANCE = 24;
constexpr double PIXEL_TOLERANCE = 0.002;

std::filesystem::path golden_dir() { return std::filesystem::path(KIOSK_SOURCE_DIR) / "tests" / "golden" / "ui"; }

bool updating()
{
    char const* env = std::getenv("KIOSK_UPDATE_GOLDENS");
    return env != nullptr && std::string(env) == "1";
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

void check_waiting(std::string const& message_key, char const* what, bool english, bool large)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.ui().navigate({ kiosk::ui::NavRequest::Kind::push,
        [message_key] { return kiosk::ui::make_print_waiting_screen(message_key); } });
    h.settle();
    STRCMP_EQUAL("print_waiting", std::string(h.ui().screen_name()).c_str());
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    std::string const name
        = std::string("print-") + what + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
    // Never a trap: "Continue" is there in every setting and goes back home.
    h.tap(english ? "Continue" : "Tiếp tục");
    STRCMP_EQUAL("home", std::string(h.ui().screen_name()).c_str());
}

} // namespace

TEST_GROUP(PrintGolden) {};

TEST(PrintGolden, PaperOutInBothLanguagesNormalAndLarge)
{
    for (bool const english : { false, true })
        for (bool const large : { false, true })
            check_waiting("print.paper_out", "paper-out", english, large);
}

TEST(PrintGolden, CoverOpenAndOffline)
{
    check_waiting("print.cover_open", "cover-open", false, false);
    check_waiting("print.offline", "offline", true, false);
}
