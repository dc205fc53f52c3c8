// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace kiosk::hal {

/// How much paper is left, as the printer's sensors say.
enum class PaperLevel {
    ok,
    near_end,
    end,
};

/// Snake-case name used in JSON ("near_end").
std::string_view paper_level_name(PaperLevel level) noexcept;

/// A printer's state as last asked of the device.
struct PrinterStatus {
    bool online = false;
    bool cover_open = false;
    PaperLevel paper = PaperLevel::ok;
    bool cutter_error = false;
    bool unrecoverable_error = false;
    /// Errors the printer clears by itself (head too hot, ...).
    bool recoverable_error = false;

    /// True when a receipt can be printed now.
    [[nodiscard]] bool ready() const noexcept
    {
        return online && !cover_open && paper != PaperLevel::end && !cutter_error && !unrecoverable_error;
    }
};

} // namespace kiosk::hal
