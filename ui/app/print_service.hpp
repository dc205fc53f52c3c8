// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/receipt_document.hpp>

#include <chrono>

namespace kiosk::ui {

/// Where screens send receipts (checklists, status slips). The kiosk's implementation queues
/// the document for the print worker (receipt::PrintQueue: nothing is lost when the paper runs
/// out, the job waits) and tells the citizen what happened through the UI (printing, take your
/// receipt, out of paper). print() returns at once and never blocks the UI thread. A document
/// with personal data must say so (hal::Privacy::personal): it is never written to disk and is
/// dropped when the session ends.
class PrintService {
public:
    virtual ~PrintService() = default;
    PrintService() = default;
    PrintService(PrintService const&) = delete;
    PrintService& operator=(PrintService const&) = delete;
    PrintService(PrintService&&) = delete;
    PrintService& operator=(PrintService&&) = delete;

    /// Queues @p document for printing.
    virtual void print(hal::ReceiptDocument document) = 0;

    /// The citizen's session ended (finish, idle wipe): jobs with personal data are dropped and
    /// news of earlier jobs is no longer shown. UI thread. Default: nothing to do.
    virtual void session_ended() { }
    /// Called at every UI tick with the UI clock's time (fake time in scenarios): a job waiting
    /// for the printer is retried when its retry time has come. UI thread, never blocks.
    virtual void tick(std::chrono::steady_clock::time_point now) { (void)now; }
    /// Waits up to @p bound until every document handed to print() has been tried and no retry
    /// is running (a job waiting for paper counts as done). Scenario runs call it before each
    /// tick. @return whether that happened. Default: nothing runs in the background.
    [[nodiscard]] virtual bool wait_idle(std::chrono::milliseconds bound) const
    {
        (void)bound;
        return true;
    }
};

} // namespace kiosk::ui
