// SPDX-License-Identifier: MIT
// The one file that calls libpng and libjpeg.
#include "camera/gray_image.hpp"

#include <array>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include <jpeglib.h>
#include <png.h>

namespace kiosk::drivers {

namespace {

    bool starts_with(ByteView bytes, std::initializer_list<std::uint8_t> magic)
    {
        if (bytes.size() < magic.size())
            return false;
        return std::equal(magic.begin(), magic.end(), bytes.begin());
    }

    hal::Frame make_frame(int width, int height)
    {
        hal::Frame frame;
        frame.size = { width, height };
        frame.stride = width;
        frame.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
        frame.captured_at = std::chrono::steady_clock::now();
        return frame;
    }

    /// libjpeg reports fatal errors through error_exit, which must not return: jump back to
    /// decode_gray_jpeg(), which cleans up and reports Errc::malformed.
    struct JpegErrorManager {
        jpeg_error_mgr base {};
        std::jmp_buf jump {};
    };

    [[noreturn]] void jpeg_error_exit(j_common_ptr info)
    {
        auto* manager = reinterpret_cast<JpegErrorManager*>(info->err); // NOLINT: libjpeg's C idiom
        std::longjmp(manager->jump, 1); // NOLINT(cert-err52-cpp): libjpeg's only error path
    }

    void jpeg_silent(j_common_ptr /*info*/, int /*level*/) { }

} // namespace

Result<hal::Frame> decode_gray_jpeg(ByteView bytes)
{
    if (bytes.size() < 4 || bytes.size() > MAX_IMAGE_FILE_BYTES)
        return fail(Errc::malformed, "decoding a JPEG: too short or too long");

    // Everything the jump may cross is declared before setjmp and trivially destructible or
    // owned outside the jumped-over region.
    jpeg_decompress_struct info {};
    JpegErrorManager errors;
    hal::Frame frame;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = &jpeg_error_exit;
    errors.base.emit_message = &jpeg_silent;
    if (setjmp(errors.jump) != 0) { // NOLINT(cert-err52-cpp)
        jpeg_destroy_decompress(&info);
        return fail(Errc::malformed, "decoding a JPEG: corrupt data");
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) {
        jpeg_destroy_decompress(&info);
        return fail(Errc::malformed, "decoding a JPEG: no image header");
    }
    if (info.image_width == 0 || info.image_height == 0 || info.image_width > MAX_IMAGE_SIDE_PX
        || info.image_height > MAX_IMAGE_SIDE_PX) {
        jpeg_destroy_decompress(&info);
        return fail(Errc::malformed, "decoding a JPEG: image size out of range");
    }
    // libjpeg converts YCbCr to gray by keeping Y, the luma a camera's sensor gives.
    info.out_color_space = JCS_GRAYSCALE;
    info.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&info);
    frame = make_frame(static_cast<int>(info.output_width), static_cast<int>(info.output_height));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = frame.pixels.data() + static_cast<std::size_t>(info.output_scanline) * info.output_width;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return frame;
}

Result<hal::Frame> decode_gray_png(ByteView bytes)
{
    png_image image {};
    image.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0)
        return fail(Errc::malformed, "decoding a PNG: corrupt header");
    if (image.width == 0 || image.height == 0 || image.width > MAX_IMAGE_SIDE_PX || image.height > MAX_IMAGE_SIDE_PX) {
        png_image_free(&image);
        return fail(Errc::malformed, "decoding a PNG: image size out of range");
    }
    // libpng's simplified API converts palette, 16-bit and colour images to 8-bit gray, and
    // composes transparency onto white (paper), which is what a camera would see.
    image.format = PNG_FORMAT_GRAY;
    png_color white { 255, 255, 255 };
    hal::Frame frame = make_frame(static_cast<int>(image.width), static_cast<int>(image.height));
    if (png_image_finish_read(&image, &white, frame.pixels.data(), static_cast<png_int_32>(image.width), nullptr) == 0) {
        png_image_free(&image);
        return fail(Errc::malformed, "decoding a PNG: corrupt data");
    }
    png_image_free(&image);
    return frame;
}

Result<hal::Frame> decode_gray_image(ByteView bytes)
{
    if (starts_with(bytes, { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }))
        return decode_gray_png(bytes);
    if (starts_with(bytes, { 0xff, 0xd8, 0xff }))
        return decode_gray_jpeg(bytes);
    return fail(Errc::unsupported, "reading an image: neither PNG nor JPEG");
}

Result<hal::Frame> load_gray_image(std::filesystem::path const& file)
{
    std::error_code error;
    auto const size = std::filesystem::file_size(file, error);
    if (error)
        return fail(error == std::errc::no_such_file_or_directory ? Errc::not_found : Errc::io,
            "reading an image file", error.value());
    if (size > MAX_IMAGE_FILE_BYTES)
        return fail(Errc::malformed, "reading an image file: larger than 64 MiB");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(Errc::io, "opening an image file", errno);
    Bytes bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())); // NOLINT: byte I/O
    if (static_cast<std::size_t>(in.gcount()) != bytes.size())
        return fail(Errc::io, "reading an image file: short read");
    return decode_gray_image(bytes);
}

} // namespace kiosk::drivers
