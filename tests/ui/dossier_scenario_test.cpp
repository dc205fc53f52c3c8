// SPDX-License-Identifier: MIT
// The dossier flow end to end: the real kiosk program, headless on the sim board (its printer is
// the ESC/POS emulator rendering PNG receipts), and the real kiosk-gateway on 127.0.0.1 with its
// demo data dated on the kiosk's fake calendar day. Then the gateway is stopped: the kiosk answers
// from its lookup cache with the time of the answer, or says it cannot check now.
#include "gateway_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::GatewayProcess;
using kiosk::test::program_path;
using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;

namespace {

/// The kiosk's fake clock starts on 2025-07-01 (ManualClock::default_wall_start()); the demo data
/// is dated on the same day so "late by N working days" is what the demo means.
constexpr char const* DEMO_TODAY = "2025-07-01";

std::string read_all(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::filesystem::path> receipts(std::filesystem::path const& out)
{
    std::vector<std::filesystem::path> found;
    std::error_code error;
    for (auto const& entry : std::filesystem::directory_iterator(out / "receipts", error)) {
        if (entry.path().extension() == ".png")
            found.push_back(entry.path());
    }
    return found;
}

bool have_program(char const* path) { return std::filesystem::exists(path); }

} // namespace

TEST_GROUP(DossierScenario)
{
    TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void setup() override
    {
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--today", DEMO_TODAY });
    }

    void teardown() override { gateway.reset(); }

    kiosk::test::ProcessResult kiosk(std::filesystem::path const& scenario, std::filesystem::path const& out,
        std::string const& gateway_url) const
    {
        return run_process({ program_path("kiosk"), "--board", source_path("boards/sim/board.toml"), "--scenario",
            scenario.string(), "--out", out.string(), "--gateway", gateway_url, "--lookup-cache",
            (dir.path() / "lookup-cache.sqlite").string() });
    }

    /// No dossier code of the run in the log or in a file of the output folder, but the receipt
    /// and the print journal holding it until it is out (the slip carries its code by design).
    /// The lookup cache (kept for offline answers) is outside the output folder.
    void check_codes_kept_private(kiosk::test::ProcessResult const& result, std::filesystem::path const& out)
    {
        for (std::string const code : { "DEMO-0009", "DEMO-0004", "DEMO-0003", "KHONG-0001" }) {
            CHECK_TEXT(result.err.find(code) == std::string::npos, (code + " in the log:\n" + result.err).c_str());
            for (auto const& entry : std::filesystem::recursive_directory_iterator(out)) {
                if (!entry.is_regular_file() || entry.path().parent_path().filename() == "receipts"
                    || entry.path().filename().string().starts_with("print-journal"))
                    continue;
                CHECK_TEXT(read_all(entry.path()).find(code) == std::string::npos, entry.path().c_str());
            }
        }
    }
};

TEST(DossierScenario, TypedScannedPrintedUnknownAndBrokenQrThenOffline)
{
    auto const out = dir.path() / "out";
    auto result = kiosk(source_path("tests/ui/scenarios/dossier.txt"), out, gateway->url());
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("steps passed") != std::string::npos);
    for (auto const* name : { "dossier-01-entry", "dossier-02-overdue", "dossier-03-scanned-ready",
             "dossier-04-scanned-ready-en", "dossier-05-unknown", "dossier-06-bad-qr" }) {
        auto const png = out / (std::string(name) + ".png");
        CHECK_TEXT(std::filesystem::exists(png), png.c_str());
    }
    // The status slip came out of the sim printer as a picture; its QR leads back to the dossier.
    auto const printed = receipts(out);
    LONGS_EQUAL(1, printed.size());
    CHECK(read_all(printed.front()).substr(1, 3) == "PNG");
    if (have_program("/usr/bin/zbarimg")) {
        auto decoded = run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", printed.front().string() });
        LONGS_EQUAL_TEXT(0, decoded.exit_code, decoded.err.c_str());
        CHECK_TEXT(decoded.out.find("maHoSo=H40.50-DEMO-0009") != std::string::npos, decoded.out.c_str());
    }
    check_codes_kept_private(result, out);

    // The network goes down: the gateway stops and its port is closed.
    std::string const url = gateway->url();
    gateway->stop();
    auto const offline_out = dir.path() / "offline";
    auto offline = kiosk(source_path("tests/ui/scenarios/dossier-offline.txt"), offline_out, url);
    LONGS_EQUAL_TEXT(0, offline.exit_code, offline.err.c_str());
    for (auto const* name : { "dossier-07-cached", "dossier-08-cannot-check" })
        CHECK_TEXT(std::filesystem::exists(offline_out / (std::string(name) + ".png")), name);
    check_codes_kept_private(offline, offline_out);
}

TEST(DossierScenario, WithoutAGatewayTheFlowSaysSoInPlainWords)
{
    // The board's gateway setting emptied by an unusable URL: no lookups, no crash, plain words.
    TempDir scenario_dir;
    auto const scenario = scenario_dir.write("none.txt",
        "tap \"Chạm vào đây để bắt đầu\"\ntap \"Tra cứu hồ sơ\"\ntype \"H40.50-DEMO-0002\"\ntap \"Tra cứu\"\n"
        "wait-for \"Ki-ốt chưa kết nối được với hệ thống tra cứu hồ sơ\"\n");
    auto result = kiosk(scenario, dir.path() / "out", "ftp://nowhere");
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
}
