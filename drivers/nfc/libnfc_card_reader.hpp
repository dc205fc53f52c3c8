// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/card_reader.hpp>
#include <kiosk/hal/result.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::drivers {

/// A contactless reader driven through libnfc 1.8 (this is the only file of the project that
/// includes <nfc/nfc.h>): any libnfc device (`pn532_uart:/dev/ttyS0`, `acr122_usb`,
/// `pn53x_usb`, `pcsc` where libnfc has it), ISO 14443-4 cards of type A and B.
///
/// APDUs travel in ISO 14443-4 blocks that this class builds itself (libnfc "easy framing"
/// off, the chip handles CRC): command chaining within the card's FSC, answer chaining,
/// waiting-time extensions, so short and extended-length APDUs of any size up to 64 KiB
/// work, which libnfc's own InDataExchange path (263 bytes at most) does not allow.
///
/// Calls come from one worker thread; cancel() may be called from any thread.
class LibnfcCardReader final : public hal::CardReader {
public:
    /// How often waits ask the reader whether a card arrived or left.
    static constexpr std::chrono::milliseconds POLL_INTERVAL { 50 };

    /// Opens the libnfc device @p connection ("" = libnfc's default device) and makes it an
    /// initiator. Blocks while libnfc opens the device (for pn532_uart about 0.1 s).
    /// @return Errc::not_found if libnfc finds no such device (wrong path, unplugged, held
    ///         by the kernel's pn533 driver or by pcscd), Errc::io if it cannot be initialised.
    static Result<std::unique_ptr<LibnfcCardReader>> open(std::string_view connection);

    ~LibnfcCardReader() override;
    LibnfcCardReader(LibnfcCardReader const&) = delete;
    LibnfcCardReader& operator=(LibnfcCardReader const&) = delete;
    LibnfcCardReader(LibnfcCardReader&&) = delete;
    LibnfcCardReader& operator=(LibnfcCardReader&&) = delete;

    /// "pn532_uart:/dev/pts/3 ready (libnfc 1.8.0)" after a command round trip to the chip.
    /// @return Errc::disconnected if the reader does not answer.
    Result<std::string> self_test() override;

    /// Polls for a type A, then type B ISO 14443-4 card every POLL_INTERVAL until @p timeout.
    /// A card selected before is released first. @return the card, std::nullopt on timeout,
    /// Errc::cancelled, Errc::disconnected if the reader went away.
    Result<std::optional<hal::CardInfo>> wait_for_card(std::chrono::milliseconds timeout) override;

    /// Sends @p command in ISO 14443-4 blocks and collects the answer; @p timeout bounds the
    /// whole exchange. @return data + SW1 SW2; Errc::not_found (no card selected),
    /// Errc::disconnected (card left, or reader gone), Errc::timeout (card present but
    /// silent), Errc::malformed (answer shorter than a status word, broken block or frame),
    /// Errc::invalid_argument (command shorter than 4 bytes or over 65544), Errc::cancelled.
    Result<Bytes> transmit(ByteView command, std::chrono::milliseconds timeout) override;

    /// Asks the chip now (an R(NAK) ping of the card). False when none is selected.
    Result<bool> card_present() override;

    /// Pings the card every POLL_INTERVAL until it leaves or @p timeout passes.
    Result<bool> wait_for_removal(std::chrono::milliseconds timeout) override;

    /// Deselects the card and switches the RF field off and on, so the card starts afresh
    /// next time. Never fails visibly.
    void release() override;

    /// Makes a wait on another thread return Errc::cancelled within one POLL_INTERVAL, and
    /// aborts a libnfc command in progress (nfc_abort_command()).
    void cancel() override;

    /// The connection string libnfc opened, e.g. "pn532_uart:/dev/pts/3".
    [[nodiscard]] std::string const& connection() const noexcept { return m_connection; }

private:
    struct Handles; // libnfc's context and device, defined in the .cpp

    LibnfcCardReader(std::unique_ptr<Handles> handles, std::string connection);

    /// One raw ISO 14443-4 block exchange. @return the card's block or an error.
    Result<Bytes> exchange_block(ByteView block, std::chrono::steady_clock::time_point deadline);
    /// Maps a failed libnfc call to an Errc, pinging the card or the chip to tell a card that
    /// left or a reader that vanished from a garbled frame.
    Error classify_failure(int libnfc_error, char const* context);
    /// Whether the chip still answers a command (false after an unplug).
    bool chip_answers();
    Result<bool> ping_card();
    void forget_card();
    void deselect_and_reset_field();
    /// Waits up to @p wait on the cancel condition. @return true if cancelled meanwhile.
    bool pause(std::chrono::milliseconds wait, std::uint64_t cancel_at_start);

    std::unique_ptr<Handles> m_handles;
    std::string m_connection;

    // Card state (worker thread).
    std::optional<hal::CardInfo> m_card;
    bool m_card_gone = false;
    bool m_reader_gone = false;
    std::uint8_t m_block_number = 0;
    std::size_t m_card_frame_size = 32;

    // Cancellation (any thread).
    std::mutex m_cancel_mutex;
    std::condition_variable m_cancel_changed;
    std::uint64_t m_cancel_count = 0;
    std::atomic<bool> m_in_command { false };
};

} // namespace kiosk::drivers
