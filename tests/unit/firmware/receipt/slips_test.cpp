// SPDX-License-Identifier: MIT
#include <receipt/slips.hpp>

#include <algorithm>
#include <string>
#include <vector>

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

namespace {
std::vector<std::string> texts_of(kiosk::hal::ReceiptDocument const& document)
{
    std::vector<std::string> out;
    for (auto const& item : document.items)
        if (auto const* text = std::get_if<kiosk::hal::TextBlock>(&item))
            out.push_back(text->text);
    return out;
}
bool has(std::vector<std::string> const& texts, std::string const& wanted)
{
    return std::find(texts.begin(), texts.end(), wanted) != texts.end();
}
} // namespace

TEST(Slips, labels_are_the_callers_words_in_the_citizens_language)
{
    kiosk::receipt::StatusSlip slip;
    slip.code = "G22.99-241201-0042";
    slip.procedure = "Birth registration";
    slip.state = "In progress";
    slip.due = "2024-12-06";
    slip.printed_at = "2024-12-02 09:15";
    slip.labels.status_title = "DOSSIER STATUS";
    slip.labels.procedure = "Procedure:";
    slip.labels.due = "Result due on:";
    slip.labels.printed_at = "Printed at";
    auto const texts = texts_of(kiosk::receipt::compose_status_slip(slip));
    CHECK_TRUE(has(texts, "DOSSIER STATUS"));
    CHECK_TRUE(has(texts, "Procedure: Birth registration"));
    CHECK_TRUE(has(texts, "Result due on: 2024-12-06"));
    CHECK_TRUE(has(texts, "Printed at 2024-12-02 09:15"));
    // A label left empty leaves the value alone, and no word of another language appears.
    CHECK_TRUE(has(texts, "In progress"));
    for (auto const& text : texts)
        CHECK_TEXT(text.find("Mã") == std::string::npos && text.find("Trạng thái") == std::string::npos, text.c_str());
}

TEST(Slips, checklist_has_its_own_qr_caption)
{
    kiosk::receipt::Checklist checklist;
    checklist.procedure = "Đăng ký khai sinh";
    checklist.lookup_url = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193";
    checklist.labels.checklist_qr = "Quét mã để xem thủ tục trên điện thoại";
    checklist.labels.status_qr = "Quét mã để tra cứu hồ sơ";
    auto const texts = texts_of(kiosk::receipt::compose_checklist(checklist));
    CHECK_TRUE(has(texts, "Quét mã để xem thủ tục trên điện thoại"));
    CHECK_FALSE(has(texts, "Quét mã để tra cứu hồ sơ"));
}
