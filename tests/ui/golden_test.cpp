// SPDX-License-Identifier: MIT
// Golden screenshots of every screen in vi and en, normal and large text, and two in
// high contrast, at 540x960 (half of the sim board's 1080x1920 at half its density: the same
// layout). Stored as 8-bit grey PNGs to keep the repository light (colours are held by the
// contrast test). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review the PNGs like code.
#include "golden_compare.hpp"
#include "screen_routes.hpp"
#include "ui_harness.hpp"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::screen_routes;
using kiosk::ui::test::ScreenRoute;
using kiosk::ui::test::UiHarness;
using kiosk::ui::test::updating_goldens;

namespace {

void apply_settings(UiHarness& h, bool english, bool large, bool contrast)
{
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    if (contrast)
        h.tap(english ? "Contrast" : "Tương phản");
}

void check_screen(ScreenRoute const& route, bool english, bool large, bool contrast, char const* suffix)
{
    UiHarness h;
    // The idle dialog is modal: choose the settings before it opens.
    bool const modal = route.name == "idle";
    if (modal)
        apply_settings(h, english, large, contrast);
    route.go(h);
    if (!modal)
        apply_settings(h, english, large, contrast);
    std::string const name = route.name + "-" + (english ? "en" : "vi") + "-" + suffix;
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(GoldenScreens) {};

TEST(GoldenScreens, EveryScreenVietnameseNormal)
{
    for (auto const& route : screen_routes())
        check_screen(route, false, false, false, "normal");
}

TEST(GoldenScreens, EveryScreenEnglishNormal)
{
    for (auto const& route : screen_routes())
        check_screen(route, true, false, false, "normal");
}

TEST(GoldenScreens, EveryScreenVietnameseLarge)
{
    for (auto const& route : screen_routes())
        check_screen(route, false, true, false, "large");
}

TEST(GoldenScreens, EveryScreenEnglishLarge)
{
    for (auto const& route : screen_routes())
        check_screen(route, true, true, false, "large");
}

TEST(GoldenScreens, HighContrast)
{
    check_screen(screen_routes()[1], false, false, true, "contrast");
    check_screen(screen_routes()[5], true, true, true, "contrast");
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
