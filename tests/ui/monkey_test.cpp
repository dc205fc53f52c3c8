// SPDX-License-Identifier: MIT
// Random taps (seeded) all over the screen, with drags and idle gaps: the UI must never crash
// and never leave the citizen stuck: every screen offers a way home (or is home / attract),
// and the way home works. KIOSK_MONKEY_TAPS sets the number of taps (default 600; the long
// run labelled `bench` uses more), KIOSK_MONKEY_SEED the seed.
#include "monkey_input.hpp"
#include "ui_harness.hpp"

#include <cstdlib>
#include <random>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::env_number;
using kiosk::ui::test::MonkeyInput;
using kiosk::ui::test::UiHarness;

namespace {

bool is_home_label(std::string const& text) { return text == "Trang chủ" || text == "Home"; }

// The citizen's ways out on the current screen.
void check_no_dead_end(UiHarness& h, long step, unsigned seed)
{
    std::string const screen(h.ui().screen_name());
    std::string const where = "seed " + std::to_string(seed) + " step " + std::to_string(step) + " screen " + screen;
    if (h.ui().idle_dialog_open()) {
        CHECK_TEXT(h.can_tap("Tôi vẫn ở đây") || h.can_tap("I am still here"), where.c_str());
        return;
    }
    if (screen == "attract") {
        CHECK_TEXT(h.can_tap("Chạm vào đây để bắt đầu") || h.can_tap("Touch here to start"), where.c_str());
        return;
    }
    CHECK_TEXT(h.can_tap("Kết thúc") || h.can_tap("Finish"), where.c_str());
    if (screen == "home")
        return;
    bool has_home = false;
    for (auto const& hit : h.ui().visible_texts())
        has_home = has_home || (hit.tappable && is_home_label(hit.text));
    CHECK_TEXT(has_home, where.c_str());
}

} // namespace

TEST_GROUP(Monkey) {};

TEST(Monkey, RandomTapsNeverCrashOrStrand)
{
    auto const taps = env_number("KIOSK_MONKEY_TAPS", 600);
    auto const seed = static_cast<unsigned>(env_number("KIOSK_MONKEY_SEED", 20250701));
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(30);
    options.idle_countdown = std::chrono::seconds(10);
    UiHarness h({ 540, 960, 0, 51 }, options);
    MonkeyInput input(h, seed);
    long homes_tried = 0;
    for (long step = 0; step < taps; ++step) {
        input.step();
        check_no_dead_end(h, step, seed);
        // Now and then, prove the way home works from wherever the monkey is.
        if (step % 97 == 96 && !h.ui().idle_dialog_open() && h.ui().screen_name() != std::string_view("attract")
            && h.ui().screen_name() != std::string_view("home")) {
            ++homes_tried;
            for (auto const& hit : h.ui().visible_texts())
                if (hit.tappable && is_home_label(hit.text)) {
                    h.ui().tap(hit.rect.center());
                    break;
                }
            h.settle();
            STRCMP_EQUAL("home", std::string(h.ui().screen_name()).c_str());
        }
    }
    // The session always ends cleanly.
    h.advance(60'000);
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    CHECK(homes_tried > 0 || taps < 200);
}
