// SPDX-License-Identifier: MIT
// ZxingFrameDecoder beyond the frame set: each format, the region of interest, strided
// frames, bad frames, frames with no code. Code images come from qrencode and zint.
#include <scanner/zxing_frame_decoder.hpp>

#include "scan/code_images.hpp"
#include "support/temp_dir.hpp"

#include <string>

#include "contract/contract_support.hpp"
#include "scan/decoder_warm_up.hpp"

using kiosk::Errc;
using kiosk::drivers::DecodePass;
using kiosk::drivers::DecoderOptions;
using kiosk::drivers::ZxingFrameDecoder;
using kiosk::hal::CodeFormat;

TEST_GROUP(ZxingFrameDecoder)
{
    kiosk::test::TempDir m_dir;

    kiosk::hal::Frame frame_of(std::string const& text, CodeFormat format, int module_px = 4) const
    {
        auto frame = kiosk::test::code_frame(m_dir.path(), text, format, { 640, 480 }, module_px);
        CHECK_TRUE_TEXT(frame.has_value(), "could not make the code image");
        return std::move(*frame);
    }
};

TEST(ZxingFrameDecoder, reads_each_receipt_format)
{
    ZxingFrameDecoder const decoder;
    struct Case {
        CodeFormat format;
        char const* text;
        int module_px;
    };
    // Code 128 and PDF417 are wide: 2-px modules keep them inside the 640-px frame.
    for (auto const& c : { Case { CodeFormat::qr_code, "000.00.15.H56-250701-0001", 4 },
             Case { CodeFormat::code_128, "H56-250701-0001", 2 }, Case { CodeFormat::pdf417, "000.00.15.H56-250701-0002", 2 },
             Case { CodeFormat::data_matrix, "000.00.15.H56-250701-0003", 4 } }) {
        auto result = decoder.decode(frame_of(c.text, c.format, c.module_px));
        KIOSK_CHECK_OK(result);
        CHECK_EQUAL_TEXT(1U, result->codes.size(), std::string(kiosk::hal::code_format_name(c.format)).c_str());
        STRCMP_EQUAL(c.text, result->codes[0].text.c_str());
        CHECK_TRUE(c.format == result->codes[0].format);
    }
}

TEST(ZxingFrameDecoder, vietnamese_utf8_text_comes_back_unchanged)
{
    std::string const text = "001090012345||Nguyễn Văn Đức|01021990|Nam|Số 1 Tràng Tiền, Hà Nội|15082021";
    auto result = ZxingFrameDecoder().decode(frame_of(text, CodeFormat::qr_code, 3));
    KIOSK_CHECK_OK(result);
    CHECK_EQUAL(1U, result->codes.size());
    STRCMP_EQUAL(text.c_str(), result->codes[0].text.c_str());
}

TEST(ZxingFrameDecoder, corners_surround_the_symbol_in_frame_pixels)
{
    auto result = ZxingFrameDecoder().decode(frame_of("HS-2025-000123", CodeFormat::qr_code, 6));
    KIOSK_CHECK_OK(result);
    CHECK_EQUAL(1U, result->codes.size());
    // The code is centred in the 640x480 frame.
    auto const& corners = result->codes[0].corners;
    CHECK_TRUE(corners[0].x < 320 && corners[0].y < 240);
    CHECK_TRUE(corners[2].x > 320 && corners[2].y > 240);
}

