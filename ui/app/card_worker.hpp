// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/chip_flow.hpp"
#include "ui/app/ui_event.hpp"

#include <id/access_key.hpp>
#include <id/chip_session.hpp>
#include <id/passive_auth.hpp>

#include <kiosk/hal/card_reader.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::ui {

/// What the screens show of a chip read: DG1 (names, dates), DG13 when present (the full name
/// with its marks, residence), the DG2 face decoded to RGB, the passive-authentication verdict
/// against @p trust (null: not checked) with the expiry date checked against @p today (ISO).
/// Runs on the worker thread (and in tests). @return Errc::malformed without a readable DG1.
Result<CitizenCard> citizen_card_from_chip(
    id::ChipSession const& session, id::TrustStore const* trust, std::string const& today);

/// What the card worker tells the UI thread, as UiActions on the EventQueue (TaskEvents for the
/// session the read was started for: dropped unrun once that session is wiped).
struct CardWorkerOptions {
    /// How long a card lifted mid-read may stay away before the read gives up (the citizen is
    /// told "place it again" meanwhile).
    std::chrono::milliseconds resume_window { 60000 };
    /// Each wait on the reader; cancel() interrupts it at once.
    std::chrono::milliseconds poll { 500 };
    /// Today (ISO 8601 date, "2026-12-01") for the expiry check; the system date if empty.
    std::function<std::string()> today;
};

/// A worker thread for the chip-ID flow: when the place-card screen asks (start()), it waits on
/// the board's hal::CardReader for a card, reads the chip (firmware/id ChipReader: PACE with the
/// CAN, BAC with MRZ data; EF.COM, DG1, DG2, DG13, EF.SOD), checks it (passive authentication
/// against the trust store, expiry), decodes the face image, and posts to the UI's queue:
/// progress (CardReadState), "card moved away" while a lifted card is waited for, and the
/// result (Session::chip.card) or a plain-words failure. Waiting for a card is not a TaskRunner
/// task (scenario steps wait for tasks to finish, and a citizen may take their time).
/// start(), cancel() and the destructor are for the UI thread; cancel() interrupts the wait and
/// joins the thread (bounded by one APDU's timeout). Nothing read is logged.
class CardWorker {
public:
    /// @p trust: the CSCA store for passive authentication; null means "not checked".
    /// attach() the UI's queue before the first start() (the UI is made after its Services).
    CardWorker(hal::CardReader& reader, id::TrustStore const* trust, CardWorkerOptions options = {});
    ~CardWorker();
    CardWorker(CardWorker const&) = delete;
    CardWorker& operator=(CardWorker const&) = delete;
    CardWorker(CardWorker&&) = delete;
    CardWorker& operator=(CardWorker&&) = delete;

    /// Where events go: the UI's queue. Must outlive the worker's jobs (cancel() before it goes).
    void attach(EventQueue& queue) noexcept { m_queue = &queue; }
    /// Cancels any read in progress, then starts waiting for a card to read with @p key, for the
    /// session with serial @p session. @return the job number (CardReadState::job of its events),
    /// 0 (nothing started) when no queue is attached.
    std::uint64_t start(std::uint64_t session, id::AccessKey key);
    /// Stops the current wait or read and joins its thread. Safe when nothing runs.
    void cancel();
    /// Whether a job's thread is running (waiting or reading).
    [[nodiscard]] bool running() const noexcept { return m_running.load(); }
    /// Cards the worker has seen arrive (first arrivals and returns after a lift).
    [[nodiscard]] std::uint64_t cards_seen() const noexcept { return m_seen.load(); }

private:
    void run(std::uint64_t session, std::uint64_t job, id::AccessKey key);
    void post(std::uint64_t session, UiAction action);
    void post_state(std::uint64_t session, CardReadState state);

    hal::CardReader& m_reader;
    EventQueue* m_queue = nullptr;
    id::TrustStore const* m_trust;
    CardWorkerOptions m_options;
    std::atomic<bool> m_cancel { false };
    std::atomic<bool> m_running { false };
    std::atomic<std::uint64_t> m_seen { 0 };
    std::uint64_t m_jobs = 0;
    std::thread m_thread;
};

} // namespace kiosk::ui
