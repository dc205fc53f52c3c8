// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>

#include <optional>

namespace kiosk::drivers {

/// A contactless card model: what sits in an emulated RF field. A reader emulator
/// (Pn532UartEmul) asks it whether it is in the field and hands it each command APDU; the
/// ICAO card (firmware/id/emul/emrtd_card_emul) and test cards implement it. Called from the
/// reader emulator's thread only.
class CardEmul {
public:
    virtual ~CardEmul() = default;
    CardEmul(CardEmul const&) = delete;
    CardEmul& operator=(CardEmul const&) = delete;
    CardEmul(CardEmul&&) = delete;
    CardEmul& operator=(CardEmul&&) = delete;

    /// Whether the card is in the field now (a test or scenario lifts and replaces it).
    [[nodiscard]] virtual bool present() const = 0;

    /// The anticollision UID (4 or 7 bytes; ID cards use a random 4-byte UID per session).
    [[nodiscard]] virtual Bytes uid() const = 0;

    /// ATS historical bytes sent after RATS.
    [[nodiscard]] virtual Bytes historical_bytes() const = 0;

    /// Whether the card accepts extended-length APDUs.
    [[nodiscard]] virtual bool extended_length() const = 0;

    /// The card was (re)selected: a new power-up, so all session state (keys, selected
    /// file) is gone.
    virtual void power_up() = 0;

    /// Answers one command APDU with response data + SW1 SW2, or std::nullopt when the card
    /// gives no answer at all (it left the field mid-command: the reader sees a timeout).
    virtual std::optional<Bytes> respond(ByteView command) = 0;

protected:
    CardEmul() = default;
};

} // namespace kiosk::drivers
