// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/receipt_document.hpp>

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
};

} // namespace kiosk::ui
