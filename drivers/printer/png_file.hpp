// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>

namespace kiosk::drivers {

/// 1-bit images as PNG files, black dots on white. The one file that calls libpng.
namespace png_file {

    /// Writes @p image to @p path as an 8-bit grayscale PNG, complete or not at all (written
    /// under a temporary name, then renamed). @return the mapped errno kind, Errc::io.
    Result<void> write(std::filesystem::path const& path, hal::RasterImage const& image);

    /// Reads a PNG; pixels darker than mid-gray become dots.
    /// @return Errc::not_found, Errc::malformed if it is not a PNG libpng can read.
    Result<hal::RasterImage> read(std::filesystem::path const& path);

} // namespace png_file

} // namespace kiosk::drivers
