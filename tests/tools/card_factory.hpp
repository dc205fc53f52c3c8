// SPDX-License-Identifier: MIT
// Cards for the emulated reader field, named by a short text spec, so the `pn532-emul` tool,
// the sim board's emulated reader and the tests all make the same cards.
#pragma once

#include <nfc/card_emul.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kiosk::test {

/// Makes the card named by @p spec, or null if the spec is unknown or malformed.
///   `apdu-echo[:OPTIONS]`  an ISO 7816-4 test card (see card_factory.cpp): SELECT of the
///       eMRTD AID or of EF 011E, READ BINARY of that file (short and extended Le), ECHO
///       (CLA 80 INS EC returns its command data), GET CHALLENGE. OPTIONS, comma-separated:
///       `size=N` file size in bytes (default 2048, at most 65535), `uid=HEX` (4 or 7 bytes),
///       `ext=0` no extended-length support.
///   `mute`  a card that is selected but never answers an APDU.
///   `persona:NAME`  (added by the chip-protocol work) an ICAO card from the persona table.
std::unique_ptr<drivers::CardEmul> make_test_card(std::string_view spec);

/// One line naming the specs make_test_card() knows, for usage messages.
std::string test_card_specs();

/// Byte @p offset of the apdu-echo card's file: a fixed pattern tests can check.
constexpr std::uint8_t test_file_byte(std::size_t offset) noexcept
{
    return static_cast<std::uint8_t>((offset * 31U + 7U) & 0xFFU);
}

} // namespace kiosk::test
