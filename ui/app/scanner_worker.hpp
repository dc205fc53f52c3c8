// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/ui_event.hpp"

#include <kiosk/hal/code_scanner.hpp>

#include <atomic>
#include <thread>

namespace kiosk::ui {

/// A worker thread that waits on the board's code scanner and posts each code to the UI's
/// queue as a ScanEvent; the UI thread never blocks on the scanner. The destructor cancels
/// the wait and joins.
class ScannerWorker {
public:
    ScannerWorker(hal::CodeScanner& scanner, EventQueue& queue);
    ~ScannerWorker();
    ScannerWorker(ScannerWorker const&) = delete;
    ScannerWorker& operator=(ScannerWorker const&) = delete;
    ScannerWorker(ScannerWorker&&) = delete;
    ScannerWorker& operator=(ScannerWorker&&) = delete;

private:
    void run();
    hal::CodeScanner& m_scanner;
    EventQueue& m_queue;
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

} // namespace kiosk::ui
