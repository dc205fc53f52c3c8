// SPDX-License-Identifier: MIT
// Golden screenshots of the chip-ID flow's screens, built in process from a fixed persona's card
// files (hoa, signed by the test PKI, read back through the same code the card worker uses):
// "chip verified" with name and photo, a card that is not verified, and the citizen's dossier
// list, in vi and en, normal and large text, at 540x960 (as tests/ui/golden_test.cpp: 8-bit
// grey PNGs in tests/golden/ui/, prefix "chip-"). Regenerate with KIOSK_UPDATE_GOLDENS=1.
#include "ui_harness.hpp"

#include <id/emul/card_files.hpp>
#include <id/emul/test_pki.hpp>
#include <id/persona.hpp>
#include <status/gateway_client.hpp>
#include <ui/app/card_worker.hpp>
#include <ui/screens/screens.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
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
                int const b
                    = actual[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
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

/// What the worker would put in the session for @p persona's card (a fixed "today").
kiosk::ui::CitizenCard card_of(char const* persona)
{
    auto pki = KIOSK_MUST(kiosk::id::TestPki::create());
    auto files = KIOSK_MUST(kiosk::id::build_card_files(*kiosk::id::find_persona(persona), pki));
    kiosk::id::ChipSession session;
    session.set_file(kiosk::id::LdsFile::com, files.ef_com);
    session.set_file(kiosk::id::LdsFile::dg1, files.dg1);
    session.set_file(kiosk::id::LdsFile::dg2, files.dg2);
    session.set_file(kiosk::id::LdsFile::dg13, files.dg13);
    session.set_file(kiosk::id::LdsFile::sod, files.sod);
    kiosk::id::TrustStore trust;
    KIOSK_MUST(trust.add_pem(pki.csca_pem()));
    return KIOSK_MUST(kiosk::ui::citizen_card_from_chip(session, &trust, "2026-12-01"));
}

/// The three demo dossiers of the first persona, as the gateway's demo data has them (shape).
std::vector<kiosk::status::Dossier> demo_dossiers()
{
    std::vector<kiosk::status::Dossier> list(3);
    list[0].code = "H40.50-CD01-0001";
    list[0].procedure_name = "Đăng ký khai sinh";
    list[0].state = kiosk::status::DossierState::in_progress;
    list[1].code = "H40.50-CD01-0002";
    list[1].procedure_name = "Cấp giấy xác nhận tình trạng hôn nhân";
    list[1].state = kiosk::status::DossierState::result_ready;
    list[2].code = "H40.50-CD01-0003";
    list[2].procedure_code = "1.001193";
    list[2].state = kiosk::status::DossierState::supplement_requested;
    return list;
}

struct Route {
    char const* name;
    std::function<void(UiHarness&)> go;
};

std::vector<Route> routes()
{
    auto to_screen = [](UiHarness& h, std::unique_ptr<kiosk::ui::Screen> (*make)()) {
        h.tap(h.can_tap("Touch here to start") ? "Touch here to start" : "Chạm vào đây để bắt đầu");
        h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, make });
        h.settle();
    };
    return {
        { "verified",
            [to_screen](UiHarness& h) {
                h.ui().session().chip.card = card_of("hoa");
                to_screen(h, &kiosk::ui::make_chip_verified_screen);
            } },
        { "not-verified",
            [to_screen](UiHarness& h) {
                h.ui().session().chip.card = card_of("tampered");
                to_screen(h, &kiosk::ui::make_chip_verified_screen);
            } },
        { "dossiers",
            [to_screen](UiHarness& h) {
                auto& chip = h.ui().session().chip;
                chip.card = card_of("hoa");
                chip.dossiers.loaded = true;
                chip.dossiers.list = demo_dossiers();
                to_screen(h, &kiosk::ui::make_citizen_dossiers_screen);
            } },
    };
}

void check(Route const& route, bool english, bool large)
{
    // A client that is never called (the list is in the session already): the screens only need
    // to know the kiosk has a gateway.
    kiosk::status::ClientOptions client;
    client.base_url = "http://127.0.0.1:9";
    auto gateway = kiosk::status::GatewayClient::create(client);
    CHECK(gateway.has_value());
    kiosk::ui::Services services;
    services.gateway = gateway->get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    route.go(h);
    auto const name
        = std::string("chip-") + route.name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(ChipGolden) {};

TEST(ChipGolden, VerifiedNotVerifiedAndDossiersInVietnameseAndEnglish)
{
    for (auto const& route : routes())
        for (bool const english : { false, true })
            check(route, english, false);
}

TEST(ChipGolden, VerifiedAndDossiersInLargeText)
{
    for (auto const& route : routes())
        for (bool const english : { false, true })
            check(route, english, true);
}
