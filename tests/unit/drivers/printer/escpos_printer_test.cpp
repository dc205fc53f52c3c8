// SPDX-License-Identifier: MIT
// EscPosPrinter against the emulator: faults injected at byte N of a job (never by timing).
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>

#include <memory>

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::EscPosPrinter;
using kiosk::drivers::EscPosPrinterEmul;
using Fault = kiosk::drivers::EscPosPrinterEmul::Fault;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

kiosk::hal::ReceiptDocument document()
{
    kiosk::hal::ReceiptDocument slip;
    slip.items.emplace_back(kiosk::hal::TextBlock { "Phiếu hẹn trả kết quả", kiosk::hal::Align::center, 2, true });
    slip.items.emplace_back(kiosk::hal::QrBlock { "G22.99-241201-0042", 0, kiosk::hal::Align::center });
    return slip;
}

} // namespace

TEST_GROUP(EscPosPrinter)
{
    EscPosPrinterEmul* m_emulator = nullptr;
    std::unique_ptr<EscPosPrinter> m_printer;
    std::size_t m_job_bytes = 0;

    void setup() override
    {
        auto qr = [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
        auto channel = KIOSK_MUST(EscPosPrinterEmul::open({ 576, {}, nullptr, qr }));
        m_emulator = channel.get();
        auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        m_printer = KIOSK_MUST(EscPosPrinter::open(
            std::move(channel), kiosk::hal::PrinterCapabilities {}, std::move(text), qr, EscPosPrinter::Options {}));
        m_job_bytes = KIOSK_MUST(m_printer->encoder().encode(document())).size();
    }
    void teardown() override { m_printer.reset(); }

    /// Bytes a status query sends (four DLE EOT).
    static constexpr std::size_t STATUS_BYTES = 12;
};

TEST(EscPosPrinter, a_job_sends_status_job_status)
{
    KIOSK_CHECK_OK(m_printer->print(document()));
    LONGS_EQUAL(static_cast<long>(STATUS_BYTES + m_job_bytes + STATUS_BYTES), static_cast<long>(m_emulator->bytes_received()));
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(0, m_emulator->unknown_commands());
}

TEST(EscPosPrinter, paper_end_mid_job_is_not_ready_and_the_reprint_comes_out_whole_once)
{
    m_emulator->inject_fault(STATUS_BYTES + m_job_bytes / 2, Fault::paper_end);
    auto const interrupted = m_printer->print(document());
    KIOSK_CHECK_ERRC(Errc::not_ready, interrupted);
    STRCMP_EQUAL("printer out of paper", interrupted.error().context());
    LONGS_EQUAL(0, m_emulator->receipts_out());
    LONGS_EQUAL(1, m_emulator->torn_receipts());

    // Still out of paper: refused before a byte of the job goes out.
    std::size_t const before = m_emulator->bytes_received();
    KIOSK_CHECK_ERRC(Errc::not_ready, m_printer->print(document()));
    LONGS_EQUAL(static_cast<long>(before + STATUS_BYTES), static_cast<long>(m_emulator->bytes_received()));

    kiosk::hal::PrinterStatus loaded;
    loaded.online = true;
    m_emulator->set_status(loaded);
    KIOSK_CHECK_OK(m_printer->print(document()));
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(1, m_emulator->torn_receipts());
}

TEST(EscPosPrinter, cover_opened_mid_job_is_not_ready)
{
    m_emulator->inject_fault(STATUS_BYTES + 100, Fault::cover_open);
    auto const interrupted = m_printer->print(document());
    KIOSK_CHECK_ERRC(Errc::not_ready, interrupted);
    STRCMP_EQUAL("printer cover open", interrupted.error().context());
    LONGS_EQUAL(0, m_emulator->receipts_out());
    auto status = m_printer->status();
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(status->cover_open);
}

TEST(EscPosPrinter, unplugged_mid_job_is_disconnected_and_works_after_replug)
{
    m_emulator->inject_fault(STATUS_BYTES + m_job_bytes - 3, Fault::unplug);
    KIOSK_CHECK_ERRC(Errc::disconnected, m_printer->print(document()));
    KIOSK_CHECK_ERRC(Errc::disconnected, m_printer->status());
    LONGS_EQUAL(0, m_emulator->receipts_out());
    m_emulator->replug();
    KIOSK_CHECK_OK(m_printer->print(document()));
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(EscPosPrinter, a_printer_that_stops_answering_times_out)
{
    m_emulator->inject_fault(0, Fault::stop_answering);
    KIOSK_CHECK_ERRC(Errc::timeout, m_printer->status());
    KIOSK_CHECK_ERRC(Errc::timeout, m_printer->print(document()));
    LONGS_EQUAL(0, m_emulator->receipts_out());
}

TEST(EscPosPrinter, a_hang_after_the_job_is_a_timeout_not_a_success)
{
    // The job went out whole but the printer never confirmed it: the caller must not assume
    // it printed (the queue keeps the job, the technician checks the paper).
    m_emulator->inject_fault(STATUS_BYTES + m_job_bytes, Fault::stop_answering);
    KIOSK_CHECK_ERRC(Errc::timeout, m_printer->print(document()));
}

TEST(EscPosPrinter, stale_replies_are_drained_before_a_query)
{
    // A reply from an earlier query that was never read must not be taken for this one's.
    std::uint8_t const query[] = { 0x10, 0x04, 4 };
    KIOSK_CHECK_OK(m_emulator->write(query, std::chrono::milliseconds(10)));
    kiosk::hal::PrinterStatus empty;
    empty.online = true;
    empty.paper = kiosk::hal::PaperLevel::end;
    m_emulator->set_status(empty);
    auto status = m_printer->status();
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(kiosk::hal::PaperLevel::end == status->paper);
}

TEST(EscPosPrinter, self_test_names_the_problem)
{
    STRCMP_EQUAL("paper ok, cover closed", KIOSK_MUST(m_printer->self_test()).c_str());
    kiosk::hal::PrinterStatus low;
    low.online = true;
    low.paper = kiosk::hal::PaperLevel::near_end;
    m_emulator->set_status(low);
    STRCMP_EQUAL("paper near end, cover closed", KIOSK_MUST(m_printer->self_test()).c_str());
    LONGS_EQUAL(0, m_emulator->receipts_out());
}

TEST(EscPosPrinter, bad_documents_send_nothing)
{
    kiosk::hal::ReceiptDocument bad;
    bad.items.emplace_back(kiosk::hal::QrBlock { std::string(600, 'x'), 0, kiosk::hal::Align::center });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_printer->print(bad));
    LONGS_EQUAL(0, static_cast<long>(m_emulator->bytes_received()));
}
