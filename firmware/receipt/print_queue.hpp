// SPDX-License-Identifier: MIT
#pragma once

#include "receipt/print_journal.hpp"

#include <kiosk/hal/clock.hpp>
#include <kiosk/hal/receipt_document.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::receipt {

/// A job the queue holds.
struct PrintJob {
    /// "j42" for journaled jobs (the journal id), "m7" for memory-only ones.
    std::string id;
    /// Row in the journal; 0 for a job kept in memory only.
    std::int64_t journal_row = 0;
    hal::ReceiptDocument document;
    std::chrono::system_clock::time_point created;
    /// Print attempts that failed (paper end, unplugged, ...).
    int failed_attempts = 0;
};

/// What pump() did.
struct PumpReport {
    int printed = 0;
    int expired = 0;
    /// Jobs still waiting.
    int pending = 0;
    /// Why the first waiting job did not print (Errc::not_ready: paper or cover; the UI shows it).
    std::optional<Error> blocked_by;
};

/// "No receipt lost": every job waits here until the printer confirmed it. A job without
/// personal data is written to the journal before any byte goes to the printer, so it
/// survives a power loss; a job with personal data (hal::Privacy::personal) lives in memory
/// only and end_session() drops it. A job whose print failed (paper end or cover open mid-job,
/// unplugged, timeout) stays and is printed whole again once the printer reports ready; a job
/// the printer confirmed is removed at once, so it is not printed twice. Jobs older than the
/// expiry are dropped (a citizen will not wait a day). One thread (the print worker).
class PrintQueue {
public:
    struct Options {
        std::chrono::seconds expiry = std::chrono::minutes(30);
    };

    /// @p journal may be null (nothing is kept across restarts). Jobs already in the journal
    /// (from before a restart) are loaded, oldest first; unreadable ones are dropped.
    /// @p printer and @p clock must outlive the queue.
    static Result<std::unique_ptr<PrintQueue>> open(
        hal::ReceiptPrinter& printer, hal::Clock const& clock, std::unique_ptr<PrintJournal> journal, Options options);

    ~PrintQueue();
    PrintQueue(PrintQueue const&) = delete;
    PrintQueue& operator=(PrintQueue const&) = delete;
    PrintQueue(PrintQueue&&) = delete;
    PrintQueue& operator=(PrintQueue&&) = delete;

    /// Queues @p document (journaled unless personal) and tries to print the queue now.
    /// @return the job id. Errc::io if the journal cannot take it (nothing is queued then).
    ///         A printer problem is not an error here: see pump()'s report.
    Result<std::string> submit(hal::ReceiptDocument document);

    /// Prints waiting jobs in order while the printer is ready; stops at the first that
    /// cannot print. Drops expired jobs first.
    PumpReport pump();

    /// The citizen's session ended: drops every job with personal data.
    void end_session();

    /// Jobs waiting, oldest first.
    [[nodiscard]] std::vector<PrintJob> const& jobs() const noexcept { return m_jobs; }

private:
    PrintQueue(hal::ReceiptPrinter& printer, hal::Clock const& clock, std::unique_ptr<PrintJournal> journal, Options options);
    Result<void> forget(PrintJob const& job);

    hal::ReceiptPrinter& m_printer;
    hal::Clock const& m_clock;
    std::unique_ptr<PrintJournal> m_journal;
    Options m_options;
    std::vector<PrintJob> m_jobs;
    std::int64_t m_next_memory_id = 1;
};

} // namespace kiosk::receipt
