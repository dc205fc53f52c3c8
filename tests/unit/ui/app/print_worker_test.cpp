// SPDX-License-Identifier: MIT
// The kiosk's print worker with real parts: the ESC/POS driver over the ESC/POS emulator (faults
// injected at byte N), a real SQLite journal file, and the real KioskUi (headless) showing what
// the worker tells the citizen. Time is the UI's fake clock.
#include "ui_harness.hpp"

#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <receipt/print_journal.hpp>
#include <ui/app/print_worker.hpp>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::drivers::EscPosPrinterEmul;
using kiosk::ui::PrintWorker;
using Fault = EscPosPrinterEmul::Fault;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();
bool const LOGGER_READY = spdlog::default_logger_raw() != nullptr;

constexpr char const* PAPER_OUT = "Máy in hết giấy. Biên nhận của bạn được giữ lại";
constexpr char const* COVER_OPEN = "Nắp máy in đang mở";
constexpr char const* OFFLINE = "Máy in chưa trả lời";
constexpr char const* TAKE_IT = "Mời bạn lấy biên nhận";

kiosk::hal::ReceiptDocument slip(kiosk::hal::Privacy privacy = kiosk::hal::Privacy::none)
{
    kiosk::hal::ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { "Danh sách giấy tờ cần chuẩn bị", kiosk::hal::Align::left, 1, false });
    document.items.emplace_back(kiosk::hal::QrBlock { "https://dichvucong.gov.vn/p/1.001193", 0, kiosk::hal::Align::center });
    document.privacy = privacy;
    return document;
}

/// The UI is built with the service in it; the worker needs the UI's clock: this stands in
/// between (test plumbing, not a fake: every call reaches the real worker).
class LatePrintService final : public kiosk::ui::PrintService {
public:
    void print(kiosk::hal::ReceiptDocument document) override { target->print(std::move(document)); }
    void session_ended() override
    {
        if (target != nullptr)
            target->session_ended();
    }
    void tick(std::chrono::steady_clock::time_point now) override
    {
        if (target != nullptr)
            target->tick(now);
    }
    [[nodiscard]] bool wait_idle(std::chrono::milliseconds bound) const override
    {
        return target == nullptr || target->wait_idle(bound);
    }
    PrintWorker* target = nullptr;
};

