// SPDX-License-Identifier: MIT
// Golden screenshots of every screen in vi and en, the main ones in large text too, and two in
// high contrast, at 540x960 (half of the sim board's 1080x1920 at half its density: the same
// layout). Stored as 8-bit grey PNGs to keep the repository light (colours are held by the
// contrast test). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review the PNGs like code.
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;
using kiosk::ui::test::updating_goldens;

namespace {

struct Route {
    char const* screen;
    std::function<void(UiHarness&)> go;
};

void start(UiHarness& h)
{
    h.tap(h.can_tap("Touch here to start") ? "Touch here to start" : "Chạm vào đây để bắt đầu");
}

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
    if (updating_goldens())
        return;
    // The comparison itself must be able to fail: the attract frame is not the home golden.
    UiHarness h;
    auto const problem = compare_or_update(h, "home-vi-normal");
    CHECK_TEXT(!problem.empty(), "the attract frame matched the home golden");
}
