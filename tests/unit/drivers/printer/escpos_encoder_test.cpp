// SPDX-License-Identifier: MIT
// EscPosEncoder: golden byte streams, layout by measured width, refusals. Goldens live in
// tests/golden/escpos/; regenerate them with KIOSK_UPDATE_GOLDEN=1 and review the diff.
#include <codes/qr_encoder.hpp>
#include <printer/escpos_encoder.hpp>
#include <printer/ttf_text_rasterizer.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

#include "contract/contract_support.hpp"

using kiosk::Bytes;
using kiosk::Errc;
using kiosk::drivers::EscPosEncoder;
using kiosk::drivers::TextStyle;
using kiosk::hal::Align;
using kiosk::hal::PrinterCapabilities;
using kiosk::hal::ReceiptDocument;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

kiosk::drivers::QrModuleEncoder qr()
{
    return [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
}

PrinterCapabilities head(int dots, bool native_qr = false, std::string code_page = {})
{
    return PrinterCapabilities { dots, 8, native_qr, std::move(code_page) };
}

ReceiptDocument slip()
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { "PHIẾU HẸN", Align::center, 2, true });
    document.items.emplace_back(kiosk::hal::Separator {});
    document.items.emplace_back(kiosk::hal::TextBlock { "Mã hồ sơ: G22.99-241201-0042", Align::left, 1, false });
    document.items.emplace_back(kiosk::hal::QrBlock { "G22.99-241201-0042", 4, Align::center });
    document.items.emplace_back(kiosk::hal::Feed { 2 });
    return document;
}

/// Compares @p bytes with tests/golden/escpos/@p name, or writes it when KIOSK_UPDATE_GOLDEN=1.
void check_golden(char const* name, Bytes const& bytes)
{
    std::filesystem::path const path = kiosk::test::source_path(std::string("tests/golden/escpos/") + name);
    char const* update = std::getenv("KIOSK_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<char const*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return;
    }
    std::ifstream in(path, std::ios::binary);
    CHECK_TRUE_TEXT(in.good(), ("missing golden " + path.string() + " (run with KIOSK_UPDATE_GOLDEN=1)").c_str());
    Bytes const golden((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LONGS_EQUAL_TEXT(static_cast<long>(golden.size()), static_cast<long>(bytes.size()), name);
    CHECK_TEXT(golden == bytes, name);
}

} // namespace

TEST_GROUP(EscPosEncoder)
{
    std::unique_ptr<kiosk::drivers::TtfTextRasterizer> m_text;
    void setup() override { m_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open()); }
    void teardown() override { m_text.reset(); }
    EscPosEncoder encoder(PrinterCapabilities capabilities) const { return EscPosEncoder(std::move(capabilities), *m_text, qr()); }
};

TEST(EscPosEncoder, golden_raster_slip_80mm)
{
    auto bytes = encoder(head(576)).encode(slip());
    KIOSK_CHECK_OK(bytes);
    check_golden("slip_raster_80mm.bin", *bytes);
}

TEST(EscPosEncoder, golden_raster_slip_58mm)
{
    auto bytes = encoder(head(384)).encode(slip());
    KIOSK_CHECK_OK(bytes);
    check_golden("slip_raster_58mm.bin", *bytes);
}

TEST(EscPosEncoder, golden_wpc1258_text_and_native_qr)
{
    auto bytes = encoder(head(576, true, "wpc1258")).encode(slip());
    KIOSK_CHECK_OK(bytes);
    check_golden("slip_wpc1258_native_qr_80mm.bin", *bytes);
}

TEST(EscPosEncoder, golden_page)
{
    kiosk::hal::RasterImage page(20, 3);
    for (int x = 0; x < 20; x += 2)
        page.set_dot(x, 1);
    auto bytes = encoder(head(384)).encode_page(page, kiosk::hal::Cut::partial);
    KIOSK_CHECK_OK(bytes);
    // ESC @, GS v 0 (3 bytes x 3 rows), ESC J 96, GS V 1.
    Bytes const expected { 0x1B, '@', 0x1D, 'v', '0', 0, 3, 0, 3, 0, 0, 0, 0, 0xAA, 0xAA, 0xA0, 0, 0, 0, 0x1B, 'J', 96, 0x1D, 'V', 1 };
    CHECK_TRUE(expected == *bytes);
    check_golden("page_partial_cut.bin", *bytes);
}

TEST(EscPosEncoder, text_mode_is_much_smaller_than_raster)
{
    auto raster = encoder(head(576)).encode(slip());
    auto text = encoder(head(576, true, "wpc1258")).encode(slip());
    KIOSK_CHECK_OK(raster);
    KIOSK_CHECK_OK(text);
    CHECK_TRUE(text->size() * 5 < raster->size());
}

TEST(EscPosEncoder, text_outside_the_code_page_falls_back_to_raster)
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { "漢字 Hán tự", Align::left, 1, false });
    auto bytes = encoder(head(576, false, "wpc1258")).encode(document);
    KIOSK_CHECK_OK(bytes);
    std::string const stream(bytes->begin(), bytes->end());
    CHECK_TRUE(stream.find("\x1Dv0") != std::string::npos);
}

