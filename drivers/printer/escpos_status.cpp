// SPDX-License-Identifier: MIT
#include "printer/escpos_status.hpp"

namespace kiosk::drivers {

namespace {
    constexpr std::uint8_t PATTERN_MASK = 0x93;
    constexpr std::uint8_t PATTERN = 0x12;

    constexpr bool bit(std::uint8_t byte, int n) { return (byte & (1U << n)) != 0; }
    constexpr std::uint8_t flag(bool on, std::uint8_t bits) { return on ? bits : 0; }
} // namespace

std::array<std::uint8_t, 3> EscPosStatus::request(Query query) noexcept
{
    return { 0x10, 0x04, static_cast<std::uint8_t>(query) };
}

bool EscPosStatus::is_status_byte(std::uint8_t reply) noexcept { return (reply & PATTERN_MASK) == PATTERN; }

Result<hal::PrinterStatus> EscPosStatus::parse(std::array<std::uint8_t, 4> const& replies)
{
    for (std::uint8_t reply : replies)
        if (!is_status_byte(reply))
            return fail(Errc::malformed, "printer status reply lacks the DLE EOT bit pattern");
    auto const [printer, offline, error, paper] = replies;
    hal::PrinterStatus status;
    status.online = !bit(printer, 3);
    status.cover_open = bit(offline, 2);
    status.cutter_error = bit(error, 3);
    status.unrecoverable_error = bit(error, 5) || bit(error, 2);
    status.recoverable_error = bit(error, 6);
    // Some printers set only one bit of each pair; either means the condition.
    if (bit(paper, 5) || bit(paper, 6) || bit(offline, 5))
        status.paper = hal::PaperLevel::end;
    else if (bit(paper, 2) || bit(paper, 3))
        status.paper = hal::PaperLevel::near_end;
    else
        status.paper = hal::PaperLevel::ok;
    return status;
}

std::array<std::uint8_t, 4> EscPosStatus::replies_for(hal::PrinterStatus const& status) noexcept
{
    bool const paper_end = status.paper == hal::PaperLevel::end;
    bool const any_error = status.cutter_error || status.unrecoverable_error || status.recoverable_error;
    bool const offline = !status.online || status.cover_open || paper_end || any_error;
    return {
        static_cast<std::uint8_t>(PATTERN | flag(offline, 0x08)),
        static_cast<std::uint8_t>(PATTERN | flag(status.cover_open, 0x04) | flag(paper_end, 0x20) | flag(any_error, 0x40)),
        static_cast<std::uint8_t>(PATTERN | flag(status.cutter_error, 0x08) | flag(status.unrecoverable_error, 0x20)
            | flag(status.recoverable_error, 0x40)),
        static_cast<std::uint8_t>(PATTERN | flag(status.paper != hal::PaperLevel::ok, 0x0C) | flag(paper_end, 0x60)),
    };
}

} // namespace kiosk::drivers
