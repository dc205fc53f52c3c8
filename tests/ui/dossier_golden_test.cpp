// SPDX-License-Identifier: MIT
// Golden screenshots of the dossier result screen (vi and en, normal and large text, 540x960),
// built from status::Dossier values in process: no network. The comparison is golden_test.cpp's
// (8-bit grey PNGs in tests/golden/ui/, dossier_result* files). Regenerate with
// KIOSK_UPDATE_GOLDENS=1 and review the PNGs like code.
#include "ui_harness.hpp"

#include <status/dossier_lookup.hpp>
#include <status/holiday_calendar.hpp>
#include <ui/screens/screens.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::status::Dossier;
using kiosk::status::DossierState;
using kiosk::status::StepKind;
using kiosk::ui::test::UiHarness;

namespace {

// The built-in holiday calendar is made once, on first use: before the leak checker looks.
[[maybe_unused]] kiosk::status::HolidayCalendar const& BUILT_IN = kiosk::status::HolidayCalendar::vietnam();

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

kiosk::status::Date day(int y, int m, int d) { return *kiosk::status::make_date(y, m, d); }

/// An overdue dossier of a procedure handled by another agency, with a fee (the harness's day is
/// 2025-07-01).
Dossier overdue_dossier()
{
    Dossier d;
    d.code = "H40.50-DEMO-0009";
    d.procedure_code = "1.004222";
    d.procedure_name = "Cấp phiếu lý lịch tư pháp";
    d.state = DossierState::in_progress;
    d.received = day(2025, 6, 13);
    d.due = day(2025, 6, 27);
    d.receiving_agency = "Trung tâm Phục vụ hành chính công phường Sài Gòn";
    d.handling_agency = "Sở Tư pháp TP. Hồ Chí Minh";
    d.fee = kiosk::status::Fee { 200000, true };
    d.timeline = { { day(2025, 6, 13), StepKind::received, d.receiving_agency, "" },
        { day(2025, 6, 16), StepKind::transferred, d.handling_agency, "chuyển xử lý" },
        { day(2025, 6, 16), StepKind::processing, d.handling_agency, "thẩm định hồ sơ" } };
    return d;
}

Dossier ready_dossier()
{
    Dossier d = overdue_dossier();
    d.state = DossierState::result_ready;
    d.timeline.push_back({ day(2025, 7, 1), StepKind::result_ready, d.handling_agency, "" });
    return d;
}

/// Receipts go nowhere (tests only): the print button shows.
class NullPrintService final : public kiosk::ui::PrintService {
public:
    void print(kiosk::hal::ReceiptDocument) override { }
};

void check_result(Dossier dossier, kiosk::status::Source source, bool english, bool large, std::string const& name)
{
    NullPrintService printer;
    kiosk::ui::Services services;
    services.printer = &printer;
    UiHarness h({ 540, 960, 0, 51 }, {}, services);
    h.tap("Chạm vào đây để bắt đầu");
    // Cached at 10:42 in Viet Nam on the harness's day.
    auto const as_of = source == kiosk::status::Source::cache
        ? std::chrono::sys_days(day(2025, 7, 1)) + std::chrono::hours(3) + std::chrono::minutes(42)
        : h.clock().wall_now();
    h.ui().session().dossier_result = kiosk::status::LookupResult { std::move(dossier), source, as_of, std::nullopt };
    h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, [] { return kiosk::ui::make_dossier_result_screen(); } });
    h.settle();
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    auto const file = name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, file);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(DossierGoldens) {};

TEST(DossierGoldens, OverdueResultVietnameseAndEnglishNormalAndLarge)
{
    for (bool const english : { false, true })
        for (bool const large : { false, true })
            check_result(overdue_dossier(), kiosk::status::Source::live, english, large, "dossier_result");
}

TEST(DossierGoldens, CachedReadyResult)
{
    for (bool const english : { false, true })
        check_result(ready_dossier(), kiosk::status::Source::cache, english, false, "dossier_result_cached");
}
