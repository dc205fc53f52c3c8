// SPDX-License-Identifier: MIT
#include "ui/app/print_worker.hpp"

#include "ui/screens/print_waiting_screen.hpp"
#include "ui/screens/screen.hpp"

#include <receipt/print_journal.hpp>
#include <receipt/print_queue.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace kiosk::ui {

std::string_view printer_block_message_key(PrinterBlock block) noexcept
{
    switch (block) {
    case PrinterBlock::paper_out:
        return "print.paper_out";
    case PrinterBlock::cover_open:
        return "print.cover_open";
    case PrinterBlock::offline:
        break;
    }
    return "print.offline";
}

/// Forwards to the board's printer and counts the documents it printed and those it refused as
/// unprintable. Worker thread only (as the printer).
class PrintWorker::Outcomes final : public hal::ReceiptPrinter {
public:
    explicit Outcomes(hal::ReceiptPrinter& printer) noexcept
        : m_printer(printer)
    {
    }
    Result<std::string> self_test() override { return m_printer.self_test(); }
    [[nodiscard]] hal::PrinterCapabilities capabilities() const override { return m_printer.capabilities(); }
    Result<hal::PrinterStatus> status() override { return m_printer.status(); }
    Result<void> print(hal::RasterImage const& page, hal::Cut cut) override { return m_printer.print(page, cut); }
    Result<void> print(hal::ReceiptDocument const& document) override
    {
        auto printed = m_printer.print(document);
        if (printed)
            ++printed_count;
        else if (printed.error().code() == Errc::invalid_argument || printed.error().code() == Errc::unsupported)
            ++unprintable_count;
        return printed;
    }
    int printed_count = 0;
    int unprintable_count = 0;

private:
    hal::ReceiptPrinter& m_printer;
};

Result<std::unique_ptr<PrintWorker>> PrintWorker::start(hal::ReceiptPrinter& printer, hal::Clock const& clock, Options options)
{
    std::unique_ptr<PrintWorker> worker(new PrintWorker(printer, clock, std::move(options)));
    PrintWorker& self = *worker;
    self.m_thread = std::thread([&self] { self.run(); });
    std::unique_lock lock(self.m_mutex);
    // Opening a small SQLite file: no peer to wait for, the thread answers at once.
    self.m_changed.wait(lock, [&self] { return self.m_opened; });
    if (self.m_open_error) {
        Error const error = *self.m_open_error;
        lock.unlock();
        return Unexpected(error); // the destructor joins the thread, which has returned
    }
    return worker;
}

PrintWorker::PrintWorker(hal::ReceiptPrinter& printer, hal::Clock const& clock, Options options)
    : m_printer(printer)
    , m_outcomes(std::make_unique<Outcomes>(printer))
    , m_clock(clock)
    , m_options(std::move(options))
{
}

PrintWorker::~PrintWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

void PrintWorker::print(hal::ReceiptDocument document)
{
    std::lock_guard lock(m_mutex);
    m_incoming.push_back(std::move(document));
    m_changed.notify_all();
}

void PrintWorker::session_ended()
{
    m_generation->fetch_add(1);
    std::lock_guard lock(m_mutex);
    // Not yet handed to the queue: a personal one goes now, with its session.
    auto const before = m_incoming.size();
    std::erase_if(m_incoming, [](hal::ReceiptDocument const& d) { return d.privacy == hal::Privacy::personal; });
    m_counters.dropped += static_cast<int>(before - m_incoming.size());
    m_end_session = true;
    m_changed.notify_all();
}

void PrintWorker::tick(std::chrono::steady_clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    if (m_blocked && m_pending > 0 && !m_retry && now >= m_next_retry) {
        m_retry = true;
        m_changed.notify_all();
    }
}

bool PrintWorker::idle_locked() const { return m_incoming.empty() && !m_end_session && !m_retry && !m_working; }

bool PrintWorker::wait_idle(std::chrono::milliseconds bound) const
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, bound, [this] { return idle_locked() || m_stop; });
}

