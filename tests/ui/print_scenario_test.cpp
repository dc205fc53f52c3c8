// SPDX-License-Identifier: MIT
// Printing and the health report with the real kiosk program, headless on the sim board (the
// ESC/POS emulator behind the real driver, a real SQLite journal, the updater's own health check).
#include "health_check.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <receipt/print_journal.hpp>
#include <update/agent_config.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CppUTest/TestHarness.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

using kiosk::test::program_path;
using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;

namespace {

std::vector<std::string> kiosk_args(std::filesystem::path const& scenario, std::filesystem::path const& out,
    std::vector<std::string> const& extra = {})
{
    std::vector<std::string> argv { program_path("kiosk"), "--board", source_path("boards/sim/board.toml"), "--scenario",
        scenario.string(), "--out", out.string() };
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

std::string read_all(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::filesystem::path> receipts(std::filesystem::path const& out)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (auto const& entry : std::filesystem::directory_iterator(out / "receipts", error))
        if (entry.path().extension() == ".png")
            files.push_back(entry.path());
    return files;
}

/// The kiosk running in the background (a scenario that keeps it alive); killed with SIGKILL,
/// as a power cut would, when the test is done with it.
class RunningKiosk {
public:
    RunningKiosk(std::vector<std::string> const& args, std::filesystem::path const& log)
    {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        std::vector<char*> argv;
        argv.reserve(args.size() + 1);
        for (auto const& arg : args)
            argv.push_back(const_cast<char*>(arg.c_str())); // NOLINT(cppcoreguidelines-pro-type-const-cast): exec API
        argv.push_back(nullptr);
        int const spawned = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        CHECK_EQUAL(0, spawned);
    }
    ~RunningKiosk() { kill(); }
    RunningKiosk(RunningKiosk const&) = delete;
    RunningKiosk& operator=(RunningKiosk const&) = delete;
    RunningKiosk(RunningKiosk&&) = delete;
    RunningKiosk& operator=(RunningKiosk&&) = delete;

    void kill()
    {
        if (m_pid <= 0)
            return;
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    /// Whether it still runs (a failed scenario ends it early).
    [[nodiscard]] bool running() const
    {
        int status = 0;
        return m_pid > 0 && ::waitpid(m_pid, &status, WNOHANG) == 0;
    }

private:
    pid_t m_pid = -1;
};

/// Waits for @p condition, checking every 50 ms, up to @p bound (real time).
bool wait_until(std::function<bool()> const& condition, std::chrono::seconds bound = std::chrono::seconds(60))
{
    auto const until = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < until) {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

std::size_t journaled(std::filesystem::path const& file)
{
    if (!std::filesystem::exists(file))
        return 0;
    auto journal = kiosk::receipt::PrintJournal::open(file);
    if (!journal)
        return 0;
    auto pending = (*journal)->pending();
    return pending ? pending->size() : 0;
}

nlohmann::json report_of(std::filesystem::path const& file)
{
    return nlohmann::json::parse(read_all(file), nullptr, false);
}

kiosk::Result<void> updater_health(std::filesystem::path const& report)
{
    kiosk::update::UpdaterConfig config;
    config.health_report = report;
    config.health_max_age = std::chrono::seconds(60);
    return kiosk::updater::make_health_check(config)();
}

} // namespace

TEST_GROUP(PrintScenario) {};

TEST(PrintScenario, PaperOutMidReceiptThenRefillPrintsTheWholeReceiptOnce)
{
    TempDir dir;
    auto const out = dir.path() / "out";
    auto result = run_process(kiosk_args(source_path("tests/ui/scenarios/print.txt"), out));
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("steps passed") != std::string::npos);
    auto const printed = receipts(out);
    // The torn start of the receipt is not saved; the whole one came out, exactly once.
    LONGS_EQUAL(1, printed.size());
    CHECK(read_all(printed.front()).substr(1, 3) == "PNG");
    CHECK(std::filesystem::exists(out / "print01-paper-out.png"));
    CHECK(std::filesystem::exists(out / "print02-printed.png"));
    // Printed and confirmed: nothing left to print at the next start.
    LONGS_EQUAL(0, journaled(out / "print-journal.sqlite"));
}

TEST(PrintScenario, PrinterStepsNeedTheEmulatorAndWellFormedArguments)
{
    TempDir dir;
    auto const scenario = dir.write("bad.txt", "printer paper-out lots\n");
    auto result = run_process(kiosk_args(scenario, dir.path() / "out"));
    LONGS_EQUAL(2, result.exit_code);
    CHECK_TEXT(result.err.find(":1: printer paper-out AFTER_BYTES must be a whole number") != std::string::npos,
        result.err.c_str());
    auto const unknown = dir.write("unknown.txt", "printer explode\n");
    result = run_process(kiosk_args(unknown, dir.path() / "out"));
    LONGS_EQUAL(2, result.exit_code);
    CHECK(result.err.find("printer takes paper-out") != std::string::npos);
    // A board whose printer is not the emulator cannot fake sensors: the step says so.
    auto const board_file = dir.write("board.toml",
        "[board]\nname = \"no-emulator\"\n[display]\nwidth = 540\nheight = 960\ndpi = 51\n"
        "[printer]\nconnection = \"sim:\"\n");
    auto const step = dir.write("step.txt", "printer paper-in\n");
    result = run_process({ program_path("kiosk"), "--board", board_file.string(), "--scenario", step.string(), "--out",
        (dir.path() / "out2").string() });
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(result.err.find(":1: printer paper-in: the board's printer is not the ESC/POS emulator") != std::string::npos,
        result.err.c_str());
}

TEST(PrintScenario, JournaledJobSurvivesAKilledKioskAndPrintsAfterTheRestart)
{
    TempDir dir;
    auto const journal = dir.path() / "state" / "print-journal.sqlite";
    {
        RunningKiosk kiosk(kiosk_args(source_path("tests/ui/scenarios/print-keep-alive.txt"), dir.path() / "out1",
                               { "--print-journal", journal.string(), "--idle-seconds", "3600" }),
            dir.path() / "kiosk1.log");
        CHECK_TEXT(wait_until([&] { return journaled(journal) == 1; }), read_all(dir.path() / "kiosk1.log").c_str());
        CHECK(kiosk.running());
        kiosk.kill(); // no clean shutdown: as a power cut
    }
    CHECK(receipts(dir.path() / "out1").empty());
    LONGS_EQUAL(1, journaled(journal));
    // Restarted with the same journal and paper in: the job prints, once.
    auto const scenario = dir.write("restart.txt", "wait-for \"Chạm vào đây để bắt đầu\"\n");
    auto result = run_process(kiosk_args(scenario, dir.path() / "out2", { "--print-journal", journal.string() }));
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    LONGS_EQUAL(1, receipts(dir.path() / "out2").size());
    LONGS_EQUAL(0, journaled(journal));
    result = run_process(kiosk_args(scenario, dir.path() / "out3", { "--print-journal", journal.string() }));
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(receipts(dir.path() / "out3").empty());
}

TEST(PrintScenario, AJournalThatCannotBeUsedIsLeftAloneAndTheKioskStillPrints)
{
    TempDir dir;
    auto const bad = dir.write("journal.sqlite", "not a database: a technician's note\n");
    auto result = run_process(kiosk_args(source_path("tests/ui/scenarios/print.txt"), dir.path() / "out",
        { "--print-journal", bad.string() }));
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("receipts are kept in memory only") != std::string::npos);
    STRCMP_EQUAL("not a database: a technician's note\n", read_all(bad).c_str());
    LONGS_EQUAL(1, receipts(dir.path() / "out").size());
}

TEST(PrintScenario, HealthReportOfARunningKioskPassesTheUpdatersHealthCheck)
{
    TempDir dir;
    auto const report = dir.path() / "run" / "health.json";
    auto const scenario = dir.write("alive.txt", "tap \"Chạm vào đây để bắt đầu\"\nwait-for \"this text is never shown\" 3600\n");
    RunningKiosk kiosk(kiosk_args(scenario, dir.path() / "out",
                           { "--health-report", report.string(), "--health-interval-seconds", "1", "--idle-seconds", "3600" }),
        dir.path() / "kiosk.log");
    CHECK_TEXT(wait_until([&] {
        auto const json = report_of(report);
        return json.is_object() && json.value("ui", "") == "up";
    }),
        read_all(dir.path() / "kiosk.log").c_str());
    auto const json = report_of(report);
    CHECK(json.value("ok", false));
    CHECK(!json.value("version", "").empty());
    STRCMP_EQUAL("sim", json.value("board", "").c_str());
    // Every role of the sim board is in it, and passed.
    std::vector<std::string> roles;
    for (auto const& device : json["devices"]) {
        roles.push_back(device.value("role", ""));
        STRCMP_EQUAL_TEXT("ok", device.value("result", "").c_str(), device.dump().c_str());
    }
    for (auto const* role : { "card_reader", "code_scanner", "camera", "printer", "boot_control", "speaker" })
        CHECK_TEXT(std::find(roles.begin(), roles.end(), role) != roles.end(), role);
    auto const healthy = updater_health(report);
    CHECK_TEXT(healthy.has_value(), healthy ? "" : healthy.error().message().c_str());
    kiosk.kill();
}

TEST(PrintScenario, APrinterOutOfPaperNeedsAttentionButDoesNotFailTheUpdateGate)
{
    TempDir dir;
    auto const report = dir.path() / "health.json";
    RunningKiosk kiosk(kiosk_args(source_path("tests/ui/scenarios/print-keep-alive.txt"), dir.path() / "out",
                           { "--health-report", report.string(), "--health-interval-seconds", "1", "--idle-seconds", "3600" }),
        dir.path() / "kiosk.log");
    auto printer_needs_attention = [&] {
        auto const json = report_of(report);
        if (!json.is_object() || json.value("ui", "") != "up")
            return false;
        for (auto const& device : json["devices"])
            if (device.value("role", "") == "printer" && device.value("result", "") == "attention")
                return true;
        return false;
    };
    CHECK_TEXT(wait_until(printer_needs_attention), read_all(dir.path() / "kiosk.log").c_str());
    auto const json = report_of(report);
    // The printer answered "out of paper": staff must act, a new firmware could not; rolling an
    // update back for it would undo a good update.
    CHECK(json.value("ok", false));
    for (auto const& device : json["devices"])
        if (device.value("role", "") == "printer")
            STRCMP_EQUAL("not_ready", device["error"].value("code", "").c_str());
    auto const healthy = updater_health(report);
    CHECK_TEXT(healthy.has_value(), healthy ? "" : healthy.error().message().c_str());
    kiosk.kill();
}

TEST(PrintScenario, AStoppedKioskLeavesAnUnhealthyReport)
{
    TempDir dir;
    auto const report = dir.path() / "health.json";
    auto const scenario = dir.write("short.txt", "tap \"Chạm vào đây để bắt đầu\"\n");
    auto result = run_process(kiosk_args(scenario, dir.path() / "out", { "--health-report", report.string() }));
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto const json = report_of(report);
    STRCMP_EQUAL("stopped", json.value("ui", "").c_str());
    CHECK(!json.value("ok", true));
    auto const healthy = updater_health(report);
    CHECK(!healthy.has_value());
    // Written atomically: no temporary file left behind.
    CHECK(!std::filesystem::exists(report.string() + ".tmp"));
}
