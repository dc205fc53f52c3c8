// SPDX-License-Identifier: MIT
// PrintQueue with the real EscPosPrinter driver, the ESC/POS emulator (faults injected at
// byte N) and a real SQLite journal file: no receipt lost, none printed twice.
#include <clock/manual_clock.hpp>
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <receipt/print_journal.hpp>
#include <receipt/print_queue.hpp>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::EscPosPrinterEmul;
using kiosk::receipt::PrintJournal;
using kiosk::receipt::PrintQueue;
using Fault = EscPosPrinterEmul::Fault;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();
// spdlog builds its registry and default logger on first use: before CppUTest counts leaks.
bool const LOGGER_READY = spdlog::default_logger_raw() != nullptr;
constexpr std::size_t STATUS_BYTES = 12;

kiosk::hal::ReceiptDocument slip(std::string line = "Phiếu hẹn G22-0042")
{
    kiosk::hal::ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { std::move(line), kiosk::hal::Align::left, 1, false });
    document.items.emplace_back(kiosk::hal::QrBlock { "G22.99-241201-0042", 0, kiosk::hal::Align::center });
    return document;
}

kiosk::hal::PrinterStatus ready()
{
    kiosk::hal::PrinterStatus status;
    status.online = true;
    return status;
}

std::string file_bytes(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(PrintQueue)
{
    kiosk::test::TempDir m_dir;
    kiosk::drivers::ManualClock m_clock;
    EscPosPrinterEmul* m_emulator = nullptr;
    std::unique_ptr<kiosk::drivers::EscPosPrinter> m_printer;
    std::unique_ptr<PrintQueue> m_queue;
    std::size_t m_job_bytes = 0;

    void setup() override
    {
        auto qr = [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
        auto channel = KIOSK_MUST(EscPosPrinterEmul::open({ 576, {}, nullptr, qr }));
        m_emulator = channel.get();
        auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        m_printer = KIOSK_MUST(kiosk::drivers::EscPosPrinter::open(
            std::move(channel), kiosk::hal::PrinterCapabilities {}, std::move(text), qr, {}));
        m_job_bytes = KIOSK_MUST(m_printer->encoder().encode(slip())).size();
        reopen();
    }
    void teardown() override
    {
        m_queue.reset();
        m_printer.reset();
    }

    void reopen()
    {
        m_queue.reset();
        auto journal = KIOSK_MUST(PrintJournal::open(journal_file()));
        m_queue = KIOSK_MUST(
            PrintQueue::open(*m_printer, m_clock, std::move(journal), PrintQueue::Options { std::chrono::minutes(30) }));
    }
    std::filesystem::path journal_file() const { return m_dir.path() / "print-journal.sqlite"; }
    std::size_t journaled() const
    {
        auto const journal = KIOSK_MUST(PrintJournal::open(journal_file()));
        return KIOSK_MUST(journal->pending()).size();
    }
};

TEST(PrintQueue, a_job_prints_at_once_and_leaves_the_journal)
{
    auto id = m_queue->submit(slip());
    KIOSK_CHECK_OK(id);
    LONGS_EQUAL(1, m_emulator->receipts_out());
    CHECK_TRUE(m_queue->jobs().empty());
    LONGS_EQUAL(0, static_cast<long>(journaled()));
}

TEST(PrintQueue, paper_end_mid_job_keeps_the_job_and_reprints_it_whole_once)
{
    m_emulator->inject_fault(STATUS_BYTES + m_job_bytes / 2, Fault::paper_end);
    KIOSK_CHECK_OK(m_queue->submit(slip()));
    LONGS_EQUAL(0, m_emulator->receipts_out());
    LONGS_EQUAL(1, m_emulator->torn_receipts());
    LONGS_EQUAL(1, static_cast<long>(m_queue->jobs().size()));
    LONGS_EQUAL(1, static_cast<long>(journaled()));

    auto blocked = m_queue->pump();
    LONGS_EQUAL(0, blocked.printed);
    CHECK_TRUE(blocked.blocked_by.has_value());
    CHECK_TRUE(Errc::not_ready == blocked.blocked_by->code());
    STRCMP_EQUAL("printer out of paper", blocked.blocked_by->context());

    m_emulator->set_status(ready()); // new roll
    auto report = m_queue->pump();
    LONGS_EQUAL(1, report.printed);
    LONGS_EQUAL(0, report.pending);
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(0, static_cast<long>(journaled()));

    LONGS_EQUAL(0, m_queue->pump().printed);
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintQueue, cover_open_holds_every_job_in_order)
{
    kiosk::hal::PrinterStatus open = ready();
    open.cover_open = true;
    m_emulator->set_status(open);
    auto first = m_queue->submit(slip("Một"));
    auto second = m_queue->submit(slip("Hai"));
    KIOSK_CHECK_OK(first);
    KIOSK_CHECK_OK(second);
    LONGS_EQUAL(0, m_emulator->receipts_out());
    LONGS_EQUAL(0, m_emulator->torn_receipts());
    LONGS_EQUAL(2, static_cast<long>(m_queue->jobs().size()));
    STRCMP_EQUAL(first->c_str(), m_queue->jobs().front().id.c_str());
    m_emulator->set_status(ready());
    LONGS_EQUAL(2, m_queue->pump().printed);
    LONGS_EQUAL(2, m_emulator->receipts_out());
}

TEST(PrintQueue, unplugged_mid_job_keeps_the_job_until_the_printer_is_back)
{
    m_emulator->inject_fault(STATUS_BYTES + 10, Fault::unplug);
    KIOSK_CHECK_OK(m_queue->submit(slip()));
    LONGS_EQUAL(1, static_cast<long>(m_queue->jobs().size()));
    auto report = m_queue->pump();
    CHECK_TRUE(report.blocked_by.has_value());
    CHECK_TRUE(Errc::disconnected == report.blocked_by->code());
    m_emulator->replug();
    LONGS_EQUAL(1, m_queue->pump().printed);
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintQueue, a_printer_that_does_not_answer_times_out_and_the_job_waits)
{
    m_emulator->inject_fault(0, Fault::stop_answering);
    KIOSK_CHECK_OK(m_queue->submit(slip()));
    auto report = m_queue->pump();
    CHECK_TRUE(report.blocked_by.has_value());
    CHECK_TRUE(Errc::timeout == report.blocked_by->code());
    LONGS_EQUAL(0, m_emulator->receipts_out());
    m_emulator->replug(); // answering again
    LONGS_EQUAL(1, m_queue->pump().printed);
}

TEST(PrintQueue, journaled_jobs_survive_a_restart)
{
    kiosk::hal::PrinterStatus empty = ready();
    empty.paper = kiosk::hal::PaperLevel::end;
    m_emulator->set_status(empty);
    KIOSK_CHECK_OK(m_queue->submit(slip("Sau khi mất điện")));
    reopen(); // power loss: the queue object is gone, the file stays
    LONGS_EQUAL(1, static_cast<long>(m_queue->jobs().size()));
    auto const& restored = std::get<kiosk::hal::TextBlock>(m_queue->jobs().front().document.items[0]);
    STRCMP_EQUAL("Sau khi mất điện", restored.text.c_str());
    m_emulator->set_status(ready());
    LONGS_EQUAL(1, m_queue->pump().printed);
    LONGS_EQUAL(1, m_emulator->receipts_out());
    reopen();
    CHECK_TRUE(m_queue->jobs().empty());
}

TEST(PrintQueue, old_jobs_expire_unprinted)
{
    kiosk::hal::PrinterStatus empty = ready();
    empty.paper = kiosk::hal::PaperLevel::end;
    m_emulator->set_status(empty);
    KIOSK_CHECK_OK(m_queue->submit(slip()));
    m_clock.set_wall(m_clock.wall_now() + std::chrono::minutes(31));
    m_emulator->set_status(ready());
    auto report = m_queue->pump();
    LONGS_EQUAL(1, report.expired);
    LONGS_EQUAL(0, report.printed);
    LONGS_EQUAL(0, m_emulator->receipts_out());
    LONGS_EQUAL(0, static_cast<long>(journaled()));
}

TEST(PrintQueue, personal_jobs_never_touch_the_disk_and_end_with_the_session)
{
    kiosk::hal::PrinterStatus empty = ready();
    empty.paper = kiosk::hal::PaperLevel::end;
    m_emulator->set_status(empty);
    kiosk::hal::ReceiptDocument lookup = slip("NGUYỄN VĂN AN 038187004512");
    lookup.privacy = kiosk::hal::Privacy::personal;
    auto id = m_queue->submit(lookup);
    KIOSK_CHECK_OK(id);
    CHECK_EQUAL('m', (*id)[0]);
    LONGS_EQUAL(1, static_cast<long>(m_queue->jobs().size()));
    LONGS_EQUAL(0, static_cast<long>(journaled()));
    for (auto const& entry : std::filesystem::directory_iterator(m_dir.path()))
        CHECK_TRUE(file_bytes(entry.path()).find("038187004512") == std::string::npos);

    m_queue->end_session();
    CHECK_TRUE(m_queue->jobs().empty());
    m_emulator->set_status(ready());
    LONGS_EQUAL(0, m_queue->pump().printed);
    LONGS_EQUAL(0, m_emulator->receipts_out());
}

TEST(PrintQueue, a_document_that_cannot_be_laid_out_is_dropped_not_retried_forever)
{
    kiosk::hal::ReceiptDocument bad = slip();
    bad.items.emplace_back(kiosk::hal::ImageBlock { kiosk::hal::RasterImage(600, 2), kiosk::hal::Align::center });
    KIOSK_CHECK_OK(m_queue->submit(bad));
    CHECK_TRUE(m_queue->jobs().empty());
    LONGS_EQUAL(0, static_cast<long>(journaled()));
}