Result<std::string> PrintWorker::self_test(std::chrono::milliseconds bound)
{
    std::unique_lock lock(m_mutex);
    auto const ticket = m_self_tests_done + 1;
    m_self_test = true;
    m_changed.notify_all();
    if (!m_changed.wait_for(lock, bound, [&] { return m_self_tests_done >= ticket || m_stop; }) || m_stop
        || !m_self_test_result)
        return fail(Errc::timeout, "the print worker did not get to the printer's self-test in time");
    return *m_self_test_result;
}

int PrintWorker::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_pending;
}

std::optional<PrinterBlock> PrintWorker::blocked() const
{
    std::lock_guard lock(m_mutex);
    return m_blocked;
}

PrintCounters PrintWorker::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

void PrintWorker::notify(UiAction action, std::uint64_t generation)
{
    EventQueue* events = m_events.load();
    if (events == nullptr)
        return;
    // The news is for the citizen who asked for the receipt: not shown after their session.
    events->push(NoticeEvent { [current = m_generation, generation, action = std::move(action)](ScreenHost& host) {
        if (current->load() == generation)
            action(host);
    } });
}

PrinterBlock PrintWorker::classify(Error const& error)
{
    // Ask again: a job torn by paper end reports not_ready from the print, not from the status.
    auto status = m_printer.status();
    if (status) {
        if (status->cover_open)
            return PrinterBlock::cover_open;
        if (status->paper == hal::PaperLevel::end)
            return PrinterBlock::paper_out;
    }
    (void)error;
    return PrinterBlock::offline;
}

void PrintWorker::run()
{
    {
        std::unique_ptr<receipt::PrintJournal> journal;
        std::optional<Error> failure;
        if (!m_options.journal_file.empty()) {
            auto opened = receipt::PrintJournal::open(m_options.journal_file);
            if (opened)
                journal = std::move(*opened);
            else
                failure = opened.error();
        }
        if (!failure) {
            receipt::PrintQueue::Options queue_options;
            queue_options.expiry = m_options.expiry;
            auto queue = receipt::PrintQueue::open(*m_outcomes, m_clock, std::move(journal), queue_options);
            if (queue)
                m_queue = std::move(*queue);
            else
                failure = queue.error();
        }
        std::lock_guard lock(m_mutex);
        m_opened = true;
        m_open_error = failure;
        if (m_queue) {
            m_pending = static_cast<int>(m_queue->jobs().size());
            // Jobs from before a restart: print them now if the printer is ready.
            m_retry = m_pending > 0;
        }
        m_changed.notify_all();
        if (failure)
            return;
    }
    while (true) {
        std::deque<hal::ReceiptDocument> documents;
        bool end_session = false;
        bool self_test = false;
        {
            std::unique_lock lock(m_mutex);
            auto const has_work = [this] { return m_stop || !m_incoming.empty() || m_end_session || m_retry || m_self_test; };
            // Bounded: also wakes without a UI tick (the clock then decides whether a retry is due).
            if (!m_changed.wait_for(lock, m_options.retry_interval, has_work)) {
                if (m_blocked && m_pending > 0 && m_clock.now() >= m_next_retry)
                    m_retry = true;
                else
                    continue;
            }
            if (m_stop)
                return;
            documents = std::move(m_incoming);
            m_incoming.clear();
            end_session = m_end_session;
            self_test = m_self_test;
            m_end_session = false;
            m_self_test = false;
            m_working = true;
        }
        pass(std::move(documents), end_session, self_test);
    }
}

