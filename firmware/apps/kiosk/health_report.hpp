// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/board.hpp>
#include <kiosk/hal/result.hpp>
#include <runtime/device_health.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::apps {

/// One device's self-test outcome as the report shows it.
struct DeviceHealth {
    hal::DeviceEntry entry;
    Result<std::string> result { std::string() };
    /// "periodic" (asked at every report) or "at_start" (its worker owns it afterwards).
    std::string tested = "periodic";

    /// The device answered but waits for a person (runtime::waits_for_staff: a printer out of
    /// paper); healthy for the update gate, reported as "attention".
    [[nodiscard]] bool needs_attention() const noexcept
    {
        return !result && runtime::waits_for_staff(entry.role, result.error());
    }
};

/// What one report says.
struct HealthSnapshot {
    /// "up" (the UI thread ticks and has drawn), "starting" (no frame yet), "stalled" (no tick
    /// for too long), "stopped" (the kiosk exited).
    std::string ui = "starting";
    std::string version;
    std::string board;
    std::uint64_t frames = 0;
    std::chrono::system_clock::time_point written_at;
    std::vector<DeviceHealth> devices;

    /// UI up and every device passed or only needs attention.
    [[nodiscard]] bool ok() const noexcept;
};

/// The report file's text, the shape the updater's health gate reads (firmware/update/README.md,
/// `kiosk-bench selftest --json`):
///
///     {"ok": true, "ui": "up", "version": "0.1.0", "board": "sim", "frames": 42,
///      "written_at": "2026-12-02T00:10:00Z",
///      "devices": [{"role": "printer", "driver": "escpos", "connection": "emul:", "result": "ok",
///                   "detail": "paper ok, cover closed", "tested": "periodic"},
///                  {"role": "speaker", ..., "result": "failed",
///                   "error": {"code": "not_found", "message": "..."}}]}
///
/// Never personal data (device summaries are not allowed to carry any). Pure.
std::string health_report_json(HealthSnapshot const& snapshot);

/// Writes the kiosk's health report for the update agent's health gate: at start, then every
/// interval while the kiosk runs (its own thread, so a slow self-test never holds the UI), and a
/// last "ui": "stopped" report (ok false) when it stops, so a stale healthy report never
/// outlives the kiosk. Each write is atomic (update::write_file_atomically: temp file, fsync,
/// rename, folder fsync).
class HealthReporter {
public:
    /// A device to ask at every report.
    struct Probe {
        hal::DeviceEntry entry;
        std::function<Result<std::string>()> test;
        std::string tested = "periodic";
    };
    struct Options {
        std::filesystem::path file;
        std::chrono::milliseconds interval { 10000 };
        /// The UI is "stalled" when it has not ticked for this long (real time).
        std::chrono::milliseconds ui_stall { 30000 };
        std::string version;
        std::string board;
    };
    /// Counters the UI thread moves (KioskUi::frames_rendered(), ticks()); read from this thread.
    using Counter = std::function<std::uint64_t()>;

    HealthReporter(Options options, std::vector<Probe> probes, Counter frames, Counter ticks);
    /// Stops the thread and writes the "stopped" report.
    ~HealthReporter();
    HealthReporter(HealthReporter const&) = delete;
    HealthReporter& operator=(HealthReporter const&) = delete;
    HealthReporter(HealthReporter&&) = delete;
    HealthReporter& operator=(HealthReporter&&) = delete;

    /// Reports written so far (tests).
    [[nodiscard]] int written() const;

private:
    void run();
    HealthSnapshot collect();
    void write(HealthSnapshot const& snapshot);

    Options m_options;
    std::vector<Probe> m_probes;
    Counter m_frames;
    Counter m_ticks;
    std::uint64_t m_last_ticks = 0;
    std::chrono::steady_clock::time_point m_last_tick_seen;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false;
    int m_written = 0;
    std::thread m_thread;
};

} // namespace kiosk::apps
