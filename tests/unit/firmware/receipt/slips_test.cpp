// SPDX-License-Identifier: MIT
#include <receipt/slips.hpp>

#include <string>

#include "contract/contract_support.hpp"

TEST_GROUP(Slips) {};

TEST(Slips, status_slip_carries_the_code_large_and_the_lookup_qr)
{
    kiosk::receipt::StatusSlip slip;
    slip.code = "G22.99-241201-0042";
    slip.procedure = "Đăng ký khai sinh";
    slip.state = "Đang xử lý";
    slip.lookup_url = "https://dichvucong.gov.vn/tra-cuu?ma=G22.99-241201-0042";
    auto const document = kiosk::receipt::compose_status_slip(slip);
    CHECK_TRUE(kiosk::hal::Privacy::none == document.privacy);
    CHECK_TRUE(kiosk::hal::Cut::full == document.cut);
    bool code_large = false;
    bool qr = false;
    for (auto const& item : document.items) {
        if (auto const* text = std::get_if<kiosk::hal::TextBlock>(&item))
            code_large = code_large || (text->text == slip.code && text->scale == 2 && text->bold);
        if (auto const* code = std::get_if<kiosk::hal::QrBlock>(&item))
            qr = qr || code->payload == slip.lookup_url;
    }
    CHECK_TRUE(code_large);
    CHECK_TRUE(qr);
}

TEST(Slips, checklist_numbers_the_documents)
{
    kiosk::receipt::Checklist checklist;
    checklist.procedure = "Đăng ký khai sinh";
    checklist.documents = { "Tờ khai đăng ký khai sinh", "Giấy chứng sinh" };
    auto const document = kiosk::receipt::compose_checklist(checklist);
    int numbered = 0;
    for (auto const& item : document.items)
        if (auto const* text = std::get_if<kiosk::hal::TextBlock>(&item))
            numbered += text->text == "1. Tờ khai đăng ký khai sinh" || text->text == "2. Giấy chứng sinh" ? 1 : 0;
    LONGS_EQUAL(2, numbered);
}
