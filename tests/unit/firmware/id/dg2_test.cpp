// SPDX-License-Identifier: MIT
#include "id/dg2.hpp"

#include "id/tlv.hpp"

#include <algorithm>
#include <cstdlib>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using namespace kiosk::id;

namespace {

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

// A 40 x 48 RGB test pattern: left half red, right half blue, a gray bar.
FacePixels pattern(int channels)
{
    FacePixels image;
    image.width = 40;
    image.height = 48;
    image.channels = channels;
    image.pixels.resize(std::size_t { 40 } * 48 * static_cast<std::size_t>(channels));
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 40; ++x) {
            auto* p = &image.pixels[(static_cast<std::size_t>(y) * 40U + static_cast<std::size_t>(x)) * static_cast<std::size_t>(channels)];
            bool const bar = y >= 20 && y < 28;
            if (channels == 1) {
                p[0] = static_cast<std::uint8_t>(bar ? 128 : (x < 20 ? 30 : 220));
            } else {
                p[0] = static_cast<std::uint8_t>(bar ? 128 : (x < 20 ? 220 : 20));
                p[1] = static_cast<std::uint8_t>(bar ? 128 : 20);
                p[2] = static_cast<std::uint8_t>(bar ? 128 : (x < 20 ? 20 : 220));
            }
        }
    }
    return image;
}

// Pixel (x, y) channel c is within @p tolerance of @p expected (lossy codecs).
bool near(FacePixels const& image, int x, int y, int c, int expected, int tolerance)
{
    int const value = image.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x))
            * static_cast<std::size_t>(image.channels)
        + static_cast<std::size_t>(c)];
    return std::abs(value - expected) <= tolerance;
}

} // namespace

TEST_GROUP(Dg2) {};

TEST(Dg2, jpeg_face_round_trips_through_the_19794_5_container)
{
    FacePixels const source = pattern(3);
    Bytes const jpeg = KIOSK_MUST(encode_jpeg(source, 90));
    Bytes const file = build_dg2(FaceFormat::jpeg, view(jpeg), 40, 48);
    CHECK_EQUAL(0x75, file[0]);
    auto face = parse_dg2(view(file));
    CHECK_TRUE(face.has_value());
    CHECK_TRUE(face->format == FaceFormat::jpeg);
    CHECK_EQUAL(40, face->width);
    CHECK_EQUAL(48, face->height);
    CHECK_TRUE(face->image == jpeg);
    auto pixels = decode_face_image(*face);
    CHECK_TRUE(pixels.has_value());
    CHECK_EQUAL(40, pixels->width);
    CHECK_EQUAL(48, pixels->height);
    CHECK_EQUAL(3, pixels->channels);
    CHECK_TRUE(near(*pixels, 5, 5, 0, 220, 20));  // red on the left
    CHECK_TRUE(near(*pixels, 35, 5, 2, 220, 20)); // blue on the right
    CHECK_TRUE(near(*pixels, 20, 24, 1, 128, 20));
}

TEST(Dg2, layout_matches_typical_passports)
{
    // Debian's mrtdreader reads the image data type at byte 73 and finds the image by its
    // signature in the first 120 bytes; typical passports put the image at byte 84.
    Bytes const jpeg = KIOSK_MUST(encode_jpeg(pattern(3), 90));
    Bytes const file = build_dg2(FaceFormat::jpeg, view(jpeg), 40, 48);
    CHECK_EQUAL(0x00, file[73]);
    CHECK_TRUE(std::equal(jpeg.begin(), jpeg.end(), file.begin() + 84));
    CHECK_EQUAL(84U + jpeg.size(), file.size());
    Bytes const jp2 = KIOSK_MUST(encode_jpeg2000(pattern(3), 4.0F));
    Bytes const file2 = build_dg2(FaceFormat::jpeg2000, view(jp2), 40, 48);
    CHECK_EQUAL(0x01, file2[73]);
    CHECK_TRUE(std::equal(jp2.begin(), jp2.end(), file2.begin() + 84));
    // Even a tiny image keeps the layout (long-form lengths).
    Bytes const tiny { 0xFF, 0xD8, 0xFF, 0xD9 };
    Bytes const small = build_dg2(FaceFormat::jpeg, view(tiny), 1, 1);
    CHECK_EQUAL(88U, small.size());
    CHECK_EQUAL(0xFF, small[84]);
    auto parsed = parse_dg2(view(small));
    CHECK_TRUE(parsed.has_value());
    CHECK_TRUE(parsed->image == tiny);
}

