// SPDX-License-Identifier: MIT
#include "receipt/print_queue.hpp"

#include "receipt/document_json.hpp"

#include <log/log.hpp>

#include <algorithm>
#include <utility>

namespace kiosk::receipt {

namespace {

    constexpr char JOURNALED = 'j';
    constexpr char IN_MEMORY = 'm';

} // namespace

Result<std::unique_ptr<PrintQueue>> PrintQueue::open(
    hal::ReceiptPrinter& printer, hal::Clock const& clock, std::unique_ptr<PrintJournal> journal, Options options)
{
    std::unique_ptr<PrintQueue> queue(new PrintQueue(printer, clock, std::move(journal), options));
    if (queue->m_journal) {
        auto const entries = KIOSK_TRY(queue->m_journal->pending());
        for (auto const& entry : entries) {
            auto document = parse_document_json(entry.document_json);
            if (!document) {
                // Written by an older build or damaged: it can never print, keep no ghost.
                spdlog::warn("print queue: dropping unreadable journaled job {}", entry.id);
                KIOSK_TRY(queue->m_journal->remove(entry.id));
                continue;
            }
            queue->m_jobs.push_back(
                PrintJob { std::string(1, JOURNALED) + std::to_string(entry.id), entry.id, std::move(*document), entry.created, 0 });
        }
    }
    return queue;
}

PrintQueue::PrintQueue(
    hal::ReceiptPrinter& printer, hal::Clock const& clock, std::unique_ptr<PrintJournal> journal, Options options)
    : m_printer(printer)
    , m_clock(clock)
    , m_journal(std::move(journal))
    , m_options(options)
{
}

PrintQueue::~PrintQueue() = default;

Result<std::string> PrintQueue::submit(hal::ReceiptDocument document)
{
    auto const now = m_clock.wall_now();
    std::string id;
    std::int64_t row = 0;
    if (document.privacy == hal::Privacy::personal || !m_journal) {
        id = std::string(1, IN_MEMORY) + std::to_string(m_next_memory_id++);
    } else {
        // On disk before a byte leaves: a power cut mid-print loses nothing.
        row = KIOSK_TRY(m_journal->add(document_to_json(document), now));
        id = std::string(1, JOURNALED) + std::to_string(row);
    }
    m_jobs.push_back(PrintJob { id, row, std::move(document), now, 0 });
    (void)pump();
    return id;
}

Result<void> PrintQueue::forget(PrintJob const& job)
{
    if (job.journal_row != 0 && m_journal)
        return m_journal->remove(job.journal_row);
    return {};
}

PumpReport PrintQueue::pump()
{
    PumpReport report;
    auto const now = m_clock.wall_now();
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (now - it->created > m_options.expiry) {
            spdlog::info("print queue: job {} expired unprinted", it->id);
            (void)forget(*it);
            it = m_jobs.erase(it);
            ++report.expired;
        } else {
            ++it;
        }
    }
    while (!m_jobs.empty()) {
        PrintJob& job = m_jobs.front();
        // Asked first so a printer known to be out of paper gets no partial job.
        auto status = m_printer.status();
        if (!status) {
            report.blocked_by = status.error();
            break;
        }
        if (!status->ready()) {
            report.blocked_by = Error(Errc::not_ready, status->cover_open ? "printer cover open"
                    : status->paper == hal::PaperLevel::end                 ? "printer out of paper"
                                                                            : "printer not ready");
            break;
        }
        auto printed = m_printer.print(job.document);
        if (!printed) {
            // The receipt may be torn or half out: print it whole again when the printer is back.
            ++job.failed_attempts;
            spdlog::warn("print queue: job {} not printed ({}), kept", job.id, printed.error().message());
            if (printed.error().code() == Errc::invalid_argument || printed.error().code() == Errc::unsupported) {
                // The document itself is wrong: retrying cannot help.
                (void)forget(job);
                m_jobs.erase(m_jobs.begin());
                report.blocked_by = printed.error();
                continue;
            }
            report.blocked_by = printed.error();
            break;
        }
        if (auto forgotten = forget(job); !forgotten)
            spdlog::error("print queue: job {} printed but still journaled: {}", job.id, forgotten.error().message());
        m_jobs.erase(m_jobs.begin());
        ++report.printed;
    }
    report.pending = static_cast<int>(m_jobs.size());
    return report;
}

void PrintQueue::end_session()
{
    std::erase_if(m_jobs, [](PrintJob const& job) { return job.document.privacy == hal::Privacy::personal; });
}

} // namespace kiosk::receipt
