// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/card_reader.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// A card a test or scenario puts into the simulated field.
struct SimCard {
    /// What wait_for_card() reports once the card is selected.
    hal::CardInfo info;
    /// The card's answer to one command APDU (data + SW1 SW2). Called on the thread that calls
    /// transmit(), without the reader's lock held, so it may call SimCardReader::remove_card()
    /// to model a card lifted mid-exchange. An empty function is a mute card: every transmit()
    /// then ends in Errc::timeout (or Errc::disconnected if the card is removed meanwhile).
    std::function<Bytes(ByteView)> respond;
};

/// Role-level model of an NFC reader (no PN532, no libnfc): cards are placed into and removed
/// from the field by test or scenario hooks, and APDUs go straight to the card's respond
/// function. Semantics follow hal::CardReader. All methods are thread-safe.
class SimCardReader final : public hal::CardReader {
public:
    /// Same type as kiosk::drivers::SimCard, so both spellings work.
    using SimCard = drivers::SimCard;

    /// A reader with an empty field.
    static std::unique_ptr<SimCardReader> create();

    ~SimCardReader() override;

    /// "simulated reader ready, no card in field" (or "..., card in field"). Never fails.
    Result<std::string> self_test() override;

    /// Waits up to @p timeout (steady clock) for a card in the field and selects it; a card
    /// already in the field is selected at once. @return the card's info, std::nullopt on
    /// timeout, Errc::cancelled if cancel() was called while waiting.
    Result<std::optional<hal::CardInfo>> wait_for_card(std::chrono::milliseconds timeout) override;

    /// Passes @p command to the selected card's respond function and returns its answer.
    /// @return Errc::not_found if no card is selected (never selected, or release()d),
    ///         Errc::disconnected if the selected card left the field (before or during the
    ///         exchange), Errc::timeout if the card is mute or took longer than @p timeout to
    ///         answer, Errc::malformed if the answer is shorter than 2 bytes.
    Result<Bytes> transmit(ByteView command, std::chrono::milliseconds timeout) override;

    /// Whether the selected card is still in the field; false when none is selected.
    Result<bool> card_present() override;

    /// Waits up to @p timeout for the selected card to leave the field. @return true if it
    /// left (or none is selected), false if still there, Errc::cancelled if cancel() was called.
    Result<bool> wait_for_removal(std::chrono::milliseconds timeout) override;

    /// Deselects the card; it stays in the field. Safe to call at any time.
    void release() override;

    /// Makes waits in progress on other threads return Errc::cancelled at once. A cancel with
    /// no wait in progress has no effect (like aborting a reader command that is not running).
    void cancel() override;

    /// Hook: puts @p card into the field, replacing (and so removing) any card there. Wakes a
    /// thread blocked in wait_for_card().
    void place_card(SimCard card);

    /// Hook: lifts the card out of the field, if any. The selected card becomes disconnected;
    /// wakes a thread blocked in wait_for_removal().
    void remove_card();

private:
    SimCardReader() = default;

    [[nodiscard]] bool selected_card_in_field() const;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    /// The card in the field and its arrival number: each place_card() is a new presence.
    std::optional<SimCard> m_card;
    std::uint64_t m_card_arrival = 0;
    /// Arrival number of the selected card, if one is selected.
    std::optional<std::uint64_t> m_selected_arrival;
    /// Bumped by cancel(); a wait returns Errc::cancelled when it changes under it.
    std::uint64_t m_cancel_count = 0;
};

} // namespace kiosk::drivers