TEST(Dg2, jpeg2000_face_decodes_with_openjpeg)
{
    for (int channels : { 1, 3 }) {
        FacePixels const source = pattern(channels);
        Bytes const jp2 = KIOSK_MUST(encode_jpeg2000(source, 4.0F));
        Bytes const file = build_dg2(FaceFormat::jpeg2000, view(jp2), 40, 48);
        auto face = parse_dg2(view(file));
        CHECK_TRUE(face.has_value());
        CHECK_TRUE(face->format == FaceFormat::jpeg2000);
        auto pixels = decode_face_image(*face);
        CHECK_TRUE(pixels.has_value());
        CHECK_EQUAL(channels, pixels->channels);
        CHECK_EQUAL(40, pixels->width);
        CHECK_TRUE(near(*pixels, 5, 5, 0, channels == 1 ? 30 : 220, 25));
        CHECK_TRUE(near(*pixels, 20, 24, 0, 128, 25));
    }
}

TEST(Dg2, iso_39794_block_is_found_by_the_image_signature)
{
    Bytes const jpeg = KIOSK_MUST(encode_jpeg(pattern(1), 80));
    // 7F2E with a DER-ish wrapper around the JPEG.
    Bytes inner;
    append_tlv(inner, 0x80, ByteView(std::array<std::uint8_t, 1> { 1 }));
    append_tlv(inner, 0x81, view(jpeg));
    Bytes const block = encode_tlv(0x7F2E, view(inner));
    Bytes const bit = encode_tlv(0x7F60, view(block));
    Bytes group = encode_unsigned(1);
    group.insert(group.end(), bit.begin(), bit.end());
    Bytes const group_element = encode_tlv(0x7F61, view(group));
    Bytes const file = encode_tlv(0x75, view(group_element));
    auto face = parse_dg2(view(file));
    CHECK_TRUE(face.has_value());
    CHECK_TRUE(face->format == FaceFormat::jpeg);
    CHECK_TRUE(decode_face_image(*face).has_value());
}

TEST(Dg2, broken_containers_and_images_are_refused)
{
    Bytes const jpeg = KIOSK_MUST(encode_jpeg(pattern(3), 90));
    Bytes file = build_dg2(FaceFormat::jpeg, view(jpeg), 40, 48);
    Bytes truncated = file;
    truncated.resize(truncated.size() - 10);
    CHECK_TRUE(parse_dg2(view(truncated)).error() == Errc::malformed);

    Bytes const no_face = encode_tlv(0x75, view(encode_tlv(0x7F61, view(encode_unsigned(0)))));
    STRCMP_EQUAL("DG2: no biometric data block", parse_dg2(view(no_face)).error().context());

    FaceImageData broken;
    broken.format = FaceFormat::jpeg;
    broken.image.assign(jpeg.begin(), jpeg.begin() + 40);
    STRCMP_EQUAL("DG2: JPEG does not decode", decode_face_image(broken).error().context());
    broken.format = FaceFormat::jpeg2000;
    broken.image = { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, 0x00 };
    STRCMP_EQUAL("DG2: JPEG 2000 does not decode", decode_face_image(broken).error().context());
}

TEST(Dg2, encoders_refuse_wrong_buffers)
{
    FacePixels wrong = pattern(3);
    wrong.pixels.resize(10);
    CHECK_TRUE(encode_jpeg(wrong, 90).error() == Errc::invalid_argument);
    CHECK_TRUE(encode_jpeg2000(wrong, 4.0F).error() == Errc::invalid_argument);
}
