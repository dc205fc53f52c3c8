// SPDX-License-Identifier: MIT
// Golden screenshots of the printing flow's screen ("the printer is out of paper, your receipt is
// kept"), in vi and en, normal and large text, at 540x960, as tests/ui/golden_test.cpp (8-bit
// grey PNGs in tests/golden/ui/, prefix "print-"). Regenerate with KIOSK_UPDATE_GOLDENS=1 and
// review the PNGs.
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include <ui/screens/print_waiting_screen.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;

namespace {

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
