// SPDX-License-Identifier: MIT
// The real kiosk program, headless on the sim board, driven by scenario files.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::test::program_path;
using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;

namespace {

kiosk::test::ProcessResult kiosk_run(std::filesystem::path const& scenario, std::filesystem::path const& out)
{
    return run_process({ program_path("kiosk"), "--board", source_path("boards/sim/board.toml"), "--scenario",
        scenario.string(), "--out", out.string() });
}

std::string read_all(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_GROUP(KioskScenario) {};

TEST(KioskScenario, TourThroughEveryFlowPasses)
{
    TempDir dir;
    auto const out = dir.path() / "out";
    auto result = kiosk_run(source_path("tests/ui/scenarios/tour.txt"), out);
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("steps passed") != std::string::npos);
    for (auto const* name : { "01-attract", "02-home", "03-procedure-search", "05-dossier-entry", "07-id-entry",
             "08-place-card", "09-unknown-qr", "10-large-contrast", "11-still-there", "12-wiped" }) {
        auto const png = out / (std::string(name) + ".png");
        CHECK_TEXT(std::filesystem::exists(png), png.c_str());
        CHECK(read_all(png).substr(1, 3) == "PNG");
    }
    // Personal data from the card's QR never reaches the log or a file.
    CHECK(result.err.find("038187004512") == std::string::npos);
    CHECK(result.err.find("Hoa") == std::string::npos);
    for (auto const& entry : std::filesystem::recursive_directory_iterator(out)) {
        if (!entry.is_regular_file())
            continue;
        auto const content = read_all(entry.path());
        CHECK_TEXT(content.find("038187004512") == std::string::npos, entry.path().c_str());
        CHECK_TEXT(content.find("Nguyễn Thị Hoa") == std::string::npos, entry.path().c_str());
    }
}

TEST(KioskScenario, FailedStepNamesFileAndLine)
{
    TempDir dir;
    auto const scenario = dir.write(
        "fails.txt", "# comment\ntap \"Chạm vào đây để bắt đầu\"\ntap \"No such button\"\nscreenshot never\n");
    auto result = kiosk_run(scenario, dir.path() / "out");
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(
        result.err.find(scenario.string() + ":3: no tappable \"No such button\" on screen 'home'") != std::string::npos,
        result.err.c_str());
    // What can be tapped is listed, to help the author.
    CHECK(result.err.find("\"Tra cứu hồ sơ\"") != std::string::npos);
    CHECK(!std::filesystem::exists(dir.path() / "out" / "never.png"));
}

TEST(KioskScenario, WaitForTimesOutInFakeTime)
{
    TempDir dir;
    auto const scenario = dir.write("wait.txt", "wait-for \"never shown\" 30\n");
    auto result = kiosk_run(scenario, dir.path() / "out");
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(
        result.err.find(":1: \"never shown\" did not appear within 30 s") != std::string::npos, result.err.c_str());
}

TEST(KioskScenario, MalformedScenarioIsAUsageError)
{
    TempDir dir;
    auto const scenario = dir.write("bad.txt", "tap \"ok\"\n\nfly away\n");
    auto result = kiosk_run(scenario, dir.path() / "out");
    LONGS_EQUAL(2, result.exit_code);
    CHECK_TEXT(result.err.find(scenario.string() + ":3: unknown step 'fly'") != std::string::npos, result.err.c_str());
}

TEST(KioskScenario, ScenarioNeedsAnOutputFolderAndAReadableFile)
{
    TempDir dir;
    auto missing_out = run_process({ program_path("kiosk"), "--scenario", dir.write("s.txt", "").string() });
    LONGS_EQUAL(2, missing_out.exit_code);
    auto missing_file = run_process({ program_path("kiosk"), "--scenario", (dir.path() / "nope.txt").string(), "--out",
        (dir.path() / "out").string() });
    LONGS_EQUAL(2, missing_file.exit_code);
    CHECK(missing_file.err.find("cannot be read") != std::string::npos);
}

TEST(KioskScenario, BrokenBoardFileIsAUsageError)
{
    TempDir dir;
    auto const board = dir.write("board.toml", "[board]\nname = \"x\"\n[display]\nwidth = \"wide\"\n");
    auto result = run_process({ program_path("kiosk"), "--board", board.string(), "--scenario",
        dir.write("s.txt", "").string(), "--out", (dir.path() / "out").string() });
    LONGS_EQUAL(2, result.exit_code);
    CHECK_TEXT(result.err.find("board.toml:4") != std::string::npos, result.err.c_str());
}

TEST(KioskScenario, RotatedBoardRunsUpright)
{
    TempDir dir;
    auto const board = dir.write(
        "board.toml", "[board]\nname = \"turned\"\n[display]\nwidth = 1280\nheight = 800\nrotation = 90\ndpi = 149\n");
    auto result = run_process({ program_path("kiosk"), "--board", board.string(), "--scenario",
        dir.write("s.txt", "tap \"Chạm vào đây để bắt đầu\"\nwait-for \"Bạn cần làm gì?\"\nscreenshot home\n").string(),
        "--out", (dir.path() / "out").string() });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    // The screenshot is the upright 800x1280 picture: PNG width and height from the IHDR chunk.
    auto const png = read_all(dir.path() / "out" / "home.png");
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24U) | (static_cast<unsigned char>(png[at + 1]) << 16U)
            | (static_cast<unsigned char>(png[at + 2]) << 8U) | static_cast<unsigned char>(png[at + 3]);
    };
    LONGS_EQUAL(800, be32(16));
    LONGS_EQUAL(1280, be32(20));
}

TEST(KioskScenario, SmallPanelTourPasses)
{
    // A 7" 800x480 panel: the keyboard opens full screen and folds away ("Xong").
    TempDir dir;
    auto const out = dir.path() / "out";
    auto result = run_process({ program_path("kiosk"), "--board", source_path("tests/ui/boards/sim-800x480.toml"),
        "--scenario", source_path("tests/ui/scenarios/small-screen.txt"), "--out", out.string() });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    for (auto const* name : { "s03-search-keyboard", "s04-search-results", "s06-dossier-entry" })
        CHECK_TEXT(std::filesystem::exists(out / (std::string(name) + ".png")), name);
}