void PrintWorker::pass(std::deque<hal::ReceiptDocument> documents, bool end_session, bool self_test)
{
    auto const generation = m_generation->load();
    int const printed_before = m_outcomes->printed_count;
    int const unprintable_before = m_outcomes->unprintable_count;
    if (end_session) {
        auto const before = m_queue->jobs().size();
        m_queue->end_session();
        auto const dropped = static_cast<int>(before - m_queue->jobs().size());
        std::erase_if(m_owned, [generation](auto const& entry) { return entry.second.generation != generation; });
        std::lock_guard lock(m_mutex);
        m_counters.dropped += dropped;
    }
    for (auto& document : documents) {
        auto submitted = m_queue->submit(std::move(document));
        if (!submitted) {
            spdlog::error("print worker: a receipt could not be queued: {}", submitted.error().message());
            notify([](ScreenHost& host) { host.toast("print.failed"); }, generation);
            std::lock_guard lock(m_mutex);
            ++m_counters.failed;
            continue;
        }
        m_owned[*submitted] = Owned { generation, false };
    }
    std::optional<Result<std::string>> tested;
    if (self_test)
        tested = m_printer.self_test();
    pump(generation, m_outcomes->printed_count - printed_before, m_outcomes->unprintable_count - unprintable_before);
    std::lock_guard lock(m_mutex);
    m_retry = false;
    m_working = false;
    if (tested) {
        m_self_test_result = std::move(*tested);
        ++m_self_tests_done;
    }
    m_changed.notify_all();
}

void PrintWorker::pump(std::uint64_t generation, int printed_before_pump, int unprintable_before_pump)
{
    int const printed_before = m_outcomes->printed_count;
    int const unprintable_before = m_outcomes->unprintable_count;
    auto const report = m_queue->pump();
    int const printed = printed_before_pump + m_outcomes->printed_count - printed_before;
    int unprintable = unprintable_before_pump + m_outcomes->unprintable_count - unprintable_before;
    // Which of the session's jobs left the queue (printed, or dropped as unprintable)?
    int printed_late = 0;
    int failed_mine = 0;
    bool const bad_document = report.blocked_by
        && (report.blocked_by->code() == Errc::invalid_argument || report.blocked_by->code() == Errc::unsupported);
    int const total_unprintable = unprintable;
    for (auto it = m_owned.begin(); it != m_owned.end();) {
        auto const& jobs = m_queue->jobs();
        bool const waiting = std::any_of(jobs.begin(), jobs.end(), [&](receipt::PrintJob const& j) { return j.id == it->first; });
        if (waiting) {
            ++it;
            continue;
        }
        if (it->second.generation == generation) {
            if (unprintable > 0) {
                // Jobs leave in order; which one was refused is not told: count it as this one.
                --unprintable;
                ++failed_mine;
            }
            else if (it->second.told_blocked)
                ++printed_late; // the citizen was told it waits: now tell them it is out
        }
        it = m_owned.erase(it);
    }
    std::optional<PrinterBlock> block;
    if (report.pending > 0 && report.blocked_by && !bad_document)
        block = classify(*report.blocked_by);
    if (printed_late > 0)
        notify([](ScreenHost& host) { host.toast("print.done"); }, generation);
    if (failed_mine > 0)
        notify([](ScreenHost& host) { host.toast("print.failed"); }, generation);
    int newly_blocked = 0;
    if (block) {
        for (auto& [id, owned] : m_owned) {
            if (owned.generation == generation && !owned.told_blocked) {
                owned.told_blocked = true;
                ++newly_blocked;
            }
        }
        if (newly_blocked > 0) {
            spdlog::warn("print worker: {} receipt(s) waiting: {}", report.pending, report.blocked_by->message());
            std::string key(printer_block_message_key(*block));
            notify(
                [key](ScreenHost& host) {
                    host.toast({}); // a screen's "printing, take it" would now mislead
                    host.navigate({ NavRequest::Kind::push, [key] { return make_print_waiting_screen(key); } });
                },
                generation);
        }
    }
    std::lock_guard lock(m_mutex);
    m_counters.printed += printed;
    m_counters.failed += total_unprintable;
    m_counters.blocked += newly_blocked > 0 ? 1 : 0;
    m_pending = report.pending;
    m_blocked = block;
    if (block)
        m_next_retry = m_clock.now() + m_options.retry_interval;
}

} // namespace kiosk::ui