TEST(ZxingFrameDecoder, region_of_interest_limits_where_codes_are_found)
{
    auto const frame = frame_of("HS-2025-000123", CodeFormat::qr_code, 4);
    DecoderOptions left;
    left.region = kiosk::drivers::PixelRect { 0, 0, 200, 480 }; // the code is in the middle
    auto none = ZxingFrameDecoder(left).decode(frame);
    KIOSK_CHECK_OK(none);
    CHECK_TRUE(none->codes.empty());
    CHECK_TRUE(DecodePass::none == none->pass);

    DecoderOptions middle;
    middle.region = kiosk::drivers::PixelRect { 120, 40, 400, 400 };
    auto found = ZxingFrameDecoder(middle).decode(frame);
    KIOSK_CHECK_OK(found);
    CHECK_EQUAL(1U, found->codes.size());
    CHECK_TRUE(found->codes[0].corners[0].x > 120);

    DecoderOptions outside;
    outside.region = kiosk::drivers::PixelRect { 700, 500, 100, 100 }; // clipped to nothing
    auto clipped = ZxingFrameDecoder(outside).decode(frame);
    KIOSK_CHECK_OK(clipped);
    CHECK_TRUE(clipped->codes.empty());
}

TEST(ZxingFrameDecoder, formats_can_be_switched_off)
{
    DecoderOptions options;
    options.qr_code = false;
    auto result = ZxingFrameDecoder(options).decode(frame_of("HS-2025-000123", CodeFormat::qr_code));
    KIOSK_CHECK_OK(result);
    CHECK_TRUE(result->codes.empty());
}

TEST(ZxingFrameDecoder, padded_rows_are_read_with_their_stride)
{
    auto const packed = frame_of("HS-2025-000124", CodeFormat::qr_code);
    kiosk::hal::Frame strided;
    strided.size = packed.size;
    strided.stride = packed.size.width + 64;
    strided.pixels.assign(static_cast<std::size_t>(strided.stride) * static_cast<std::size_t>(packed.size.height), 0);
    for (int y = 0; y < packed.size.height; ++y)
        std::copy_n(packed.pixels.begin() + static_cast<std::ptrdiff_t>(y) * packed.stride, packed.size.width,
            strided.pixels.begin() + static_cast<std::ptrdiff_t>(y) * strided.stride);
    auto result = ZxingFrameDecoder().decode(strided);
    KIOSK_CHECK_OK(result);
    CHECK_EQUAL(1U, result->codes.size());
    STRCMP_EQUAL("HS-2025-000124", result->codes[0].text.c_str());
}

TEST(ZxingFrameDecoder, small_modules_are_found_by_the_upscaled_pass)
{
    auto result = ZxingFrameDecoder().decode(frame_of("000.00.15.H56-250701-0009", CodeFormat::qr_code, 2));
    KIOSK_CHECK_OK(result);
    CHECK_EQUAL(1U, result->codes.size());
    DecoderOptions one_pass;
    one_pass.fallback_passes = false;
    auto fast = ZxingFrameDecoder(one_pass).decode(frame_of("000.00.15.H56-250701-0009", CodeFormat::qr_code, 2));
    KIOSK_CHECK_OK(fast);
    CHECK_TRUE(fast->codes.empty() || fast->pass == DecodePass::primary);
}

TEST(ZxingFrameDecoder, a_frame_without_code_yields_nothing)
{
    kiosk::hal::Frame blank;
    blank.size = { 320, 240 };
    blank.stride = 320;
    blank.pixels.assign(std::size_t { 320 } * 240U, 200);
    auto result = ZxingFrameDecoder().decode(blank);
    KIOSK_CHECK_OK(result);
    CHECK_TRUE(result->codes.empty());
}

TEST(ZxingFrameDecoder, inconsistent_frames_are_invalid_arguments)
{
    ZxingFrameDecoder const decoder;
    kiosk::hal::Frame frame;
    KIOSK_CHECK_ERRC(Errc::invalid_argument, decoder.decode(frame)); // 0x0
    frame.size = { 100, 100 };
    frame.stride = 50; // stride < width
    frame.pixels.assign(10000, 0);
    KIOSK_CHECK_ERRC(Errc::invalid_argument, decoder.decode(frame));
    frame.stride = 100;
    frame.pixels.assign(9999, 0); // one pixel short
    KIOSK_CHECK_ERRC(Errc::invalid_argument, decoder.decode(frame));
}
