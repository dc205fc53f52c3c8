// SPDX-License-Identifier: MIT
// The kiosk's health report: its JSON (the shape the updater's gate reads), the reporter thread
// writing it atomically, a failing device or a stalled UI making it unhealthy, "stopped" at the end.
#include "health_report.hpp"

#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <CppUTest/TestHarness.h>

using kiosk::apps::DeviceHealth;
using kiosk::apps::HealthReporter;
using kiosk::apps::HealthSnapshot;

namespace {

bool const LOGGER_READY = spdlog::default_logger_raw() != nullptr;

kiosk::hal::DeviceEntry entry(kiosk::hal::Role role)
{
    return { role, "sim", "sim:" };
}

nlohmann::json read_json(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str(), nullptr, false);
}

/// Waits (bounded, 10 s real time) for the reporter to have written @p count reports.
bool wait_written(HealthReporter const& reporter, int count)
{
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (reporter.written() < count && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return reporter.written() >= count;
}

} // namespace

TEST_GROUP(HealthReportJson) {};

TEST(HealthReportJson, AllDevicesPassedAndUiUpIsOk)
{
    HealthSnapshot snapshot;
    snapshot.ui = "up";
    snapshot.version = "0.1.0";
    snapshot.board = "sim";
    snapshot.frames = 12;
    snapshot.written_at = std::chrono::sys_days(std::chrono::year(2026) / 12 / 2) + std::chrono::hours(1);
    snapshot.devices.push_back(DeviceHealth { entry(kiosk::hal::Role::printer), std::string("paper ok, cover closed") });
    auto const json = nlohmann::json::parse(kiosk::apps::health_report_json(snapshot));
    CHECK(json["ok"].get<bool>());
    STRCMP_EQUAL("up", json["ui"].get<std::string>().c_str());
    STRCMP_EQUAL("0.1.0", json["version"].get<std::string>().c_str());
    STRCMP_EQUAL("2026-12-02T01:00:00Z", json["written_at"].get<std::string>().c_str());
    LONGS_EQUAL(12, json["frames"].get<int>());
    STRCMP_EQUAL("printer", json["devices"][0]["role"].get<std::string>().c_str());
    STRCMP_EQUAL("ok", json["devices"][0]["result"].get<std::string>().c_str());
    STRCMP_EQUAL("paper ok, cover closed", json["devices"][0]["detail"].get<std::string>().c_str());
}

TEST(HealthReportJson, APrinterOutOfPaperNeedsAttentionButIsHealthy)
{
    HealthSnapshot snapshot;
    snapshot.ui = "up";
    snapshot.devices.push_back(
        DeviceHealth { entry(kiosk::hal::Role::printer), kiosk::fail(kiosk::Errc::not_ready, "printer out of paper") });
    auto const json = nlohmann::json::parse(kiosk::apps::health_report_json(snapshot));
    CHECK(json["ok"].get<bool>());
    STRCMP_EQUAL("attention", json["devices"][0]["result"].get<std::string>().c_str());
    STRCMP_EQUAL("not_ready", json["devices"][0]["error"]["code"].get<std::string>().c_str());
    CHECK(json["devices"][0]["error"]["message"].get<std::string>().find("out of paper") != std::string::npos);
    // "Not ready" from another role is a failure.
    snapshot.devices.front().entry = entry(kiosk::hal::Role::card_reader);
    CHECK(!snapshot.ok());
}

TEST(HealthReportJson, AFailedDeviceOrAUiNotUpIsNotOk)
{
    HealthSnapshot snapshot;
    snapshot.ui = "up";
    snapshot.devices.push_back(DeviceHealth { entry(kiosk::hal::Role::card_reader), std::string("field empty") });
    snapshot.devices.push_back(
        DeviceHealth { entry(kiosk::hal::Role::printer), kiosk::fail(kiosk::Errc::disconnected, "printer unplugged") });
    auto json = nlohmann::json::parse(kiosk::apps::health_report_json(snapshot));
    CHECK(!json["ok"].get<bool>());
    STRCMP_EQUAL("failed", json["devices"][1]["result"].get<std::string>().c_str());
    STRCMP_EQUAL("disconnected", json["devices"][1]["error"]["code"].get<std::string>().c_str());
    CHECK(json["devices"][1]["error"]["message"].get<std::string>().find("unplugged") != std::string::npos);

    snapshot.devices.pop_back();
    CHECK(snapshot.ok());
    for (auto const* ui : { "starting", "stalled", "stopped" }) {
        snapshot.ui = ui;
        CHECK_TEXT(!snapshot.ok(), ui);
        json = nlohmann::json::parse(kiosk::apps::health_report_json(snapshot));
        CHECK(!json["ok"].get<bool>());
    }
}

