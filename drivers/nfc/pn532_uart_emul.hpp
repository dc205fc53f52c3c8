// SPDX-License-Identifier: MIT
#pragma once

#include "nfc/card_emul.hpp"
#include "nfc/pn532_frame.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/card_reader.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::drivers {

/// A PN532 NFC controller in HSU (UART) mode at the far end of a pseudo terminal, with an
/// emulated RF field holding at most one card (a CardEmul). libnfc's real `pn532_uart` driver
/// opens the pty's slave side (`pn532_uart:/dev/pts/N`) and talks the PN532 frame protocol
/// to it: wake-up, ACK/NACK, normal and extended frames, Diagnose, GetFirmwareVersion,
/// SAMConfiguration, SetParameters, RFConfiguration, Read/WriteRegister, InListPassiveTarget
/// (106 kbps type A and B), InAutoPoll, InDataExchange (with MI chaining of long answers),
/// InCommunicateThru (raw ISO 14443-4 blocks: I-blocks with chaining, R(ACK/NAK),
/// S(DESELECT)), InDeselect, InRelease, InSelect, GetGeneralStatus and PowerDown.
///
/// One worker thread serves the pty; it blocks in poll() and is woken by the methods below,
/// so the emulator answers at once and shuts down promptly. All public methods are
/// thread-safe; lift() may also be called from inside the card's respond().
class Pn532UartEmul {
public:
    /// Faults the emulator can put into its next card-exchange answer (InDataExchange or
    /// InCommunicateThru), to test how the host copes with a broken serial link.
    enum class Fault {
        none,
        truncated_frame, ///< only the first half of the answer frame is sent
        bad_checksum,    ///< the data checksum is wrong
        garbage,         ///< bytes that are no frame at all
    };

    /// Opens a pty pair, makes its slave side raw and starts the worker.
    /// @return Errc::io if no pty can be allocated.
    static Result<std::unique_ptr<Pn532UartEmul>> open();

    /// Stops the worker and closes the pty (as unplug()).
    ~Pn532UartEmul();
    Pn532UartEmul(Pn532UartEmul const&) = delete;
    Pn532UartEmul& operator=(Pn532UartEmul const&) = delete;
    Pn532UartEmul(Pn532UartEmul&&) = delete;
    Pn532UartEmul& operator=(Pn532UartEmul&&) = delete;

    /// The slave side of the pty, e.g. "/dev/pts/4".
    [[nodiscard]] std::string const& device_path() const noexcept { return m_device_path; }

    /// The libnfc connection string for it: "pn532_uart:/dev/pts/4".
    [[nodiscard]] std::string connection_string() const { return "pn532_uart:" + m_device_path; }

    /// Puts @p card into the field as a @p technology card, replacing (and so removing) any
    /// card there. Wakes a pending InAutoPoll.
    void place(std::unique_ptr<CardEmul> card, hal::CardTechnology technology = hal::CardTechnology::iso14443a);

    /// Lifts the card out of the field, if any. An exchange in progress when it is lifted
    /// ends in a timeout status, as with a real card leaving mid-command.
    void lift();

    /// Whether a card is in the field now.
    [[nodiscard]] bool card_in_field() const;

    /// Makes the next card-exchange answer faulty (see Fault).
    void inject_fault(Fault fault);

    /// Unplugs the reader: stops the worker and closes both sides of the pty, so the host's
    /// next read or write fails. Idempotent.
    void unplug();

    /// Number of command frames answered so far (for benchmarks and tests).
    [[nodiscard]] std::uint64_t commands_served() const noexcept { return m_commands.load(); }

    /// Number of times a card was selected (activated by InListPassiveTarget or InAutoPoll).
    [[nodiscard]] std::uint64_t selections() const noexcept { return m_selections.load(); }

    /// Waits up to @p bound until commands_served() >= @p commands and selections() >=
    /// @p selections. @return whether that happened (for tests that act at a point of the
    /// host's conversation without sleeping).
    bool wait_for_progress(std::uint64_t commands, std::uint64_t selections, std::chrono::milliseconds bound) const;

private:
    struct FieldCard {
        std::shared_ptr<CardEmul> card;
        hal::CardTechnology technology = hal::CardTechnology::iso14443a;
        std::uint64_t arrival = 0;
    };

    Pn532UartEmul(int master_fd, int slave_fd, int wake_fd, std::string device_path);

    void run();
    void wake() const;
    void notify_progress();
    void handle_bytes(ByteView bytes);
    void handle_frame(pn532::Frame const& frame);
    /// Answers one command; std::nullopt sends the error frame instead.
    std::optional<Bytes> execute(Bytes const& command);
    void send_response(std::uint8_t command_code, Bytes const& data, bool card_exchange);
    void write_all(ByteView bytes);

    std::optional<Bytes> in_list_passive_target(Bytes const& command);
    std::optional<Bytes> in_auto_poll(Bytes const& command);
    Bytes in_data_exchange(Bytes const& command);
    Bytes in_communicate_thru(Bytes const& command);
    /// Target data for InListPassiveTarget / InAutoPoll: Tg + SENS_RES ... or ATQB ...
    Bytes target_data(FieldCard const& card) const;
    /// Selects the card in the field if it matches @p technology and is not halted.
    std::optional<FieldCard> activate(hal::CardTechnology technology);
    /// The selected card, if it is still in the field.
    std::optional<FieldCard> active_card() const;
    /// Passes a complete APDU to the active card; std::nullopt if it gave no answer or left.
    std::optional<Bytes> exchange_apdu(FieldCard const& card, ByteView apdu);
    void field_reset();
    void try_answer_auto_poll();

    int m_master_fd;
    int m_slave_fd;
    int m_wake_fd;
    std::string m_device_path;

    mutable std::mutex m_mutex; // guards the field and the fault below
    std::optional<FieldCard> m_field;
    std::uint64_t m_arrivals = 0;
    Fault m_fault = Fault::none;

    // Worker-thread state (chip side).
    pn532::FrameParser m_parser;
    Bytes m_last_response_frame;
    std::optional<std::uint64_t> m_active_arrival;
    std::optional<std::uint64_t> m_halted_arrival;
    hal::CardTechnology m_active_technology = hal::CardTechnology::iso14443a;
    std::array<std::uint8_t, 0x10000> m_registers {};
    /// The rest of a long InDataExchange answer, sent on the host's next MI request.
    Bytes m_pending_mi;
    /// ISO-DEP (raw InCommunicateThru) state: the command APDU being chained to the card,
    /// the answer being chained back, and the last block sent.
    Bytes m_iso_dep_command;
    Bytes m_iso_dep_answer;
    std::size_t m_iso_dep_answer_sent = 0;
    Bytes m_iso_dep_last_block;
    /// A pending InAutoPoll: the target types asked for and when it gives up.
    std::optional<std::chrono::steady_clock::time_point> m_auto_poll_deadline;
    Bytes m_auto_poll_types;

    std::atomic<bool> m_stop { false };
    std::atomic<std::uint64_t> m_commands { 0 };
    std::atomic<std::uint64_t> m_selections { 0 };
    mutable std::mutex m_progress_mutex;
    mutable std::condition_variable m_progress;
    std::mutex m_unplug_mutex;
    std::thread m_worker;
};

} // namespace kiosk::drivers
