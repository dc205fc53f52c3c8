// SPDX-License-Identifier: MIT
// The real kiosk program, headless on the sim board with the sample catalog, driven by
// tests/ui/scenarios/procedures.txt: the on-screen QR is read back by zbarimg, the printed
// checklist is a PNG of the printer emulator read back by tesseract (when installed). A missing
// or broken catalog leaves the kiosk running and saying so.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::program_path;
using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;

namespace {

kiosk::test::ProcessResult kiosk_run(
    std::filesystem::path const& scenario, std::filesystem::path const& out, std::vector<std::string> extra = {})
{
    std::vector<std::string> argv { program_path("kiosk"), "--board", source_path("boards/sim/board.toml"),
        "--scenario", scenario.string(), "--out", out.string() };
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv);
}

bool have(char const* program) { return run_process({ "/bin/sh", "-c", std::string("command -v ") + program }).exit_code == 0; }

constexpr char const* URL = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=";

} // namespace

TEST_GROUP(ProceduresScenario) {};

TEST(ProceduresScenario, SearchDetailPrintBrowseAndLanguage)
{
    TempDir dir;
    auto const out = dir.path() / "out";
    auto const result = kiosk_run(source_path("tests/ui/scenarios/procedures.txt"), out);
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("steps passed") != std::string::npos);
    for (auto const* name : { "p01-search", "p02-detail", "p03-detail-scrolled", "p04-printed", "p05-detail-en",
             "p06-browse", "p07-group", "p08-detail-en" })
        CHECK_TEXT(std::filesystem::exists(out / (std::string(name) + ".png")), name);

    // The checklist came out of the printer emulator.
    auto const receipt = out / "receipts" / "001.png";
    CHECK_TEXT(std::filesystem::exists(receipt), receipt.c_str());
    if (have("tesseract")) {
        auto const ocr = run_process({ "/usr/bin/tesseract", receipt.string(), "-", "-l", "vie" });
        LONGS_EQUAL_TEXT(0, ocr.exit_code, ocr.err.c_str());
        // "Đăng ký khai sinh": its first word, and the checklist's heading.
        CHECK_TEXT(ocr.out.find("Đăng") != std::string::npos, ocr.out.c_str());
        CHECK_TEXT(ocr.out.find("khai sinh") != std::string::npos, ocr.out.c_str());
    }
    // The QR on the detail screen opens the procedure on the citizen's phone.
    if (have("zbarimg")) {
        auto const zbar = run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", (out / "p02-detail.png").string() });
        LONGS_EQUAL_TEXT(0, zbar.exit_code, zbar.err.c_str());
        STRCMP_EQUAL((std::string(URL) + "1.001193\n").c_str(), zbar.out.c_str());
        auto const other = run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", (out / "p08-detail-en.png").string() });
        STRCMP_EQUAL((std::string(URL) + "0.900002\n").c_str(), other.out.c_str());
    }
}

TEST(ProceduresScenario, MissingCatalogLeavesTheKioskRunning)
{
    TempDir dir;
    auto const scenario = dir.write("s.txt",
        "tap \"Chạm vào đây để bắt đầu\"\ntap \"Tra cứu thủ tục\"\ntap \"Tìm theo tên thủ tục\"\n"
        "wait-for \"Danh mục thủ tục chưa có trên ki-ốt này.\"\ntap \"Quay lại\"\n"
        "tap \"Xem theo sự kiện trong đời\"\nwait-for \"Danh mục thủ tục chưa có\"\n");
    auto const missing = kiosk_run(scenario, dir.path() / "out", { "--catalog", (dir.path() / "none.sqlite").string() });
    LONGS_EQUAL_TEXT(0, missing.exit_code, missing.err.c_str());
    CHECK_TEXT(missing.err.find("procedure catalog") != std::string::npos, missing.err.c_str());

    auto const broken_file = dir.write("broken.sqlite", "this is not a database\n");
    auto const broken = kiosk_run(scenario, dir.path() / "out2", { "--catalog", broken_file.string() });
    LONGS_EQUAL_TEXT(0, broken.exit_code, broken.err.c_str());
    CHECK_TEXT(broken.err.find("procedure catalog") != std::string::npos, broken.err.c_str());
}

TEST(ProceduresScenario, CatalogOptionNamesTheDatabase)
{
    // --catalog wins over the board's [services].catalog_db: the sample database under another name.
    TempDir dir;
    auto const copy = dir.path() / "other.sqlite";
    std::filesystem::copy_file(source_path("boards/sim/data/catalog.sqlite"), copy);
    auto const scenario = dir.write("s.txt",
        "tap \"Chạm vào đây để bắt đầu\"\ntap \"Tra cứu thủ tục\"\ntap \"Tìm theo tên thủ tục\"\n"
        "type \"chung thuc ban sao\"\nwait-for \"Chứng thực bản sao từ bản chính\"\n");
    auto const result = kiosk_run(scenario, dir.path() / "out", { "--catalog", copy.string() });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto const help = run_process({ program_path("kiosk"), "--help" });
    CHECK(help.out.find("--catalog") != std::string::npos);
}
