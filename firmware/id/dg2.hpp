// SPDX-License-Identifier: MIT
#pragma once

// DG2: the face image (ICAO 9303 part 10, 4.7.2). A biometric information group template
// (0x7F61) holding one or more biometric information templates (0x7F60), each a header
// (0xA1) and a biometric data block: ISO/IEC 19794-5 (0x5F2E, a "FAC" record whose image is
// JPEG or JPEG 2000) or ISO/IEC 39794-5 (0x7F2E, DER; the image is found by its signature).
// decode_face_image() turns the image into pixels for display (libjpeg, openjpeg).

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>

namespace kiosk::id {

/// Encoding of the face image.
enum class FaceFormat {
    jpeg,
    jpeg2000,
};

/// The face image as stored on the chip. Biometric data: wiped on destruction.
struct FaceImageData {
    FaceFormat format = FaceFormat::jpeg;
    std::uint16_t width = 0;  ///< as the 19794-5 header states (0 when unknown)
    std::uint16_t height = 0;
    Bytes image;              ///< the JPEG or JPEG 2000 file (JP2 box file or raw codestream)

    FaceImageData() = default;
    FaceImageData(FaceImageData const&) = default;
    FaceImageData(FaceImageData&&) noexcept = default;
    FaceImageData& operator=(FaceImageData const&) = default;
    FaceImageData& operator=(FaceImageData&&) noexcept = default;
    ~FaceImageData();
};

/// Decoded pixels, row-major, `channels` bytes per pixel (1 gray or 3 RGB). Wiped on
/// destruction.
struct FacePixels {
    int width = 0;
    int height = 0;
    int channels = 0;
    Bytes pixels;

    FacePixels() = default;
    FacePixels(FacePixels const&) = default;
    FacePixels(FacePixels&&) noexcept = default;
    FacePixels& operator=(FacePixels const&) = default;
    FacePixels& operator=(FacePixels&&) noexcept = default;
    ~FacePixels();
};

/// The first face image of DG2 (tag 0x75).
/// @return Errc::malformed on bad TLV, a bad 19794-5 record, or no JPEG/JPEG 2000 image.
Result<FaceImageData> parse_dg2(ByteView file);

/// Decodes @p face to pixels: JPEG with libjpeg (gray or RGB), JPEG 2000 with openjpeg
/// (1 or 3 components of 8 bits are kept; others are reduced to 8 bits).
/// Images over 4096 x 4096 are refused. @return Errc::malformed if the image does not decode.
Result<FacePixels> decode_face_image(FaceImageData const& face);

/// DG2 with one ISO 19794-5 face record around @p image.
Bytes build_dg2(FaceFormat format, ByteView image, std::uint16_t width, std::uint16_t height);

/// JPEG of @p pixels (1 or 3 channels) at @p quality (1-100), with libjpeg.
/// @return Errc::invalid_argument on bad sizes, Errc::internal if libjpeg fails.
Result<Bytes> encode_jpeg(FacePixels const& pixels, int quality);

/// JPEG 2000 (JP2 file) of @p pixels (1 or 3 channels), lossy at about @p ratio : 1, with
/// openjpeg. @return Errc::invalid_argument on bad sizes, Errc::internal if openjpeg fails.
Result<Bytes> encode_jpeg2000(FacePixels const& pixels, float ratio);

} // namespace kiosk::id
