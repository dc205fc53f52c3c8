// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/code_scanner.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// Why the splitter threw a line away (counted, never logged with its content).
enum class LineDrop {
    too_long,  ///< longer than MAX_LINE_BYTES before its end came
    not_text,  ///< invalid UTF-8 or control characters (line noise, binary, wrong baud rate)
    fragment,  ///< bytes with no line end, followed by silence (a glitch or an unplug mid-code)
};

/// How many lines were dropped, by reason.
struct LineDropCounts {
    std::uint64_t too_long = 0;
    std::uint64_t not_text = 0;
    std::uint64_t fragment = 0;
};

/// Turns the byte stream of a scanner module into codes: one code per line ending in CR, LF
/// or CR LF; empty lines are ignored. A line is a code only if it is valid UTF-8 with no
/// control character other than TAB and at most MAX_LINE_BYTES long; anything else is
/// dropped whole (never passed on cut or repaired). A line may start with an AIM symbology
/// identifier ("]Q1" QR, "]C0" Code 128, "]L0" PDF417, "]d2" Data Matrix), as modules send
/// when configured to: it sets the format and is removed; without one the format is `other`.
/// Pure and single-threaded: the caller feeds bytes and the time.
class ScanLineSplitter {
public:
    /// Longest line accepted, in bytes (a QR holds at most 2953; our payloads are far shorter).
    static constexpr std::size_t MAX_LINE_BYTES = 2048;
    /// Complete codes kept for take(); one more drops the oldest (a reader that stopped asking
    /// never makes memory grow).
    static constexpr std::size_t READY_LIMIT = 16;
    /// A line still unfinished this long after its last byte is a fragment.
    static constexpr std::chrono::milliseconds FRAGMENT_TIMEOUT { 300 };

    /// Appends @p bytes received at @p now; complete lines become codes (see take()).
    void feed(ByteView bytes, std::chrono::steady_clock::time_point now);

    /// Drops an unfinished line whose last byte is older than FRAGMENT_TIMEOUT at @p now.
    void expire(std::chrono::steady_clock::time_point now);

    /// Forgets the unfinished line (the device went away).
    void reset();

    /// The oldest complete code not taken yet, or std::nullopt.
    std::optional<hal::ScannedCode> take();

    /// When the unfinished line becomes a fragment, if there is one.
    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> fragment_deadline() const;

    [[nodiscard]] LineDropCounts const& drops() const noexcept { return m_drops; }

private:
    void finish_line(std::chrono::steady_clock::time_point now);

    std::string m_line;
    bool m_overflowed = false;
    std::optional<std::chrono::steady_clock::time_point> m_last_byte_at;
    std::deque<hal::ScannedCode> m_ready;
    LineDropCounts m_drops;
};

/// Whether @p text is valid UTF-8 (no overlong forms, surrogates or code points above
/// U+10FFFF) holding no control character except TAB.
bool is_clean_text(std::string const& text) noexcept;

} // namespace kiosk::drivers
