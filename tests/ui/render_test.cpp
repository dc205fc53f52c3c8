// SPDX-License-Identifier: MIT
// Rendering facts: text is rendered once and reused; a frame is deterministic; rotation
// draws the same layout turned.
#include "ui_harness.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::UiHarness;

TEST_GROUP(Rendering) {};

TEST(Rendering, UnchangedTextIsNotRenderedAgain)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Tìm theo tên thủ tục");
    h.ui().render();
    auto const before = h.ui().text_cache().renders();
    for (int i = 0; i < 5; ++i)
        h.ui().render();
    LONGS_EQUAL(before, h.ui().text_cache().renders());
    // Typing renders only the field's new text ("kh"; "k" alone is also a key's label).
    h.ui().type_text("kh");
    h.ui().render();
    LONGS_EQUAL(before + 1, h.ui().text_cache().renders());
}

TEST(Rendering, SameStateGivesTheSameFrame)
{
    UiHarness a;
    UiHarness b;
    a.tap("Chạm vào đây để bắt đầu");
    b.tap("Chạm vào đây để bắt đầu");
    auto const pa = KIOSK_MUST(a.canvas().read_pixels());
    auto const pb = KIOSK_MUST(b.canvas().read_pixels());
    CHECK(pa == pb);
}

TEST(Rendering, ScanRoutesToTheRightFlow)
{
    UiHarness h;
    h.scan("https://dichvucong.gov.vn/tra-cuu?maHoSo=000.00.15.H56-250701-0001");
    STRCMP_EQUAL("error", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Ki-ốt chưa kết nối được với hệ thống tra cứu hồ sơ"));
    STRCMP_EQUAL("000.00.15.H56-250701-0001", h.ui().session_state().dossier_code.c_str());
    h.tap("Thử lại");
    STRCMP_EQUAL("dossier_entry", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("000.00.15.H56-250701-0001"));

    h.scan("038187004512|187004512|Nguyễn Thị Hoa|12071987|Nữ|Hà Nội|01012021");
    STRCMP_EQUAL("id_place_card", std::string(h.ui().screen_name()).c_str());
    STRCMP_EQUAL("038187004512", h.ui().session_state().id_digits.c_str());

    h.scan("https://example.com/promo");
    STRCMP_EQUAL("error", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Ki-ốt không mở trang web"));

    h.scan("WIFI:S:cafe;T:WPA;P:secret;;");
    CHECK(h.shows("không phải của giấy biên nhận"));

    h.scan("12345|x|y");
    CHECK(h.shows("Không đọc được mã QR trên thẻ"));

    h.scan("   ");
    CHECK(h.shows("Không đọc được mã"));
    LONGS_EQUAL(6, h.ui().scans_handled());
}

TEST(Rendering, InvalidTypedDossierCodeSaysWhatIsWrongAndKeepsTheText)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu hồ sơ");
    h.tap("A");
    h.tap("B");
    h.tap("Tra cứu");
    STRCMP_EQUAL("dossier_entry", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Mã hồ sơ chưa đúng"));
    STRCMP_EQUAL("AB", h.ui().session_state().dossier_code.c_str());
    // Typing again clears the message.
    h.tap("1");
    CHECK(!h.shows("Mã hồ sơ chưa đúng"));
}

TEST(Rendering, IdContinueNeedsTwelveDigits)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Dùng thẻ Căn cước gắn chip");
    h.ui().type_text("03818700451x");
    CHECK(h.shows("Còn thiếu 1 số"));
    CHECK(!h.can_tap("Tiếp tục"));
    h.tap("2");
    CHECK(h.can_tap("Tiếp tục"));
    h.tap("Tiếp tục");
    STRCMP_EQUAL("id_place_card", std::string(h.ui().screen_name()).c_str());
}

TEST(Rendering, LanguageSwitchKeepsTheScreenAndWhatWasTyped)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu hồ sơ");
    h.ui().type_text("H56");
    h.tap("English");
    STRCMP_EQUAL("dossier_entry", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Check a dossier"));
    CHECK(h.shows("H56"));
    h.tap("Tiếng Việt");
    CHECK(h.shows("Tra cứu hồ sơ"));
}

TEST(Rendering, BackAndHomeAlwaysLeadHome)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Tìm theo tên thủ tục");
    h.tap("Quay lại");
    STRCMP_EQUAL("procedures", std::string(h.ui().screen_name()).c_str());
    h.tap("Tìm theo tên thủ tục");
    h.tap("Trang chủ");
    STRCMP_EQUAL("home", std::string(h.ui().screen_name()).c_str());
    CHECK(!h.can_tap("Quay lại"));
}

TEST(Rendering, AToastFollowsALanguageSwitchAndGoesAway)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.ui().toast("print.done");
    h.settle();
    CHECK(h.shows("Đã in xong. Mời bạn lấy biên nhận ở khe máy in."));
    h.tap("English");
    CHECK(h.shows("Done. Please take your receipt from the printer slot."));
    CHECK_FALSE(h.shows("Đã in xong"));
    h.advance(7000);
    CHECK_FALSE(h.shows("Done. Please take your receipt"));
}
