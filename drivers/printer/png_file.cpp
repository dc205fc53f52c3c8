// SPDX-License-Identifier: MIT
// The one file that calls libpng, through its simplified png_image API.
#include "printer/png_file.hpp"

#include <png.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <vector>

namespace kiosk::drivers::png_file {

Result<void> write(std::filesystem::path const& path, hal::RasterImage const& image)
{
    if (image.width() <= 0 || image.height() <= 0)
        return fail(Errc::invalid_argument, "writing an empty image");
    std::vector<std::uint8_t> gray(static_cast<std::size_t>(image.width()) * static_cast<std::size_t>(image.height()));
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            gray[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width()) + static_cast<std::size_t>(x)]
                = image.dot(x, y) ? 0 : 255;

    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width());
    png.height = static_cast<png_uint_32>(image.height());
    png.format = PNG_FORMAT_GRAY;

    std::filesystem::path temp = path;
    temp += ".partial";
    if (png_image_write_to_file(&png, temp.c_str(), 0, gray.data(), image.width(), nullptr) == 0) {
        int const saved = errno;
        png_image_free(&png);
        std::filesystem::remove(temp);
        return Unexpected(Error::from_errno(saved != 0 ? saved : EIO, "writing a PNG file"));
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        int const saved = errno;
        std::filesystem::remove(temp);
        return Unexpected(Error::from_errno(saved, "saving a PNG file"));
    }
    return {};
}

Result<hal::RasterImage> read(std::filesystem::path const& path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return fail(Errc::not_found, "PNG file not found");
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&png, path.c_str()) == 0)
        return fail(Errc::malformed, "not a PNG file");
    png.format = PNG_FORMAT_GRAY;
    std::vector<std::uint8_t> gray(PNG_IMAGE_SIZE(png));
    if (png_image_finish_read(&png, nullptr, gray.data(), 0, nullptr) == 0) {
        png_image_free(&png);
        return fail(Errc::malformed, "reading a PNG file");
    }
    hal::RasterImage image(static_cast<int>(png.width), static_cast<int>(png.height));
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (gray[static_cast<std::size_t>(y) * png.width + static_cast<std::size_t>(x)] < 128)
                image.set_dot(x, y);
    return image;
}

} // namespace kiosk::drivers::png_file
