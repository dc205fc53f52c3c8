// SPDX-License-Identifier: MIT
#pragma once

#include "scanner/scan_line_splitter.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace kiosk::drivers {

/// Turns the key events of a keyboard-wedge scanner (a scanner that types the code and
/// presses Enter) into codes, for a US keyboard layout, which is what such scanners are set
/// to by default. Shift and Caps Lock are followed; key repeats are ignored; Enter (main or
/// keypad) ends a code. A key with no character (F1, arrows, Alt...) spoils its line, which
/// is then dropped whole, as are fragments and over-long lines (ScanLineSplitter's rules).
/// A US wedge cannot type Vietnamese letters: use a serial (CDC) scanner for ID-card QRs.
/// Pure and single-threaded.
class KeyboardWedgeDecoder {
public:
    /// One evdev event: @p type EV_KEY with @p code a KEY_* and @p value 1 press, 0 release,
    /// 2 repeat; other types are ignored.
    void feed(std::uint16_t type, std::uint16_t code, std::int32_t value, std::chrono::steady_clock::time_point now);

    void expire(std::chrono::steady_clock::time_point now) { m_lines.expire(now); }
    void reset();
    std::optional<hal::ScannedCode> take() { return m_lines.take(); }
    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> fragment_deadline() const
    {
        return m_lines.fragment_deadline();
    }
    [[nodiscard]] LineDropCounts const& drops() const noexcept { return m_lines.drops(); }

private:
    ScanLineSplitter m_lines;
    bool m_left_shift = false;
    bool m_right_shift = false;
    bool m_caps_lock = false;
};

/// The character a US keyboard types for @p key, or std::nullopt for keys without one.
std::optional<char> us_key_char(std::uint16_t key, bool shift, bool caps_lock) noexcept;

} // namespace kiosk::drivers
