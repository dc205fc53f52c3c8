// SPDX-License-Identifier: MIT
// Golden screenshots on a 7" 800x480 panel (133 dpi): home, the procedure search with its
// full-screen keyboard (and folded, with the results), the dossier code entry with its
// keyboard. Files tests/golden/ui/small-*.png, compared as tests/ui/golden_test.cpp does
// (8-bit grey, same tolerances). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review the PNGs.
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

void start(UiHarness& h) { h.tap("Chạm vào đây để bắt đầu"); }

void check(std::string const& name, std::function<void(UiHarness&)> const& go)
{
    UiHarness h({ 800, 480, 0, 133 });
    go(h);
    auto const problem = compare_or_update(h, "small-" + name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(SmallGoldenScreens) {};

TEST(SmallGoldenScreens, Home)
{
    check("home-vi", [](UiHarness& h) { start(h); });
    check("home-en", [](UiHarness& h) {
        start(h);
        h.tap("English");
    });
}

TEST(SmallGoldenScreens, SearchWithKeyboard)
{
    check("procedure_search-vi", [](UiHarness& h) {
        start(h);
        h.tap("Tra cứu thủ tục");
        h.tap("Tìm theo tên thủ tục");
        h.ui().type_text("khai sinh");
    });
    check("procedure_search-folded-vi", [](UiHarness& h) {
        start(h);
        h.tap("Tra cứu thủ tục");
        h.tap("Tìm theo tên thủ tục");
        h.ui().type_text("khai sinh");
        h.tap("Xong");
    });
}

TEST(SmallGoldenScreens, DossierEntry)
{
    check("dossier_entry-vi", [](UiHarness& h) {
        start(h);
        h.tap("Tra cứu hồ sơ");
        h.ui().type_text("000.00.15.H56-250701-0001");
    });
    check("dossier_entry-folded-vi", [](UiHarness& h) {
        start(h);
        h.tap("Tra cứu hồ sơ");
        h.ui().type_text("000.00.15.H56-250701-0001");
        h.tap("Xong");
    });
}

TEST(SmallGoldenScreens, ADifferentFrameIsCaught)
{
    if (updating_goldens())
        return;
    UiHarness h({ 800, 480, 0, 133 });
    auto const problem = compare_or_update(h, "small-home-vi");
    CHECK_TEXT(!problem.empty(), "the attract frame matched the home golden");
}
