// SPDX-License-Identifier: MIT
#include "screen_routes.hpp"

namespace kiosk::ui::test {

void start(UiHarness& h)
{
    h.tap(h.can_tap("Touch here to start") ? "Touch here to start" : "Chạm vào đây để bắt đầu");
}

void fold_keyboard(UiHarness& h)
{
    if (h.can_tap("Xong"))
        h.tap("Xong");
}

std::vector<ScreenRoute> screen_routes()
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
                fold_keyboard(h);
                h.tap("Tra cứu");
            } },
        { "error",
            [](UiHarness& h) {
                start(h);
                h.tap("Tra cứu hồ sơ");
                h.ui().type_text("000.00.15.H56-250701-0001");
                fold_keyboard(h);
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
                fold_keyboard(h);
                h.tap("Tiếp tục");
            } },
        { "idle",
            [](UiHarness& h) {
                start(h);
                h.advance(90'000);
            } },
    };
}

} // namespace kiosk::ui::test
