// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <filesystem>

namespace kiosk::drivers {

/// Largest image side accepted from a file or a camera buffer, in pixels; larger ones are
/// refused rather than allocated.
inline constexpr int MAX_IMAGE_SIDE_PX = 8192;

/// Largest image file read, in bytes.
inline constexpr std::size_t MAX_IMAGE_FILE_BYTES = std::size_t { 64 } << 20U;

/// Reads a PNG or JPEG file (recognised by its first bytes, not its name) as an 8-bit
/// grayscale frame (stride == width, sequence 0, captured_at now). Colour is converted with
/// the usual luma weights. Blocks on file I/O only.
/// @return Errc::not_found if the file does not exist, Errc::io if it cannot be read,
///         Errc::unsupported if it is neither PNG nor JPEG, Errc::malformed if it is corrupt or
///         larger than MAX_IMAGE_SIDE_PX / MAX_IMAGE_FILE_BYTES.
Result<hal::Frame> load_gray_image(std::filesystem::path const& file);

/// Decodes PNG or JPEG bytes already in memory, as load_gray_image() does.
/// @return Errc::unsupported for other formats, Errc::malformed for corrupt data.
Result<hal::Frame> decode_gray_image(ByteView bytes);

/// Decodes one JPEG image (a camera's MJPEG frame; tables it omits are taken from the
/// standard ones) into 8-bit grayscale. @return Errc::malformed for corrupt data.
Result<hal::Frame> decode_gray_jpeg(ByteView bytes);

/// Decodes one PNG image into 8-bit grayscale. @return Errc::malformed for corrupt data.
Result<hal::Frame> decode_gray_png(ByteView bytes);

} // namespace kiosk::drivers