TEST(EscPosEncoder, wrap_keeps_every_line_within_the_measured_width)
{
    std::string const text = "Thủ tục đăng ký khai sinh cho trẻ em có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã";
    TextStyle const style { 2, true };
    auto lines = EscPosEncoder::wrap(text, 384, [this, style](std::string_view line) { return m_text->measure(line, style); });
    KIOSK_CHECK_OK(lines);
    CHECK_TRUE(lines->size() >= 3);
    std::string joined;
    for (auto const& line : *lines) {
        auto width = m_text->measure(line, style);
        KIOSK_CHECK_OK(width);
        CHECK_TRUE(*width <= 384);
        joined += (joined.empty() ? "" : " ") + line;
    }
    STRCMP_EQUAL(text.c_str(), joined.c_str());
}

TEST(EscPosEncoder, a_word_wider_than_the_head_is_broken_not_clipped)
{
    std::string const word = "G22.99-241201-0042-ĐẶC-BIỆT-RẤT-DÀI-KHÔNG-CÓ-KHOẢNG-TRẮNG";
    TextStyle const style { 2, false };
    auto lines = EscPosEncoder::wrap(word, 200, [this, style](std::string_view line) { return m_text->measure(line, style); });
    KIOSK_CHECK_OK(lines);
    CHECK_TRUE(lines->size() >= 2);
    std::string joined;
    for (auto const& line : *lines) {
        CHECK_FALSE(line.empty());
        CHECK_TRUE(*m_text->measure(line, style) <= 200);
        joined += line;
    }
    STRCMP_EQUAL(word.c_str(), joined.c_str());
}

TEST(EscPosEncoder, breaking_never_separates_a_letter_from_its_combining_mark)
{
    // NFD: every vowel is followed by combining marks; a break must fall before a base letter.
    std::string const nfd = "Vie\xCC\x82\xCC\xA3tNam"; // "Việt" with e + U+0302 + U+0323
    auto lines = EscPosEncoder::wrap(nfd, 1, [](std::string_view line) -> kiosk::Result<int> {
        return static_cast<int>(line.size()) > 0 ? 2 : 0;
    });
    KIOSK_CHECK_OK(lines);
    bool found = false;
    for (auto const& line : *lines)
        found = found || line == "e\xCC\x82\xCC\xA3";
    CHECK_TRUE_TEXT(found, "the cluster e + marks was split");
}

TEST(EscPosEncoder, text_mode_wraps_by_cells_and_tone_marks_take_none)
{
    // 48 cells at 576 dots: 47 toned letters and a space fit, counted by cells not bytes.
    std::string line;
    for (int i = 0; i < 48; ++i)
        line += "ế";
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { line + " ế", Align::left, 1, false });
    auto bytes = encoder(head(576, false, "wpc1258")).encode(document);
    KIOSK_CHECK_OK(bytes);
    std::string const stream(bytes->begin(), bytes->end());
    // Two text lines: 48 cells, then 1.
    LONGS_EQUAL(2, static_cast<long>(std::count(stream.begin(), stream.end(), '\n')));
}

TEST(EscPosEncoder, oversize_qr_payload_is_refused)
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::QrBlock { std::string(kiosk::hal::MAX_QR_PAYLOAD_BYTES + 1, 'x'), 0, Align::center });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(576)).encode(document));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(576, true)).encode(document));
}

TEST(EscPosEncoder, largest_qr_payload_fits_a_58mm_head)
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::QrBlock { std::string(kiosk::hal::MAX_QR_PAYLOAD_BYTES, 'x'), 0, Align::center });
    auto page = encoder(head(384)).render(document);
    KIOSK_CHECK_OK(page);
    LONGS_EQUAL(384, page->width());
}

TEST(EscPosEncoder, image_wider_than_the_head_is_refused)
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::ImageBlock { kiosk::hal::RasterImage(385, 4), Align::center });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(384)).encode(document));
}

TEST(EscPosEncoder, bad_scale_feed_and_utf8_are_refused)
{
    ReceiptDocument scale;
    scale.items.emplace_back(kiosk::hal::TextBlock { "x", Align::left, 5, false });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(576)).encode(scale));
    ReceiptDocument feed;
    feed.items.emplace_back(kiosk::hal::Feed { 21 });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(576)).encode(feed));
    ReceiptDocument utf8;
    utf8.items.emplace_back(kiosk::hal::TextBlock { "\xC3(", Align::left, 1, false });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(576)).encode(utf8));
}

TEST(EscPosEncoder, page_wider_than_the_head_is_refused)
{
    KIOSK_CHECK_ERRC(Errc::invalid_argument, encoder(head(384)).encode_page(kiosk::hal::RasterImage(385, 2), kiosk::hal::Cut::full));
}

TEST(EscPosEncoder, centered_text_sits_in_the_middle)
{
    ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { "Giữa", Align::center, 1, false });
    auto page = encoder(head(576)).render(document);
    KIOSK_CHECK_OK(page);
    int left = 576;
    int right = 0;
    for (int y = 0; y < page->height(); ++y)
        for (int x = 0; x < page->width(); ++x)
            if (page->dot(x, y)) {
                left = std::min(left, x);
                right = std::max(right, x);
            }
    CHECK_TRUE(left > 200);
    CHECK_TRUE(std::abs((576 - 1 - right) - left) <= 4);
}
