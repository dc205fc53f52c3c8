// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/print_service.hpp"
#include "ui/app/ui_event.hpp"

#include <kiosk/hal/clock.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::receipt {
class PrintQueue;
}

namespace kiosk::ui {

/// Why a job waits (what the citizen is told).
enum class PrinterBlock {
    paper_out,
    cover_open,
    offline, ///< not answering, unplugged, or another printer error
};

/// The string key of the message for @p block ("print.paper_out", ...).
std::string_view printer_block_message_key(PrinterBlock block) noexcept;

/// What the print worker tells the UI (through NoticeEvent actions; also counted for tests).
struct PrintCounters {
    int printed = 0;  ///< jobs the printer confirmed
    int blocked = 0;  ///< times a job of the session on screen started waiting
    int failed = 0;   ///< jobs that can never print (bad document) or could not be queued
    int dropped = 0;  ///< personal jobs dropped at a session end
};

/// The kiosk's PrintService: one worker thread owns a receipt::PrintQueue (journal on disk for
/// jobs without personal data) over the board's printer, so the UI thread never waits for paper
/// or a slow USB write. print() hands the document over and returns. The screen that called it
/// says "printing, take it from the slot" itself; the worker tells the citizen, through the UI's
/// EventQueue, what the screen cannot know: when the printer is out of paper, its cover is open
/// or it does not answer, a plain-words screen they can leave at once (the job waits and prints
/// by itself when the printer is ready again: retried every retry_interval of the UI clock, with
/// a bounded wait, never a busy loop), then "take your receipt" when the waiting one came out,
/// or "cannot be printed, ask at the counter". At a session end, jobs with personal data are dropped and news of the old
/// session's jobs is not shown to the next citizen. The printer's self-test runs on the worker
/// too (hal::ReceiptPrinter is one-thread-only). Thread-safe.
class PrintWorker final : public PrintService {
public:
    struct Options {
        /// The journal file (receipt::PrintJournal); empty: jobs are kept in memory only.
        std::filesystem::path journal_file;
        /// Time between retries of a waiting job (UI clock: fake time in scenarios).
        std::chrono::milliseconds retry_interval { 3000 };
        /// Jobs older than this are dropped unprinted (a citizen will not wait a day).
        std::chrono::seconds expiry = std::chrono::minutes(30);
    };

    /// Opens the journal and the queue on the worker thread and starts it; jobs journaled before
    /// a restart are printed as soon as the printer is ready. @return the journal's errors
    /// (Errc::io, permission_denied, malformed when the file is not a journal: it is left as is).
    static Result<std::unique_ptr<PrintWorker>> start(hal::ReceiptPrinter& printer, hal::Clock const& clock, Options options);

    /// Where the news goes (the UI's queue, which exists only once the UI does: the UI is built
    /// with this service in it). News before this call is dropped. Any thread.
    void post_to(EventQueue& events) noexcept { m_events.store(&events); }

    /// Stops the worker (a job being printed is finished first; waiting jobs stay journaled).
    ~PrintWorker() override;
    PrintWorker(PrintWorker const&) = delete;
    PrintWorker& operator=(PrintWorker const&) = delete;
    PrintWorker(PrintWorker&&) = delete;
    PrintWorker& operator=(PrintWorker&&) = delete;

    // PrintService
    void print(hal::ReceiptDocument document) override;
    void session_ended() override;
    void tick(std::chrono::steady_clock::time_point now) override;
    [[nodiscard]] bool wait_idle(std::chrono::milliseconds bound) const override;

    /// The printer's self-test, run on the worker thread (waits up to @p bound for it, e.g.
    /// while a long receipt prints). @return Errc::timeout when the worker did not get to it.
    Result<std::string> self_test(std::chrono::milliseconds bound);

    /// Jobs waiting in the queue (as of the worker's last pass).
    [[nodiscard]] int pending() const;
    /// Why the first job waits, if it does.
    [[nodiscard]] std::optional<PrinterBlock> blocked() const;
    [[nodiscard]] PrintCounters counters() const;

private:
    PrintWorker(hal::ReceiptPrinter& printer, hal::Clock const& clock, Options options);
    void run();
    void pass(std::deque<hal::ReceiptDocument> documents, bool end_session, bool self_test);
    void pump(std::uint64_t generation, int printed_before_pump, int unprintable_before_pump);
    PrinterBlock classify(Error const& error);
    void notify(UiAction action, std::uint64_t generation);
    [[nodiscard]] bool idle_locked() const;

    hal::ReceiptPrinter& m_printer;
    /// The printer as the queue sees it: counts what each print ended in (the queue prints inside
    /// submit() too, so its pump report alone does not say it).
    class Outcomes;
    std::unique_ptr<Outcomes> m_outcomes;
    hal::Clock const& m_clock;
    std::atomic<EventQueue*> m_events { nullptr };
    Options m_options;

    // Worker thread only.
    std::unique_ptr<receipt::PrintQueue> m_queue;
    /// Jobs handed in by a session: id -> (session generation, waiting already shown).
    struct Owned {
        std::uint64_t generation = 0;
        bool told_blocked = false;
    };
    std::map<std::string, Owned> m_owned;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::deque<hal::ReceiptDocument> m_incoming;
    bool m_end_session = false;
    bool m_retry = false;
    bool m_self_test = false;
    std::uint64_t m_self_tests_done = 0;
    std::optional<Result<std::string>> m_self_test_result;
    bool m_working = false;
    bool m_stop = false;
    bool m_opened = false;
    std::optional<Error> m_open_error;
    std::optional<PrinterBlock> m_blocked;
    std::chrono::steady_clock::time_point m_next_retry {};
    int m_pending = 0;
    PrintCounters m_counters;
    /// Changes at each session end (UI thread writes, notices compare).
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::thread m_thread;
};

} // namespace kiosk::ui
