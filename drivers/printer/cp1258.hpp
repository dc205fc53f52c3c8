// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <string>
#include <string_view>

namespace kiosk::drivers {

/// Windows code page 1258 (Epson "WPC1258"), the printer code page that covers Vietnamese.
/// It has the base letters (â ê ô ă ơ ư đ ...) and five combining tone marks; a toned letter it
/// lacks (ế, ợ, ...) is written as base letter + combining tone, which the printer overstrikes.
namespace cp1258 {

    /// Encodes UTF-8 @p text (NFC or NFD) for the printer.
    /// @return Errc::unsupported if a character has no CP1258 form (the caller prints the
    ///         text as raster instead), Errc::invalid_argument if the text is not valid UTF-8.
    Result<std::string> encode(std::string_view text);

    /// Decodes CP1258 @p bytes to UTF-8 (combining tones stay combining). Unassigned bytes
    /// become U+FFFD.
    std::string decode(std::string_view bytes);

    /// Character cells the printer uses for @p bytes: combining tone marks take none.
    int columns(std::string_view bytes);

} // namespace cp1258

} // namespace kiosk::drivers
