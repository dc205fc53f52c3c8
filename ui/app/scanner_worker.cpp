// SPDX-License-Identifier: MIT
#include "ui/app/scanner_worker.hpp"

#include <spdlog/spdlog.h>

namespace kiosk::ui {

ScannerWorker::ScannerWorker(hal::CodeScanner& scanner, EventQueue& queue)
    : m_scanner(scanner)
    , m_queue(queue)
    , m_thread([this] { run(); })
{
}

ScannerWorker::~ScannerWorker()
{
    m_stop = true;
    m_scanner.cancel();
    m_thread.join();
}

void ScannerWorker::run()
{
    using namespace std::chrono_literals;
    while (!m_stop) {
        auto code = m_scanner.next_code(500ms);
        if (!code) {
            if (code.error() == Errc::cancelled)
                continue;
            spdlog::warn("scanner: {}", code.error().message());
            m_queue.push(ScannerLostEvent {});
            return;
        }
        if (code->has_value())
            m_queue.push(ScanEvent { std::move(code->value().text) });
    }
}

} // namespace kiosk::ui
