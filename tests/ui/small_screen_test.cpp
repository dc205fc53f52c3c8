// SPDX-License-Identifier: MIT
// Small and other-shaped panels (issue 8: "landscape 1920x1080 from the board file, scaling
// to 800x480"): a 7" 800x480 panel (133 dpi) both ways up, and a 1920x1080 one. On each, every
// screen's tappable things are >= 15 mm on the panel, inside the screen and apart, and texts
// are on the screen and none under a button; on 800x480 the keyboard opens full screen with
// the field in its top line, folds away with "Xong" and comes back with "Mở bàn phím". Also:
// frames painted only where they changed equal frames painted whole (the kiosk, as the citizen
// uses it), and a monkey run of random taps on 800x480 never strands the citizen.
#include "screen_routes.hpp"
#include "monkey_input.hpp"
#include "ui_harness.hpp"

#include <ui/core/display_layout.hpp>

#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::hal::DisplaySpec;
using kiosk::ui::DisplayLayout;
using kiosk::ui::Rect;
using kiosk::ui::TextHit;
using kiosk::ui::test::fold_keyboard;
using kiosk::ui::test::screen_routes;
using kiosk::ui::test::ScreenRoute;
using kiosk::ui::test::start;
using kiosk::ui::test::env_number;
using kiosk::ui::test::MonkeyInput;
using kiosk::ui::test::UiHarness;

