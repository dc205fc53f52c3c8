// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <functional>

namespace kiosk::drivers {

/// Reads @p image from start to end in 64 KiB chunks, handing each to @p chunk (which may
/// fail and stop the read). @return Errc::not_found if the file is missing, Errc::io if it
/// cannot be read (a directory, a read error), or the chunk handler's error.
Result<void> read_image(std::filesystem::path const& image, std::function<Result<void>(ByteView)> const& chunk);

} // namespace kiosk::drivers
