// SPDX-License-Identifier: MIT
// The PN532 host-link frame format (PN532 User Manual §6.2): normal and extended information
// frames, ACK, NACK and the application-level error frame, with their length and data
// checksums. Pure functions and an incremental parser; used by Pn532UartEmul (the chip side).
#pragma once

#include <kiosk/hal/bytes.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace kiosk::drivers::pn532 {

/// Frame identifier of an information frame from the host to the PN532.
inline constexpr std::uint8_t TFI_HOST_TO_PN532 = 0xD4;
/// Frame identifier of an information frame from the PN532 to the host.
inline constexpr std::uint8_t TFI_PN532_TO_HOST = 0xD5;
/// Largest LEN (TFI + command code + data) the PN532 accepts or sends in one frame.
inline constexpr std::size_t MAX_FRAME_LEN = 265;
/// Largest LEN a normal (not extended) frame can carry.
inline constexpr std::size_t MAX_NORMAL_LEN = 255;

/// An information frame: 00 00 FF LEN LCS TFI PD0..PDn DCS 00, or the extended form
/// 00 00 FF FF FF LENM LENL LCS TFI ... when TFI + @p payload is longer than 255 bytes.
/// @p payload is the command or response code followed by its data.
/// @pre 1 + payload.size() <= MAX_FRAME_LEN
Bytes encode_information_frame(std::uint8_t tfi, ByteView payload);

/// 00 00 FF 00 FF 00: the command was received (or, from the host, abort the running command).
Bytes ack_frame();
/// 00 00 FF FF 00 00: resend the last response.
Bytes nack_frame();
/// 00 00 FF 01 FF 7F 81 00: the command was not understood (syntax error).
Bytes error_frame();

/// What the parser found in the byte stream.
enum class FrameKind {
    information, ///< a well-formed information frame (tfi, payload set)
    ack,
    nack,
    error,        ///< the application-level error frame
    bad_checksum, ///< a frame whose length or data checksum, or postamble, is wrong (dropped)
};

struct Frame {
    FrameKind kind = FrameKind::information;
    std::uint8_t tfi = 0;
    /// Command or response code followed by its data (information frames only).
    Bytes payload;
};

/// Splits a byte stream into frames. Bytes before a start code (00 FF), such as the HSU
/// wake-up preamble 55 55 00 00 ..., are skipped. Lengths above MAX_FRAME_LEN count as
/// bad frames, so a hostile stream cannot make the parser buffer without bound.
class FrameParser {
public:
    /// Appends received bytes.
    void feed(ByteView bytes);

    /// The next complete frame, or std::nullopt if more bytes are needed.
    std::optional<Frame> next();

    /// Bytes held waiting for the rest of a frame.
    [[nodiscard]] std::size_t buffered() const noexcept { return m_buffer.size(); }

    /// Drops everything buffered.
    void clear() noexcept { m_buffer.clear(); }

private:
    Bytes m_buffer;
};

} // namespace kiosk::drivers::pn532