TEST_GROUP(HealthReporter)
{
    kiosk::test::TempDir m_dir;
    std::atomic<std::uint64_t> m_frames { 0 };
    std::atomic<std::uint64_t> m_ticks { 0 };

    HealthReporter::Options options() const
    {
        HealthReporter::Options o;
        o.file = m_dir.path() / "run" / "kiosk" / "health.json";
        o.interval = std::chrono::milliseconds(20);
        o.version = "0.1.0";
        o.board = "sim";
        return o;
    }
};

TEST(HealthReporter, WritesAtStartAndAgainEachIntervalThenStoppedAtTheEnd)
{
    auto const file = options().file;
    std::atomic<int> asked { 0 };
    std::vector<HealthReporter::Probe> probes;
    probes.push_back({ entry(kiosk::hal::Role::printer), [&asked] {
                          ++asked;
                          return kiosk::Result<std::string>(std::string("paper ok"));
                      } });
    {
        m_frames = 1;
        m_ticks = 1;
        HealthReporter reporter(options(), std::move(probes), [this] { return m_frames.load(); },
            [this] { return m_ticks.load(); });
        CHECK(wait_written(reporter, 1));
        // The folder is made; the file is whole JSON every time it is read.
        auto json = read_json(file);
        CHECK(json.is_object());
        STRCMP_EQUAL("up", json["ui"].get<std::string>().c_str());
        CHECK(json["ok"].get<bool>());
        m_ticks = 2;
        CHECK(wait_written(reporter, 3));
        CHECK(asked.load() >= 3); // asked again at every report, never cached
        CHECK(!std::filesystem::exists(file.string() + ".tmp"));
    }
    auto const json = read_json(file);
    STRCMP_EQUAL("stopped", json["ui"].get<std::string>().c_str());
    CHECK(!json["ok"].get<bool>());
}

TEST(HealthReporter, NoFrameYetIsStartingAndATickThatStopsIsStalled)
{
    auto o = options();
    o.ui_stall = std::chrono::milliseconds(0);
    HealthReporter reporter(o, {}, [this] { return m_frames.load(); }, [this] { return m_ticks.load(); });
    CHECK(wait_written(reporter, 1));
    // Whatever the first report said, with no frame drawn it is "starting".
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (read_json(o.file).value("ui", "") != "starting" && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    STRCMP_EQUAL("starting", read_json(o.file).value("ui", "").c_str());
    m_frames = 5;
    m_ticks = 7;
    // Ticks that do not move any more: the UI thread is stuck.
    auto const later = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (read_json(o.file).value("ui", "") != "stalled" && std::chrono::steady_clock::now() < later)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    STRCMP_EQUAL("stalled", read_json(o.file).value("ui", "").c_str());
    CHECK(!read_json(o.file).value("ok", true));
}

TEST(HealthReporter, AFolderThatCannotBeWrittenIsLoggedNotFatal)
{
    auto o = options();
    auto const blocker = m_dir.write("not-a-folder", "x");
    o.file = blocker / "health.json";
    {
        // Its thread's first report fails, and the last one in the destructor: both only logged.
        HealthReporter reporter(o, {}, [] { return std::uint64_t { 1 }; }, [] { return std::uint64_t { 1 }; });
    }
    CHECK(!std::filesystem::exists(o.file));
    std::ifstream in(blocker);
    std::string left;
    in >> left;
    STRCMP_EQUAL("x", left.c_str()); // what was there is untouched
}