std::string file_bytes(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(PrintWorker)
{
    kiosk::test::TempDir m_dir;
    LatePrintService m_service;
    std::unique_ptr<kiosk::ui::test::UiHarness> m_ui;
    EscPosPrinterEmul* m_emulator = nullptr;
    std::unique_ptr<kiosk::drivers::EscPosPrinter> m_printer;
    std::unique_ptr<PrintWorker> m_worker;

    void setup() override
    {
        kiosk::ui::Services services;
        services.printer = &m_service;
        m_ui = std::make_unique<kiosk::ui::test::UiHarness>(kiosk::hal::DisplaySpec { 540, 960, 0, 51 },
            kiosk::ui::KioskUiOptions {}, services);
        auto qr = [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
        EscPosPrinterEmul::Options emul;
        emul.output_dir = m_dir.path() / "receipts";
        emul.qr = qr;
        auto channel = KIOSK_MUST(EscPosPrinterEmul::open(std::move(emul)));
        m_emulator = channel.get();
        auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        m_printer = KIOSK_MUST(kiosk::drivers::EscPosPrinter::open(
            std::move(channel), kiosk::hal::PrinterCapabilities {}, std::move(text), qr, {}));
        start();
        m_ui->tap("Chạm vào đây để bắt đầu");
    }
    void teardown() override
    {
        stop();
        m_ui.reset();
        m_printer.reset();
    }

    [[nodiscard]] std::filesystem::path journal_file() const { return m_dir.path() / "print-journal.sqlite"; }

    void start()
    {
        PrintWorker::Options options;
        options.journal_file = journal_file();
        options.retry_interval = std::chrono::milliseconds(3000);
        m_worker = KIOSK_MUST(PrintWorker::start(*m_printer, m_ui->clock(), options));
        m_worker->post_to(m_ui->ui().events());
        m_service.target = m_worker.get();
    }
    void stop()
    {
        m_service.target = nullptr;
        m_worker.reset();
    }
    /// The worker's pass first (bounded), then the UI's tick shows its news.
    void settle() const
    {
        CHECK(m_worker->wait_idle(std::chrono::seconds(10)));
        m_ui->settle();
    }
    void set_paper(kiosk::hal::PaperLevel paper) const
    {
        auto status = m_emulator->status();
        status.paper = paper;
        m_emulator->set_status(status);
    }
    [[nodiscard]] std::size_t journaled() const
    {
        auto journal = KIOSK_MUST(kiosk::receipt::PrintJournal::open(journal_file()));
        return KIOSK_MUST(journal->pending()).size();
    }
    [[nodiscard]] int receipt_files() const
    {
        int count = 0;
        for (auto const& entry : std::filesystem::directory_iterator(m_dir.path() / "receipts"))
            count += entry.path().extension() == ".png" ? 1 : 0;
        return count;
    }
};

TEST(PrintWorker, PrintReturnsAtOnceThenTheReceiptComesOutOnce)
{
    // What the screen said when it asked ("printing, take it from the slot") stays: the worker
    // adds nothing when all goes well.
    m_ui->ui().toast("procedure.printing");
    m_service.print(slip());
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(1, receipt_files());
    LONGS_EQUAL(1, m_worker->counters().printed);
    LONGS_EQUAL(0, m_worker->pending());
    CHECK(m_ui->shows("Đang in danh sách giấy tờ"));
    CHECK(!m_ui->shows(TAKE_IT));
    STRCMP_EQUAL("home", std::string(m_ui->ui().screen_name()).c_str());
    // Printed and confirmed: gone from the journal, never printed again.
    LONGS_EQUAL(0, journaled());
    m_ui->advance(10000);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintWorker, PaperOutMidReceiptKeepsTheJobTheCitizenGoesOnAndItPrintsWholeOnceAfterRefill)
{
    m_emulator->inject_fault(300, Fault::paper_end);
    m_ui->ui().toast("procedure.printing");
    m_service.print(slip());
    settle();
    // "Printing, take it" would mislead now: gone.
    CHECK(!m_ui->shows("Đang in danh sách giấy tờ"));
    // Torn mid-receipt: nothing saved, the job waits (journaled), the citizen is told plainly.
    LONGS_EQUAL(0, m_emulator->receipts_out());
    LONGS_EQUAL(1, m_emulator->torn_receipts());
    LONGS_EQUAL(1, m_worker->pending());
    CHECK(m_worker->blocked() == kiosk::ui::PrinterBlock::paper_out);
    LONGS_EQUAL(1, journaled());
    STRCMP_EQUAL("print_waiting", std::string(m_ui->ui().screen_name()).c_str());
    CHECK(m_ui->shows(PAPER_OUT));
    // Not a trap: "Continue" goes back to where the citizen was, and the kiosk works on.
    m_ui->tap("Tiếp tục");
    STRCMP_EQUAL("home", std::string(m_ui->ui().screen_name()).c_str());
    CHECK(m_ui->can_tap("Tra cứu hồ sơ"));
    // Retries while the paper is still out print nothing and do not show the screen again.
    m_ui->advance(7000);
    settle();
    LONGS_EQUAL(0, m_emulator->receipts_out());
    STRCMP_EQUAL("home", std::string(m_ui->ui().screen_name()).c_str());
    // Refilled: the next retry (within the retry interval) prints the whole receipt, once.
    set_paper(kiosk::hal::PaperLevel::ok);
    m_ui->advance(3100);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(1, receipt_files());
    LONGS_EQUAL(0, m_worker->pending());
    CHECK(!m_worker->blocked().has_value());
    CHECK(m_ui->shows(TAKE_IT));
    LONGS_EQUAL(0, journaled());
    m_ui->advance(10000);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintWorker, NoRetryBeforeTheRetryInterval)
{
    set_paper(kiosk::hal::PaperLevel::end);
    m_service.print(slip());
    settle();
    auto const asked = m_emulator->bytes_received();
    set_paper(kiosk::hal::PaperLevel::ok);
    m_ui->advance(1000);
    settle();
    // Waiting is a bounded sleep of the worker, not a loop asking the printer.
    LONGS_EQUAL(asked, m_emulator->bytes_received());
    LONGS_EQUAL(0, m_emulator->receipts_out());
    m_ui->advance(2500);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintWorker, CoverOpenAndUnpluggedSayWhatHappened)
{
    auto status = m_emulator->status();
    status.cover_open = true;
    m_emulator->set_status(status);
    m_service.print(slip());
    settle();
    CHECK(m_ui->shows(COVER_OPEN));
    m_ui->tap("Tiếp tục");
    status.cover_open = false;
    m_emulator->set_status(status);
    m_ui->advance(3100);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());

    m_emulator->inject_fault(0, Fault::unplug);
    m_service.print(slip());
    settle();
    CHECK(m_ui->shows(OFFLINE));
    LONGS_EQUAL(1, m_worker->pending());
    m_emulator->replug();
    m_ui->advance(3100);
    settle();
    LONGS_EQUAL(2, m_emulator->receipts_out());
}

TEST(PrintWorker, PersonalJobIsDroppedAtSessionEndOthersWaitButTheNextCitizenIsNotTold)
{
    set_paper(kiosk::hal::PaperLevel::end);
    m_service.print(slip(kiosk::hal::Privacy::personal));
    m_service.print(slip());
    settle();
    LONGS_EQUAL(2, m_worker->pending());
    // Only the job without personal data is on disk.
    LONGS_EQUAL(1, journaled());
    m_ui->tap("Tiếp tục");
    m_ui->tap("Kết thúc");
    settle();
    LONGS_EQUAL(1, m_worker->pending());
    LONGS_EQUAL(1, m_worker->counters().dropped);
    set_paper(kiosk::hal::PaperLevel::ok);
    m_ui->advance(3100);
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
    // The job of the citizen who left printed; the next one at the kiosk is not told about it.
    CHECK(!m_ui->shows(TAKE_IT));
    STRCMP_EQUAL("attract", std::string(m_ui->ui().screen_name()).c_str());
}

TEST(PrintWorker, PersonalDocumentNotYetQueuedIsDroppedTooAtSessionEnd)
{
    set_paper(kiosk::hal::PaperLevel::end);
    m_service.print(slip(kiosk::hal::Privacy::personal));
    m_ui->ui().navigate({ kiosk::ui::NavRequest::Kind::finish, {} });
    m_ui->settle();
    settle();
    LONGS_EQUAL(0, m_worker->pending());
    LONGS_EQUAL(1, m_worker->counters().dropped);
}

TEST(PrintWorker, JournaledJobSurvivesARestartAndPrintsOnce)
{
    set_paper(kiosk::hal::PaperLevel::end);
    m_service.print(slip());
    settle();
    LONGS_EQUAL(1, journaled());
    stop();
    set_paper(kiosk::hal::PaperLevel::ok);
    start();
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(0, journaled());
    // A job of an earlier run is nobody's news on screen.
    CHECK(!m_ui->shows(TAKE_IT));
    stop();
    start();
    settle();
    LONGS_EQUAL(1, m_emulator->receipts_out());
}

TEST(PrintWorker, AFileThatIsNotAJournalIsRefusedAndLeftAsItIs)
{
    stop();
    auto const bad = m_dir.write("not-a-journal.sqlite", "these are a technician's notes, not SQLite\n");
    PrintWorker::Options options;
    options.journal_file = bad;
    auto started = PrintWorker::start(*m_printer, m_ui->clock(), options);
    CHECK(!started.has_value());
    STRCMP_EQUAL("these are a technician's notes, not SQLite\n", file_bytes(bad).c_str());
    start();
}

TEST(PrintWorker, SelfTestRunsOnTheWorkerAndSeesPaperEnd)
{
    auto fine = m_worker->self_test(std::chrono::seconds(5));
    CHECK_TEXT(fine.has_value(), fine ? "" : fine.error().message().c_str());
    set_paper(kiosk::hal::PaperLevel::end);
    auto out = m_worker->self_test(std::chrono::seconds(5));
    CHECK(!out.has_value());
    LONGS_EQUAL(static_cast<int>(kiosk::Errc::not_ready), static_cast<int>(out.error().code()));
    LONGS_EQUAL(0, m_emulator->receipts_out());
}

TEST(PrintWorker, AnUnprintableDocumentIsDroppedWithAPlainMessage)
{
    kiosk::hal::ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::QrBlock { std::string(5000, 'x'), 0, kiosk::hal::Align::center });
    m_service.print(std::move(document));
    settle();
    LONGS_EQUAL(0, m_worker->pending());
    LONGS_EQUAL(1, m_worker->counters().failed);
    CHECK(m_ui->shows("Không in được biên nhận này"));
    LONGS_EQUAL(0, journaled());
}
