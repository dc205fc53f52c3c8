// SPDX-License-Identifier: MIT
// The procedures flow in process: the real catalog store on a temporary SQLite file built from
// the sample catalog, searched per keystroke (with or without diacritics), "no results" with a
// way on, browse by life event and field with counts, the detail screen (scroll, language
// switch, QR for the phone read back by zbarimg, the checklist printed by the sim board's ESC/POS
// emulator), and the flow's state wiped at "finish".
#include "ui_harness.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include "runtime/board_loader.hpp"

#include <catalog/catalog_json.hpp>
#include <catalog/catalog_store.hpp>
#include <codes/qr_encoder.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <ui/app/print_service.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;
using kiosk::ui::test::UiHarness;

namespace {

// ZXing builds its Galois field tables on first use and keeps them; doing that inside a test
// looks like a leak to CppUTest, so it happens here, before main().
struct WarmQrEncoder {
    WarmQrEncoder() { (void)kiosk::codes::QrEncoder::encode("warm up"); }
} const WARM_QR_ENCODER;

/// The sample catalog imported into a fresh SQLite file, opened read-only as the kiosk does.
struct SampleCatalog {
    TempDir dir;
    std::unique_ptr<kiosk::catalog::CatalogStore> store;

    SampleCatalog()
    {
        auto parsed = kiosk::catalog::read_catalog_file(source_path("firmware/catalog/data/sample_catalog.json"));
        CHECK_TEXT(parsed.has_value(), parsed ? "" : parsed.error().message().c_str());
        auto imported = kiosk::catalog::import_catalog(*parsed, dir.path() / "catalog.sqlite");
        CHECK_TEXT(imported.has_value(), imported ? "" : imported.error().message().c_str());
        auto opened = kiosk::catalog::CatalogStore::open(dir.path() / "catalog.sqlite");
        CHECK(opened.has_value());
        store = std::move(*opened);
    }
    [[nodiscard]] kiosk::ui::Services services() const
    {
        kiosk::ui::Services services;
        services.catalog = store.get();
        return services;
    }
};

/// Prints on the receipt printer of a board holding only the sim printer (the real ESC/POS
/// emulator: receipts/NNN.png in @p out).
class BoardPrintService final : public kiosk::ui::PrintService {
public:
    explicit BoardPrintService(TempDir const& dir)
    {
        auto const board_file = dir.write("board.toml",
            "[board]\nname = \"printer-only\"\n[display]\nwidth = 540\nheight = 960\ndpi = 51\n"
            "[printer]\nconnection = \"emul:\"\nhead_dots = 576\ndots_per_mm = 8\nnative_qr = false\n");
        kiosk::runtime::LoadOptions options;
        options.output_dir = dir.path() / "out";
        auto loaded = kiosk::runtime::load_board(board_file, std::move(options));
        CHECK_TEXT(loaded.has_value(), loaded ? "" : loaded.error().message().c_str());
        m_board = std::move(loaded->board);
        CHECK(m_board->printer() != nullptr);
    }
    void print(kiosk::hal::ReceiptDocument document) override
    {
        documents.push_back(document);
        printed.push_back(m_board->printer()->print(document).has_value());
    }
    std::vector<kiosk::hal::ReceiptDocument> documents;
    std::vector<bool> printed;

private:
    std::unique_ptr<kiosk::hal::Board> m_board;
};

void open_search(UiHarness& h)
{
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Tìm theo tên thủ tục");
}

/// The tappable texts inside the content (not the bars, not the keyboard's single letters).
std::vector<std::string> result_rows(UiHarness& h)
{
    std::vector<std::string> rows;
    for (auto const& hit : h.ui().visible_texts())
        if (hit.tappable && hit.text.size() > 12)
            rows.push_back(hit.text);
    return rows;
}

bool have(char const* program) { return run_process({ "/bin/sh", "-c", std::string("command -v ") + program }).exit_code == 0; }

} // namespace

TEST_GROUP(ProcedureSearch) {};

TEST(ProcedureSearch, ResultsFollowEachKeystrokeWithoutDiacritics)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    // An empty box lists what people look for most.
    CHECK(h.shows("Thủ tục nhiều người tìm"));
    CHECK(h.can_tap("Đăng ký khai sinh"));

    std::string typed;
    std::vector<std::vector<std::string>> seen;
    for (char const c : std::string("giay khai sinh")) {
        h.ui().type_text(std::string(1, c));
        typed.push_back(c);
        h.settle();
        STRCMP_EQUAL(typed.c_str(), h.ui().session_state().search_query.c_str());
        seen.push_back(result_rows(h));
        CHECK_TEXT(!seen.back().empty() || h.shows("Không tìm thấy"), typed.c_str());
    }
    // The list changed as the words were typed, and the final one finds the birth procedures.
    CHECK(seen.front() != seen.back());
    CHECK(h.shows("Các thủ tục tìm thấy"));
    CHECK(h.can_tap("Đăng ký khai sinh"));
    // Each row says the field, the fee and the time.
    CHECK(h.shows("Hộ tịch · Miễn lệ phí · Trong ngày làm việc"));
}

