// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <cstdint>

namespace kiosk::drivers {

/// The ESC/POS real-time status queries `DLE EOT n` and their one-byte replies. Every reply
/// has the fixed pattern 0xx1xx10 (bits 1 and 4 set, 0 and 7 clear).
class EscPosStatus {
public:
    /// n of `DLE EOT n`.
    enum class Query : std::uint8_t {
        printer = 1,  ///< bit 3: offline
        offline = 2,  ///< bit 2: cover open, 3: paper fed by button, 5: stopped by paper end, 6: error
        error = 3,    ///< bit 2: mechanical, 3: auto-cutter, 5: unrecoverable, 6: auto-recoverable
        paper = 4,    ///< bits 2+3: paper near end, bits 5+6: paper end
    };

    /// The three bytes that ask @p query.
    static std::array<std::uint8_t, 3> request(Query query) noexcept;

    /// Whether @p reply has the status byte pattern.
    static bool is_status_byte(std::uint8_t reply) noexcept;

    /// Folds the replies to all four queries (printer, offline, error, paper, in that order)
    /// into one status. @return Errc::malformed if a byte lacks the status pattern.
    static Result<hal::PrinterStatus> parse(std::array<std::uint8_t, 4> const& replies);

    /// The replies a printer in @p status gives, in query order: what the emulator answers.
    static std::array<std::uint8_t, 4> replies_for(hal::PrinterStatus const& status) noexcept;
};

} // namespace kiosk::drivers
