// SPDX-License-Identifier: MIT
// End to end: document -> EscPosEncoder -> bytes -> EscPosPrinterEmul -> PNG, then tools
// independent of our code read the paper: zbarimg (not ZXing) decodes the QR code and
// tesseract (Vietnamese model) reads the Vietnamese lines back.
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <receipt/document_json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::drivers::EscPosPrinter;
using kiosk::drivers::EscPosPrinterEmul;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

constexpr char const* QR_PAYLOAD = "https://dichvucong.gov.vn/tra-cuu?ma=G22.99-241201-0042";
// Every tone mark and every modified vowel of Vietnamese, in real words.
constexpr char const* LINE_TONES = "Hồ sơ của bạn đang được xử lý";
constexpr char const* LINE_VOWELS = "Ngày hẹn trả kết quả: thứ Năm";

std::vector<std::string> words(std::string const& text)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        auto const byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || std::isalnum(byte) != 0) {
            word += static_cast<char>(byte < 0x80 ? std::tolower(byte) : byte);
        } else if (!word.empty()) {
            out.push_back(std::exchange(word, {}));
        }
    }
    if (!word.empty())
        out.push_back(word);
    return out;
}

/// How many of @p expected's words tesseract found in @p ocr (lower-case ASCII; Vietnamese
/// letters must match exactly).
int words_found(std::string const& expected, std::string const& ocr)
{
    std::vector<std::string> const seen = words(ocr);
    int found = 0;
    for (auto const& word : words(expected))
        found += std::find(seen.begin(), seen.end(), word) != seen.end() ? 1 : 0;
    return found;
}

struct Rig {
    kiosk::test::TempDir dir;
    std::shared_ptr<kiosk::drivers::TtfTextRasterizer> emulator_text;
    EscPosPrinterEmul* emulator = nullptr;
    std::unique_ptr<EscPosPrinter> printer;

    explicit Rig(kiosk::hal::PrinterCapabilities const& capabilities)
    {
        auto qr = [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
        emulator_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        auto channel = KIOSK_MUST(
            EscPosPrinterEmul::open({ capabilities.dots_per_line, dir.path() / "receipts", emulator_text, qr }));
        emulator = channel.get();
        auto driver_text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        printer = KIOSK_MUST(EscPosPrinter::open(std::move(channel), capabilities, std::move(driver_text), qr, {}));
    }
};

std::string document_json()
{
    return std::string(R"({"width_mm": 80, "items": [
        {"text": "PHIẾU TRA CỨU", "align": "center", "scale": 2, "bold": true},
        {"separator": true},
        {"text": ")") + LINE_TONES + R"(", "scale": 2},
        {"text": ")" + LINE_VOWELS + R"(", "scale": 2},
        {"qr": ")" + QR_PAYLOAD + R"("},
        {"feed": 1}], "cut": true})";
}

std::filesystem::path print_document(Rig& rig)
{
    auto document = kiosk::receipt::parse_document_json(document_json());
    CHECK_TRUE(document.has_value());
    KIOSK_CHECK_OK(rig.printer->print(*document));
    LONGS_EQUAL(1, rig.emulator->receipts_out());
    LONGS_EQUAL(0, rig.emulator->unknown_commands());
    std::filesystem::path png = rig.emulator->last_receipt_file();
    CHECK_TRUE(std::filesystem::exists(png));
    return png;
}

void check_qr(std::filesystem::path const& png)
{
    auto const zbar = kiosk::test::run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", png.string() });
    LONGS_EQUAL_TEXT(0, zbar.exit_code, zbar.err.c_str());
    STRCMP_EQUAL((std::string(QR_PAYLOAD) + "\n").c_str(), zbar.out.c_str());
}

void check_ocr(std::filesystem::path const& png)
{
    auto const ocr = kiosk::test::run_process({ "/usr/bin/tesseract", png.string(), "stdout", "-l", "vie" },
        { "OMP_THREAD_LIMIT=1" });
    LONGS_EQUAL_TEXT(0, ocr.exit_code, ocr.err.c_str());
    // Small recognition slips are allowed; the lines' words must be there.
    int const tones = words_found(LINE_TONES, ocr.out);
    int const vowels = words_found(LINE_VOWELS, ocr.out);
    std::string const context = "tesseract read:\n" + ocr.out;
    CHECK_TEXT(tones >= static_cast<int>(words(LINE_TONES).size()) - 1, context.c_str());
    CHECK_TEXT(vowels >= static_cast<int>(words(LINE_VOWELS).size()) - 1, context.c_str());
}

} // namespace

TEST_GROUP(ReceiptEndToEnd) {};

TEST(ReceiptEndToEnd, raster_text_and_raster_qr_read_back_by_zbar_and_tesseract)
{
    Rig rig({ 576, 8, false, "" });
    auto const png = print_document(rig);
    check_qr(png);
    check_ocr(png);
}

TEST(ReceiptEndToEnd, wpc1258_text_mode_and_native_qr_read_back_by_zbar_and_tesseract)
{
    // The bytes go as code page 1258 text and GS ( k; the emulator decodes them back.
    Rig rig({ 576, 8, true, "wpc1258" });
    auto const png = print_document(rig);
    check_qr(png);
    check_ocr(png);
}

TEST(ReceiptEndToEnd, narrow_58mm_head_wraps_and_still_reads)
{
    Rig rig({ 384, 8, false, "" });
    auto const png = print_document(rig);
    check_qr(png);
    check_ocr(png);
}
