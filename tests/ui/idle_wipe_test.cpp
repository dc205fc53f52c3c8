// SPDX-License-Identifier: MIT
// The idle countdown and the session wipe: after it nothing of the citizen is left in the
// session object, the screens or the text textures; "finish" does the same at once.
#include "ui_harness.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::UiHarness;

namespace {
constexpr char const* ID_QR = "038187004512|187004512|Nguyễn Thị Hoa|12071987|Nữ|Số 1 Hàng Bạc, Hà Nội|01012021";
} // namespace

TEST_GROUP(IdleWipe) {};

TEST(IdleWipe, CountdownThenEverythingIsWiped)
{
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(60);
    options.idle_countdown = std::chrono::seconds(20);
    UiHarness h({ 540, 960, 0, 51 }, options);
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("English");
    h.scan(ID_QR);
    STRCMP_EQUAL("id_place_card", std::string(h.ui().screen_name()).c_str());
    CHECK(h.ui().session_state().id_qr.has_value());
    h.tap("Back");
    CHECK(h.shows("038187004512"));
    CHECK(h.ui().text_cache().holds_text_containing("038187004512"));

    h.advance(59'000);
    CHECK(!h.ui().idle_dialog_open());
    h.advance(1'100);
    CHECK(h.ui().idle_dialog_open());
    CHECK(h.shows("Are you still there?"));
    CHECK(h.shows("20 seconds"));
    h.advance(5'000);
    CHECK(h.shows("15 seconds"));
    h.advance(15'100);

    CHECK(!h.ui().idle_dialog_open());
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    LONGS_EQUAL(1, h.ui().depth());
    CHECK(h.ui().session_state().empty());
    CHECK(!h.shows("038187004512"));
    CHECK(!h.ui().text_cache().holds_text_containing("038187004512"));
    CHECK(!h.ui().text_cache().holds_text_containing("Hoa"));
    // Back to Vietnamese for the next citizen, with a calm note that the session ended.
    CHECK(h.shows("Phiên làm việc đã kết thúc"));
    LONGS_EQUAL(1, h.ui().wipes());
}

TEST(IdleWipe, StillHereKeepsTheSession)
{
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(30);
    options.idle_countdown = std::chrono::seconds(10);
    UiHarness h({ 540, 960, 0, 51 }, options);
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu hồ sơ");
    h.ui().type_text("000.00.15.H56");
    h.advance(31'000);
    CHECK(h.ui().idle_dialog_open());
    // The screen under the dialog takes no taps.
    CHECK(!h.can_tap("Trang chủ"));
    h.tap("Tôi vẫn ở đây");
    CHECK(!h.ui().idle_dialog_open());
    STRCMP_EQUAL("dossier_entry", std::string(h.ui().screen_name()).c_str());
    STRCMP_EQUAL("000.00.15.H56", h.ui().session_state().dossier_code.c_str());
    // The timer starts again from the tap.
    h.advance(29'000);
    CHECK(!h.ui().idle_dialog_open());
}

TEST(IdleWipe, FinishWipesAtOnce)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Dùng thẻ Căn cước gắn chip");
    h.ui().type_text("038187004512");
    h.tap("Kết thúc");
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    CHECK(h.ui().session_state().empty());
    CHECK(!h.ui().text_cache().holds_text_containing("038187004512"));
}

TEST(IdleWipe, AttractScreenAtRestNeverCountsDown)
{
    UiHarness h;
    h.advance(600'000);
    CHECK(!h.ui().idle_dialog_open());
    LONGS_EQUAL(0, h.ui().wipes());
}

TEST(IdleWipe, LanguageChosenOnAttractIsResetWhenTheCitizenLeaves)
{
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(30);
    options.idle_countdown = std::chrono::seconds(10);
    UiHarness h({ 540, 960, 0, 51 }, options);
    h.tap("English");
    h.advance(41'000);
    CHECK(h.ui().session_state().empty());
    CHECK(h.can_tap("Chạm vào đây để bắt đầu"));
}
