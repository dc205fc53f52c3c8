// SPDX-License-Identifier: MIT
#pragma once

// ISO 7816-4 command APDUs: parse and encode, short and extended length.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace kiosk::id {

/// One command APDU. `le` is the number of response bytes asked for (1..65536), absent for
/// case 1 and 3 commands; an encoded Le of 00 (short) / 0000 (extended) means 256 / 65536.
struct Apdu {
    std::uint8_t cla = 0;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;
    std::optional<std::size_t> le;

    /// Encodes the command, in short form when data and Le fit (Lc <= 255, Le <= 256), else
    /// in extended form. @return Errc::invalid_argument if data exceeds 65535 bytes or Le 65536.
    [[nodiscard]] Result<Bytes> encode() const;

    /// Parses @p raw (cases 1, 2, 3, 4; short or extended).
    /// @return Errc::malformed if the lengths do not add up.
    static Result<Apdu> parse(ByteView raw);
};

/// Status words the protocol code acts on.
namespace sw {
inline constexpr std::uint16_t OK = 0x9000;
inline constexpr std::uint16_t END_OF_FILE = 0x6282; ///< fewer bytes than Le: the file ended
inline constexpr std::uint16_t AUTH_FAILED = 0x6300;
inline constexpr std::uint16_t WRONG_LENGTH = 0x6700;
inline constexpr std::uint16_t SECURITY_NOT_SATISFIED = 0x6982;
inline constexpr std::uint16_t SM_OBJECTS_INCORRECT = 0x6988;
inline constexpr std::uint16_t CONDITIONS_NOT_SATISFIED = 0x6985;
inline constexpr std::uint16_t WRONG_DATA = 0x6A80;
inline constexpr std::uint16_t FILE_NOT_FOUND = 0x6A82;
inline constexpr std::uint16_t WRONG_P1P2 = 0x6B00;
inline constexpr std::uint16_t INS_NOT_SUPPORTED = 0x6D00;
inline constexpr std::uint16_t CLA_NOT_SUPPORTED = 0x6E00;
} // namespace sw

/// A response split into data and status word.
struct Response {
    Bytes data;
    std::uint16_t status = 0;
    [[nodiscard]] bool ok() const noexcept { return status == sw::OK; }
};

/// Splits @p raw (data + SW1 SW2). @return Errc::malformed if shorter than 2 bytes.
Result<Response> split_response(ByteView raw);

/// data || SW1 SW2.
Bytes join_response(ByteView data, std::uint16_t status);

} // namespace kiosk::id
