// SPDX-License-Identifier: MIT
#include "golden_compare.hpp"

#include <kiosk/hal/result.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace kiosk::ui::test {

namespace {

    // A pixel differs when its grey level is off by more than this (font hinting noise).
    constexpr int CHANNEL_TOLERANCE = 24;
    // A frame matches when at most this share of its pixels differ.
    constexpr double PIXEL_TOLERANCE = 0.002;

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
            colors[i]
                = { static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), 255 };
        SDL_SetPaletteColors(surface->format->palette, colors, 0, 256);
        for (int y = 0; y < height; ++y) {
            auto* row = static_cast<std::uint8_t*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch;
            for (int x = 0; x < w; ++x)
                row[x] = grey(
                    pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]);
        }
        return surface;
    }

} // namespace

std::string compare_or_update(UiHarness& h, std::string const& name)
{
    h.settle();
    auto const file = golden_dir() / (name + ".png");
    if (updating_goldens()) {
        std::filesystem::create_directories(golden_dir());
        SDL_Surface* surface = grey_surface(h);
        int const saved = IMG_SavePNG(surface, file.c_str());
        SDL_FreeSurface(surface);
        return saved == 0 ? std::string() : "cannot write " + file.string();
    }
    SDL_Surface* actual_grey = grey_surface(h);
    std::vector<std::uint8_t> actual(
        static_cast<std::size_t>(actual_grey->w) * static_cast<std::size_t>(actual_grey->h));
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
            auto const* row = reinterpret_cast<std::uint32_t const*>(
                static_cast<std::uint8_t const*>(golden->pixels) + static_cast<std::ptrdiff_t>(y) * golden->pitch);
            for (int x = 0; x < golden->w; ++x) {
                int const a = grey(row[x]);
                int const b = actual[static_cast<std::size_t>(y) * static_cast<std::size_t>(golden->w)
                    + static_cast<std::size_t>(x)];
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

std::filesystem::path golden_dir() { return std::filesystem::path(KIOSK_SOURCE_DIR) / "tests" / "golden" / "ui"; }

bool updating_goldens()
{
    char const* env = std::getenv("KIOSK_UPDATE_GOLDENS"); // NOLINT(concurrency-mt-unsafe): read before threads start
    return env != nullptr && std::string(env) == "1";
}

} // namespace kiosk::ui::test
