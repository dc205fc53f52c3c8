// SPDX-License-Identifier: MIT
// The receipt printer contract run against the real EscPosPrinter driver talking to the
// ESC/POS emulator (which parses the bytes and draws the paper), for 58 mm and 80 mm heads.
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>

#include <memory>
#include <optional>

#include "contract/receipt_printer_contract.hpp"

namespace {

using kiosk::drivers::EscPosPrinter;
using kiosk::drivers::EscPosPrinterEmul;

// ZXing builds its tables on first use and keeps them: build them before CppUTest starts
// counting allocations, so they are not reported as a leak of whichever test runs first.
bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

kiosk::drivers::QrModuleEncoder qr_encoder()
{
    return [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
}

/// The driver and the emulator it talks to (owned by the driver; the pointer stays valid).
struct Rig {
    std::shared_ptr<kiosk::drivers::TtfTextRasterizer> emulator_text;
    EscPosPrinterEmul* emulator = nullptr;
    std::unique_ptr<EscPosPrinter> printer;

    explicit Rig(int head_dots)
    {
        emulator_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        auto channel = KIOSK_MUST(EscPosPrinterEmul::open({ head_dots, {}, emulator_text, qr_encoder() }));
        emulator = channel.get();
        kiosk::hal::PrinterCapabilities capabilities;
        capabilities.dots_per_line = head_dots;
        auto driver_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        printer = KIOSK_MUST(EscPosPrinter::open(
            std::move(channel), capabilities, std::move(driver_text), qr_encoder(), EscPosPrinter::Options {}));
    }
};

} // namespace

TEST_GROUP(EscPosPrinterOverEmulator58)
{
    std::unique_ptr<Rig> m_rig;
    void setup() override { m_rig = std::make_unique<Rig>(384); }
    void teardown() override
    {
        LONGS_EQUAL_TEXT(0, m_rig->emulator->unknown_commands(), "commands the emulator did not understand");
        m_rig.reset();
    }
    kiosk::hal::ReceiptPrinter& printer() const { return *m_rig->printer; }
    void set_status(kiosk::hal::PrinterStatus status) const { m_rig->emulator->set_status(status); }
    int receipts_out() const { return m_rig->emulator->receipts_out(); }
    std::optional<kiosk::hal::RasterImage> last_receipt() const { return m_rig->emulator->last_receipt(); }
};

KIOSK_RECEIPT_PRINTER_CONTRACT(EscPosPrinterOverEmulator58)

TEST_GROUP(EscPosPrinterOverEmulator80)
{
    std::unique_ptr<Rig> m_rig;
    void setup() override { m_rig = std::make_unique<Rig>(576); }
    void teardown() override
    {
        LONGS_EQUAL_TEXT(0, m_rig->emulator->unknown_commands(), "commands the emulator did not understand");
        m_rig.reset();
    }
    kiosk::hal::ReceiptPrinter& printer() const { return *m_rig->printer; }
    void set_status(kiosk::hal::PrinterStatus status) const { m_rig->emulator->set_status(status); }
    int receipts_out() const { return m_rig->emulator->receipts_out(); }
    std::optional<kiosk::hal::RasterImage> last_receipt() const { return m_rig->emulator->last_receipt(); }
};

KIOSK_RECEIPT_PRINTER_CONTRACT(EscPosPrinterOverEmulator80)