TEST(ProcedureSearch, WithDiacriticsFindsTheSame)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("đăng ký khai sinh");
    h.settle();
    auto const with_marks = result_rows(h);
    kiosk::ui::KeyPress backspace;
    backspace.kind = kiosk::ui::KeyPress::Kind::backspace;
    while (!h.ui().session_state().search_query.empty())
        h.ui().key(backspace);
    h.ui().type_text("dang ky khai sinh");
    h.settle();
    CHECK(!with_marks.empty());
    CHECK(with_marks == result_rows(h));
    CHECK(h.can_tap("Đăng ký khai sinh"));
}

TEST(ProcedureSearch, NoResultsSaysSoAndOffersBrowsing)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("zqxwv");
    h.settle();
    CHECK(h.shows("Không tìm thấy thủ tục nào. Hãy thử từ khác ngắn hơn."));
    CHECK(h.shows("Hoặc chọn thủ tục theo sự kiện trong đời"));
    h.tap("Xem theo sự kiện trong đời");
    STRCMP_EQUAL("procedure_browse", std::string(h.ui().screen_name()).c_str());
    // Back keeps what was typed.
    h.tap("Quay lại");
    STRCMP_EQUAL("zqxwv", h.ui().session_state().search_query.c_str());
    CHECK(h.shows("Không tìm thấy"));
}

TEST(ProcedureSearch, WithoutACatalogTheScreensSaySo)
{
    UiHarness h;
    open_search(h);
    h.ui().type_text("khai sinh");
    h.settle();
    CHECK(h.shows("Danh mục thủ tục chưa có trên ki-ốt này."));
    h.tap("Quay lại");
    h.tap("Xem theo sự kiện trong đời");
    CHECK(h.shows("Danh mục thủ tục chưa có trên ki-ốt này."));
    CHECK(!h.can_tap("Theo lĩnh vực"));
}

TEST_GROUP(ProcedureDetail) {};

TEST(ProcedureDetail, ShowsDocumentsFeesTimeWhereAndOnlineLevel)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("khai sinh");
    h.tap("Đăng ký khai sinh");
    STRCMP_EQUAL("procedure_detail", std::string(h.ui().screen_name()).c_str());
    STRCMP_EQUAL("1.001193", h.ui().session_state().procedure_code.c_str());
    CHECK(h.shows("Mã thủ tục: 1.001193"));
    CHECK(h.shows("Giấy tờ cần chuẩn bị"));
    CHECK(h.shows("1. Tờ khai đăng ký khai sinh"));
    CHECK(h.shows("1 bản chính"));
    // Below the first screenful: scroll the facts up with a finger until the online level shows.
    CHECK(!h.shows("Làm hết trên mạng"));
    for (int i = 0; i < 10 && !h.shows("Làm hết trên mạng"); ++i) {
        h.ui().pointer_down({ 270, 600 });
        for (int y = 600; y >= 300; y -= 30)
            h.ui().pointer_move({ 270, y });
        h.ui().pointer_up({ 270, 300 });
        h.settle();
    }
    CHECK(h.shows("Miễn lệ phí"));
    CHECK(h.shows("Trong ngày làm việc"));
    CHECK(h.shows("Ủy ban nhân dân cấp xã"));
    CHECK(h.shows("Cách nộp: Nộp trực tiếp, Nộp trực tuyến, Nộp qua bưu điện"));
    CHECK(h.shows("Làm hết trên mạng"));
    // The QR and the phone hint stay in view while the facts scroll.
    CHECK(h.shows("Quét mã này bằng điện thoại"));
}

TEST(ProcedureDetail, LanguageSwitchRebuildsTheSameProcedure)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("ket hon");
    h.tap("Đăng ký kết hôn");
    h.tap("English");
    STRCMP_EQUAL("procedure_detail", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Marriage registration"));
    CHECK(h.shows("Papers to bring"));
    CHECK(h.shows("Procedure code: 1.000894"));
    h.tap("Tiếng Việt");
    CHECK(h.shows("Đăng ký kết hôn"));
    CHECK(h.shows("Giấy tờ cần chuẩn bị"));
}

