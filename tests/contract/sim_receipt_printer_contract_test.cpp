// SPDX-License-Identifier: MIT
// The receipt printer contract run against the simulator that saves PBM images.
#include <codes/qr_encoder.hpp>
#include <printer/escpos_encoder.hpp>
#include <printer/sim_receipt_printer.hpp>
#include <printer/ttf_text_rasterizer.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

#include "contract/receipt_printer_contract.hpp"

namespace {

// ZXing builds its tables on first use and keeps them: build them before CppUTest starts
// counting allocations, so they are not reported as a leak of whichever test runs first.
bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

/// Reads a binary PBM (P4) file; std::nullopt if it is not one.
std::optional<kiosk::hal::RasterImage> read_pbm(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int width = 0;
    int height = 0;
    if (!(in >> magic >> width >> height) || magic != "P4" || width <= 0 || height <= 0)
        return std::nullopt;
    in.get(); // the single whitespace byte before the bits
    std::vector<char> const bits((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    int const row_bytes = (width + 7) / 8;
    if (bits.size() != static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(height))
        return std::nullopt;
    kiosk::hal::RasterImage image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            auto const byte
                = static_cast<unsigned char>(bits[static_cast<std::size_t>(y) * static_cast<std::size_t>(row_bytes)
                    + static_cast<std::size_t>(x / 8)]);
            image.set_dot(x, y, (byte & (0x80U >> (x % 8))) != 0);
        }
    return image;
}

} // namespace

TEST_GROUP(SimReceiptPrinter)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::drivers::TtfTextRasterizer> m_text;
    std::unique_ptr<kiosk::drivers::EscPosEncoder> m_encoder;
    std::unique_ptr<kiosk::drivers::SimReceiptPrinter> m_printer;

    void setup() override
    {
        kiosk::hal::PrinterCapabilities capabilities;
        capabilities.dots_per_line = 384;
        // Documents are laid out as the sim board does it: the ESC/POS encoder's raster page.
        m_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        m_encoder = std::make_unique<kiosk::drivers::EscPosEncoder>(capabilities, *m_text,
            [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); });
        m_printer = KIOSK_MUST(kiosk::drivers::SimReceiptPrinter::open(capabilities, m_dir.path() / "receipts",
            [this](kiosk::hal::ReceiptDocument const& document) { return m_encoder->render(document); }));
    }
    void teardown() override
    {
        m_printer.reset();
        m_encoder.reset();
        m_text.reset();
    }

    kiosk::hal::ReceiptPrinter& printer() const { return *m_printer; }
    void set_status(kiosk::hal::PrinterStatus status) const { m_printer->set_status(status); }

    int receipts_out() const
    {
        int files = 0;
        for (auto const& entry : std::filesystem::directory_iterator(m_printer->output_dir()))
            files += entry.path().extension() == ".pbm" ? 1 : 0;
        return files;
    }

    std::optional<kiosk::hal::RasterImage> last_receipt() const
    {
        std::optional<std::filesystem::path> last;
        for (auto const& entry : std::filesystem::directory_iterator(m_printer->output_dir()))
            if (entry.path().extension() == ".pbm" && (!last || entry.path().filename() > last->filename()))
                last = entry.path();
        if (!last)
            return std::nullopt;
        return read_pbm(*last);
    }
};

KIOSK_RECEIPT_PRINTER_CONTRACT(SimReceiptPrinter)