namespace {

DisplaySpec const SEVEN_INCH { 800, 480, 0, 133 };
DisplaySpec const SEVEN_INCH_PORTRAIT { 800, 480, 90, 133 };
DisplaySpec const FULL_HD_LANDSCAPE { 1920, 1080, 0, 102 };

std::string describe(DisplaySpec const& spec)
{
    return std::to_string(spec.width_px) + "x" + std::to_string(spec.height_px) + "@" + std::to_string(spec.dpi)
        + " rot " + std::to_string(spec.rotation_deg);
}

bool inside(Rect const& r, DisplayLayout const& layout)
{
    return r.x >= 0 && r.y >= 0 && r.right() <= layout.width() && r.bottom() <= layout.height();
}

void check_layout(UiHarness& h, DisplaySpec const& spec, std::string const& what)
{
    DisplayLayout const layout(spec);
    int const min = layout.min_touch_px();
    std::vector<TextHit> tappable;
    std::vector<TextHit> texts;
    for (auto const& hit : h.ui().visible_texts())
        (hit.tappable ? tappable : texts).push_back(hit);
    CHECK_TEXT(!tappable.empty(), what.c_str());
    for (std::size_t i = 0; i < tappable.size(); ++i) {
        auto const& r = tappable[i].rect;
        std::string const where = what + " \"" + tappable[i].text + "\" " + std::to_string(r.x) + "," + std::to_string(r.y)
            + " " + std::to_string(r.w) + "x" + std::to_string(r.h) + " (min " + std::to_string(min) + ")";
        CHECK_TEXT(r.w >= min && r.h >= min, where.c_str());
        CHECK_TEXT(inside(r, layout), where.c_str());
        for (std::size_t j = i + 1; j < tappable.size(); ++j)
            if (!(tappable[j].rect == r)) // a button's title and detail share one rect
                CHECK_TEXT(!r.intersects(tappable[j].rect), (where + " overlaps \"" + tappable[j].text + "\"").c_str());
    }
    // Text that is not a button: on the screen (a toast has no place) and never under a button
    // (under the idle dialog everything is covered on purpose).
    if (h.ui().idle_dialog_open())
        return;
    for (auto const& text : texts) {
        if (text.rect.w == 0 && text.rect.h == 0)
            continue;
        std::string const where = what + " text \"" + text.text + "\" " + std::to_string(text.rect.x) + ","
            + std::to_string(text.rect.y) + " " + std::to_string(text.rect.w) + "x" + std::to_string(text.rect.h);
        CHECK_TEXT(inside(text.rect, layout), where.c_str());
        // A text under a button is a screen's layout overflowing.
        for (auto const& button : tappable)
            if (text.rect.intersects(button.rect))
                FAIL((where + " under \"" + button.text + "\"").c_str());
    }
}

/// Every screen, and the ones with a keyboard again with it folded away ("Xong") where it opens
/// full screen.
std::vector<ScreenRoute> routes()
{
    std::vector<ScreenRoute> out;
    for (auto& route : screen_routes()) {
        bool const keyboard = route.name == "procedure_search" || route.name == "dossier_entry" || route.name == "id_entry";
        out.push_back(route);
        if (keyboard)
            out.push_back({ route.name + " folded", [go = route.go](UiHarness& h) {
                               go(h);
                               fold_keyboard(h);
                           } });
    }
    // An unknown code scanned on the home screen.
    out.push_back({ "scan error", [](UiHarness& h) {
                       start(h);
                       h.scan("not a code we know");
                   } });
    return out;
}

void walk(DisplaySpec const& spec, bool large)
{
    for (auto const& route : routes()) {
        UiHarness h(spec);
        if (large)
            h.tap("Chữ to");
        route.go(h);
        check_layout(h, spec, describe(spec) + (large ? " large " : " ") + route.name);
    }
}

bool can_tap_any(UiHarness& h, std::initializer_list<char const*> labels)
{
    for (auto const* label : labels)
        if (h.can_tap(label))
            return true;
    return false;
}

/// The frame on the canvas now equals the same state painted whole.
void check_frame_equals_whole(UiHarness& h, std::string const& where)
{
    auto const incremental = KIOSK_MUST(h.canvas().read_pixels());
    h.canvas().invalidate();
    h.ui().render();
    auto const whole = KIOSK_MUST(h.canvas().read_pixels());
    long differing = 0;
    for (std::size_t i = 0; i < whole.size(); ++i)
        differing += incremental[i] != whole[i] ? 1 : 0;
    CHECK_TEXT(differing == 0, (where + ": " + std::to_string(differing) + " pixels differ").c_str());
}

/// Random taps, drags, idle gaps and scans; after each, the citizen has a way on (on a
/// full-screen keyboard "Xong" folds it, and the screen's own ways out are under it).
/// @p compare_frames: each frame is also checked against the same state painted whole.
void monkey(DisplaySpec const& spec, long taps, unsigned seed, bool compare_frames)
{
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(30);
    options.idle_countdown = std::chrono::seconds(10);
    UiHarness h(spec, options);
    MonkeyInput input(h, seed);
    long folded = 0;
    for (long step = 0; step < taps; ++step) {
        input.step();
        std::string const screen(h.ui().screen_name());
        std::string const where = describe(spec) + " seed " + std::to_string(seed) + " step " + std::to_string(step)
            + " screen " + screen;
        if (compare_frames)
            check_frame_equals_whole(h, where);
        if (h.ui().idle_dialog_open()) {
            CHECK_TEXT(can_tap_any(h, { "Tôi vẫn ở đây", "I am still here" }), where.c_str());
            continue;
        }
        if (screen == "attract") {
            CHECK_TEXT(can_tap_any(h, { "Chạm vào đây để bắt đầu", "Touch here to start" }), where.c_str());
            continue;
        }
        if (can_tap_any(h, { "Xong", "Done" }) && !can_tap_any(h, { "Kết thúc", "Finish" })) {
            // The full-screen keyboard: folding it must bring back the screen's ways out.
            if (step % 3 == 0) {
                h.tap(h.can_tap("Xong") ? "Xong" : "Done");
                ++folded;
            } else {
                continue;
            }
        }
        CHECK_TEXT(can_tap_any(h, { "Kết thúc", "Finish" }), where.c_str());
        if (screen != "home")
            CHECK_TEXT(can_tap_any(h, { "Trang chủ", "Home" }), where.c_str());
    }
    h.advance(60'000);
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    if (spec.width_px == 800 && taps >= 200)
        CHECK(folded > 0);
}

} // namespace

TEST_GROUP(SmallScreens) {};

TEST(SmallScreens, SevenInchLandscapeEveryScreen) { walk(SEVEN_INCH, false); }
TEST(SmallScreens, SevenInchLandscapeLargeText) { walk(SEVEN_INCH, true); }
TEST(SmallScreens, SevenInchPortraitEveryScreen) { walk(SEVEN_INCH_PORTRAIT, false); }
TEST(SmallScreens, SevenInchPortraitLargeText) { walk(SEVEN_INCH_PORTRAIT, true); }
TEST(SmallScreens, FullHdLandscapeEveryScreen) { walk(FULL_HD_LANDSCAPE, false); }

TEST(SmallScreens, SevenInchKeyboardOpensFullScreenWithTheFieldOnTop)
{
    UiHarness h(SEVEN_INCH);
    start(h);
    h.tap("Tra cứu thủ tục");
    h.tap("Tìm theo tên thủ tục");
    // Full screen: the keys and "Xong", not the bars (they are under the keyboard).
    CHECK(h.can_tap("Xong"));
    CHECK(h.can_tap("q"));
    CHECK(!h.can_tap("Kết thúc"));
    CHECK(!h.can_tap("Tiếng Việt"));
    h.tap("k");
    h.tap("h");
    h.tap("a");
    h.tap("i");
    // What is typed shows in the top line, above the keys.
    Rect line;
    Rect key_q;
    for (auto const& hit : h.ui().visible_texts()) {
        if (hit.text == "khai")
            line = hit.rect;
        if (hit.text == "q")
            key_q = hit.rect;
    }
    CHECK(line.h > 0);
    CHECK(line.bottom() <= key_q.y);
    // Folded: the form, its results and the ways out come back, and the keyboard button.
    h.tap("Xong");
    CHECK(h.can_tap("Kết thúc"));
    CHECK(h.can_tap("Mở bàn phím"));
    CHECK(!h.can_tap("q"));
    CHECK(h.shows("khai"));
    h.tap("Mở bàn phím");
    CHECK(h.can_tap("q"));
    h.ui().type_text(" sinh");
    CHECK(h.shows("khai sinh"));
}

TEST(SmallScreens, LargerPanelsKeepTheKeyboardBesideOrUnderTheForm)
{
    for (auto const& spec : { DisplaySpec { 1080, 1920, 0, 102 }, FULL_HD_LANDSCAPE, DisplaySpec { 540, 960, 0, 51 } }) {
        UiHarness h(spec);
        start(h);
        h.tap("Tra cứu thủ tục");
        h.tap("Tìm theo tên thủ tục");
        CHECK_TEXT(h.can_tap("q") && h.can_tap("Kết thúc") && !h.can_tap("Xong"), describe(spec).c_str());
    }
}

TEST(SmallScreens, FramesPaintedWhereTheyChangedEqualFramesPaintedWhole)
{
    monkey({ 540, 960, 0, 51 }, env_number("KIOSK_MONKEY_TAPS", 600) / 4, 7, true);
    monkey(SEVEN_INCH, env_number("KIOSK_MONKEY_TAPS", 600) / 4, 8, true);
}

TEST(SmallScreens, SevenInchMonkeyNeverStrandsTheCitizen)
{
    auto const seed = static_cast<unsigned>(env_number("KIOSK_MONKEY_SEED", 20251202));
    monkey(SEVEN_INCH, env_number("KIOSK_MONKEY_TAPS", 600), seed, false);
    monkey(SEVEN_INCH_PORTRAIT, env_number("KIOSK_MONKEY_TAPS", 600) / 3, seed + 1, false);
}
