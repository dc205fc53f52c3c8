// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/device.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <optional>

namespace kiosk::hal {

/// Contactless technology of a card in the field.
enum class CardTechnology {
    iso14443a,
    iso14443b,
};

/// A selected ISO 14443-4 card. The UID is random per session on ID cards and is not
/// personal data, but it is still not logged.
struct CardInfo {
    CardTechnology technology = CardTechnology::iso14443a;
    Bytes uid;
    /// ATS historical bytes (type A) or ATQB application data (type B).
    Bytes answer_to_select;
    /// The card accepts extended-length APDUs (Lc/Le over 255/256 bytes).
    bool extended_length = false;
};

/// An NFC reader talking ISO 14443-4 (ISO-DEP) to one card at a time. Implementations:
/// drivers/nfc/sim_card_reader (role model), drivers/nfc/libnfc_card_reader (issue 6).
/// Calls come from one worker thread; cancel() may be called from any thread.
class CardReader : public Device {
public:
    /// Waits up to @p timeout for an ISO 14443-4 card to enter the field and selects it.
    /// @return the card, or std::nullopt if none arrived in time (not an error).
    ///         Errc::cancelled if cancel() was called, Errc::disconnected if the reader went away.
    virtual Result<std::optional<CardInfo>> wait_for_card(std::chrono::milliseconds timeout) = 0;

    /// Sends one command APDU to the selected card and returns its response (data + SW1 SW2).
    /// @return Errc::disconnected if the card left the field, Errc::timeout if it did not answer
    ///         within @p timeout, Errc::not_found if no card is selected, Errc::malformed if the
    ///         response is shorter than a status word.
    virtual Result<Bytes> transmit(ByteView command, std::chrono::milliseconds timeout) = 0;

    /// Asks the reader now whether the selected card is still in the field.
    /// @return false when it left or none is selected. Errc::disconnected if the reader went away.
    virtual Result<bool> card_present() = 0;

    /// Waits up to @p timeout for the selected card to leave the field.
    /// @return true if it left (or none was selected), false if it is still there.
    virtual Result<bool> wait_for_removal(std::chrono::milliseconds timeout) = 0;

    /// Deselects the card (if any) and idles the field. Safe to call at any time.
    virtual void release() = 0;

    /// Makes a blocking wait_for_card() or wait_for_removal() on another thread return
    /// Errc::cancelled promptly. Thread-safe. The next wait after it behaves normally.
    virtual void cancel() = 0;
};

} // namespace kiosk::hal
