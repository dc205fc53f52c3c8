// SPDX-License-Identifier: MIT
// Golden screenshots of the procedures flow with the sample catalog: search with results,
// "no results", browse by life event and by field, a group's list, and the detail screen, in
// vi and en, normal and large text, at 540x960 (as tests/ui/golden_test.cpp: 8-bit grey PNGs
// in tests/golden/ui/, prefix "procedures-"). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review.
#include "ui_harness.hpp"

#include "support/temp_dir.hpp"

#include <catalog/catalog_json.hpp>
#include <catalog/catalog_store.hpp>
#include <codes/qr_encoder.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::TempDir;
using kiosk::ui::test::UiHarness;

namespace {

// ZXing builds its tables on first use and keeps them: before main(), not inside a test.
struct WarmQrEncoder {
    WarmQrEncoder() { (void)kiosk::codes::QrEncoder::encode("warm up"); }
} const WARM_QR_ENCODER;

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

/// The frame in grey levels, row by row.
std::vector<std::uint8_t> grey_frame(UiHarness& h)
{
    auto const pixels = KIOSK_MUST(h.canvas().read_pixels());
    std::vector<std::uint8_t> out(pixels.size());
    for (std::size_t i = 0; i < pixels.size(); ++i)
        out[i] = grey(pixels[i]);
    return out;
}

bool save_grey(std::vector<std::uint8_t> const& frame, int w, int h, std::filesystem::path const& file)
{
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 8, SDL_PIXELFORMAT_INDEX8);
    SDL_Color colors[256];
    for (int i = 0; i < 256; ++i)
        colors[i] = { static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i), 255 };
    SDL_SetPaletteColors(surface->format->palette, colors, 0, 256);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            static_cast<std::uint8_t*>(surface->pixels)[y * surface->pitch + x]
                = frame[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
    bool const saved = IMG_SavePNG(surface, file.c_str()) == 0;
    SDL_FreeSurface(surface);
    return saved;
}

/// Empty when the frame matches golden @p name (or was written, when updating).
std::string compare_or_update(UiHarness& h, std::string const& name)
{
    h.settle();
    int const w = h.canvas().width();
    int const height = h.canvas().height();
    auto const actual = grey_frame(h);
    auto const file = golden_dir() / (name + ".png");
    if (updating())
        return save_grey(actual, w, height, file) ? std::string() : "cannot write " + file.string();
    SDL_Surface* loaded = IMG_Load(file.c_str());
    if (loaded == nullptr)
        return file.string() + " is missing (run with KIOSK_UPDATE_GOLDENS=1 and review)";
    SDL_Surface* golden = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    std::string problem;
    if (golden->w != w || golden->h != height) {
        problem = name + ": golden is " + std::to_string(golden->w) + "x" + std::to_string(golden->h);
    } else {
        long differing = 0;
        for (int y = 0; y < height; ++y) {
            auto const* row = reinterpret_cast<std::uint32_t const*>(
                static_cast<std::uint8_t const*>(golden->pixels) + static_cast<std::ptrdiff_t>(y) * golden->pitch);
            for (int x = 0; x < w; ++x) {
                int const a = grey(row[x]);
                int const b = actual[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
                if (a - b > CHANNEL_TOLERANCE || b - a > CHANNEL_TOLERANCE)
                    ++differing;
            }
        }
        if (static_cast<double>(differing) / (static_cast<double>(w) * height) > PIXEL_TOLERANCE) {
            auto const out_dir = std::filesystem::temp_directory_path() / "kiosk-golden-actual";
            std::filesystem::create_directories(out_dir);
            (void)save_grey(actual, w, height, out_dir / (name + ".png"));
            problem = name + ": " + std::to_string(differing) + " pixels differ; actual frame in "
                + (out_dir / (name + ".png")).string();
        }
    }
    SDL_FreeSurface(golden);
    return problem;
}

/// The sample catalog in a temporary SQLite file.
struct SampleCatalog {
    TempDir dir;
    std::unique_ptr<kiosk::catalog::CatalogStore> store;
    SampleCatalog()
    {
        auto parsed = KIOSK_MUST(kiosk::catalog::read_catalog_file(
            (std::filesystem::path(KIOSK_SOURCE_DIR) / "firmware/catalog/data/sample_catalog.json").string()));
        (void)KIOSK_MUST(kiosk::catalog::import_catalog(parsed, dir.path() / "catalog.sqlite"));
        store = KIOSK_MUST(kiosk::catalog::CatalogStore::open(dir.path() / "catalog.sqlite"));
    }
};

struct Route {
    char const* name;
    std::function<void(UiHarness&)> go;
};

void to_procedures(UiHarness& h)
{
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
}

std::vector<Route> routes()
{
    return {
        { "search",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("giay khai sinh");
            } },
        { "no_results",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("zqxwv");
            } },
        { "browse", [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
            } },
        { "browse_fields",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
                h.tap("Theo lĩnh vực");
            } },
        { "group",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
                h.tap("Sinh con");
            } },
        { "detail",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("khai sinh");
                h.tap("Đăng ký khai sinh");
            } },
    };
}

void check(Route const& route, bool english, bool large)
{
    SampleCatalog catalog;
    kiosk::ui::Services services;
    services.catalog = catalog.store.get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    route.go(h);
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    auto const name = std::string("procedures-") + route.name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(ProceduresGolden) {};

TEST(ProceduresGolden, EveryScreenVietnameseAndEnglish)
{
    for (auto const& route : routes()) {
        check(route, false, false);
        check(route, true, false);
    }
}

TEST(ProceduresGolden, SearchBrowseAndDetailInLargeText)
{
    for (auto const& route : routes()) {
        std::string const name = route.name;
        if (name == "search" || name == "browse" || name == "detail") {
            check(route, false, true);
            check(route, true, true);
        }
    }
}

TEST(ProceduresGolden, ADifferentFrameIsCaught)
{
    if (updating())
        return;
    SampleCatalog catalog;
    kiosk::ui::Services services;
    services.catalog = catalog.store.get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    routes()[0].go(h);
    auto const problem = compare_or_update(h, "procedures-detail-vi-normal");
    CHECK_TEXT(!problem.empty(), "the search frame matched the detail golden");
}
