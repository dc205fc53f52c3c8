// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <string_view>

namespace kiosk::codes {

/// How much of a QR code may be damaged and still read (ISO/IEC 18004 levels).
enum class QrErrorCorrection {
    low,      ///< ~7 %
    medium,   ///< ~15 %: receipts and screens
    quartile, ///< ~25 %
    high,     ///< ~30 %
};

/// Encodes text as a QR code module matrix. The one file that calls ZXing's encoder; the
/// receipt printer and the UI both draw from its matrix. Stateless, any thread.
class QrEncoder {
public:
    /// The largest payload accepted, in bytes.
    static constexpr std::size_t MAX_PAYLOAD_BYTES = 1024;

    /// Encodes @p payload (UTF-8, byte mode with a UTF-8 ECI when it is not ASCII).
    /// @return the modules, one dot per module, 1 = dark, no quiet zone (callers add four
    ///         modules of white around it). Errc::invalid_argument if the payload is empty,
    ///         longer than MAX_PAYLOAD_BYTES or does not fit a QR code at @p level.
    static Result<hal::RasterImage> encode(
        std::string_view payload, QrErrorCorrection level = QrErrorCorrection::medium);
};

} // namespace kiosk::codes