TEST(ProcedureDetail, QrOnScreenOpensTheProcedureOnAPhone)
{
    if (!have("zbarimg"))
        return;
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("khai sinh");
    h.tap("Đăng ký khai sinh");
    TempDir dir;
    auto const png = dir.path() / "detail.png";
    CHECK(h.canvas().save_png(png).has_value());
    auto const zbar = run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", png.string() });
    LONGS_EQUAL_TEXT(0, zbar.exit_code, zbar.err.c_str());
    STRCMP_EQUAL("https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193\n",
        zbar.out.c_str());
}

TEST(ProcedureDetail, PrintChecklistOnThePrinter)
{
    SampleCatalog catalog;
    TempDir dir;
    BoardPrintService printer(dir);
    auto services = catalog.services();
    services.printer = &printer;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    open_search(h);
    h.ui().type_text("khai sinh");
    h.tap("Đăng ký khai sinh");
    h.tap("In danh sách giấy tờ");
    LONGS_EQUAL(1, printer.documents.size());
    CHECK(printer.printed.front());
    CHECK(printer.documents.front().privacy == kiosk::hal::Privacy::none);
    auto const receipt = dir.path() / "out" / "receipts" / "001.png";
    CHECK_TEXT(std::filesystem::exists(receipt), receipt.c_str());
    if (have("tesseract")) {
        auto const ocr = run_process({ "/usr/bin/tesseract", receipt.string(), "-", "-l", "vie" });
        LONGS_EQUAL_TEXT(0, ocr.exit_code, ocr.err.c_str());
        CHECK_TEXT(ocr.out.find("khai sinh") != std::string::npos, ocr.out.c_str());
    }
}

TEST(ProcedureDetail, WithoutAPrinterThereIsNoPrintButton)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    open_search(h);
    h.ui().type_text("khai sinh");
    h.tap("Đăng ký khai sinh");
    CHECK(!h.can_tap("In danh sách giấy tờ"));
    CHECK(h.shows("Ki-ốt này không có máy in."));
}

TEST_GROUP(ProcedureBrowse) {};

TEST(ProcedureBrowse, LifeEventThenListThenDetail)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Xem theo sự kiện trong đời");
    auto const events = KIOSK_MUST(catalog.store->life_events());
    auto const birth = std::find_if(events.begin(), events.end(), [](auto const& e) { return e.id == "birth"; });
    CHECK(birth != events.end());
    CHECK(h.can_tap("Sinh con"));
    CHECK(h.shows(std::to_string(birth->procedures) + " thủ tục"));
    h.tap("Sinh con");
    STRCMP_EQUAL("procedure_group", std::string(h.ui().screen_name()).c_str());
    STRCMP_EQUAL("event:birth", h.ui().session_state().procedure_group.c_str());
    CHECK(h.shows("Sinh con"));
    CHECK(h.can_tap("Đăng ký khai sinh"));
    // The group survives a language switch.
    h.tap("English");
    CHECK(h.shows("Having a baby"));
    CHECK(h.can_tap("Birth registration"));
    h.tap("Birth registration");
    STRCMP_EQUAL("procedure_detail", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Birth registration"));
}

TEST(ProcedureBrowse, ByFieldWithCounts)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Xem theo sự kiện trong đời");
    h.tap("Theo lĩnh vực");
    CHECK(h.ui().session_state().procedure_browse_fields);
    auto const fields = KIOSK_MUST(catalog.store->fields());
    CHECK(h.can_tap(fields.front().name));
    CHECK(h.shows(std::to_string(fields.front().procedures) + " thủ tục"));
    h.tap(fields.front().name);
    STRCMP_EQUAL(("field:" + fields.front().id).c_str(), h.ui().session_state().procedure_group.c_str());
    CHECK(h.can_tap("Đăng ký khai sinh"));
    h.tap("Quay lại");
    h.tap("Theo sự kiện trong đời");
    CHECK(!h.ui().session_state().procedure_browse_fields);
    CHECK(h.can_tap("Sinh con"));
}

TEST(ProcedureBrowse, FinishWipesTheFlowsState)
{
    SampleCatalog catalog;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), catalog.services());
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
    h.tap("Xem theo sự kiện trong đời");
    h.tap("Theo lĩnh vực");
    h.tap("Hộ tịch");
    h.tap("Đăng ký khai sinh");
    CHECK(!h.ui().session_state().empty());
    h.tap("Kết thúc");
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    CHECK(h.ui().session_state().empty());
    CHECK(h.ui().session_state().procedure_code.empty());
    CHECK(h.ui().session_state().procedure_group.empty());
}
