// SPDX-License-Identifier: MIT
#include "health_report.hpp"

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/role.hpp>
#include <update/atomic_file.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <system_error>

namespace kiosk::apps {

namespace {

    std::string iso_utc(std::chrono::system_clock::time_point at)
    {
        std::time_t const seconds = std::chrono::system_clock::to_time_t(at);
        std::tm parts {};
        gmtime_r(&seconds, &parts);
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
        return text;
    }

} // namespace

bool HealthSnapshot::ok() const noexcept
{
    return ui == "up" && std::all_of(devices.begin(), devices.end(), [](DeviceHealth const& d) {
        return d.result.has_value() || d.needs_attention();
    });
}

std::string health_report_json(HealthSnapshot const& snapshot)
{
    auto devices = nlohmann::json::array();
    for (auto const& device : snapshot.devices) {
        nlohmann::json item { { "role", hal::role_name(device.entry.role) }, { "driver", device.entry.driver },
            { "connection", device.entry.connection }, { "tested", device.tested } };
        if (device.result) {
            item["result"] = "ok";
            item["detail"] = *device.result;
        } else {
            item["result"] = device.needs_attention() ? "attention" : "failed";
            item["error"] = { { "code", errc_name(device.result.error().code()) },
                { "message", device.result.error().message() } };
        }
        devices.push_back(std::move(item));
    }
    nlohmann::json const report { { "ok", snapshot.ok() }, { "ui", snapshot.ui }, { "version", snapshot.version },
        { "board", snapshot.board }, { "frames", snapshot.frames }, { "written_at", iso_utc(snapshot.written_at) },
        { "devices", std::move(devices) } };
    return report.dump() + "\n";
}

HealthReporter::HealthReporter(Options options, std::vector<Probe> probes, Counter frames, Counter ticks)
    : m_options(std::move(options))
    , m_probes(std::move(probes))
    , m_frames(std::move(frames))
    , m_ticks(std::move(ticks))
    , m_last_tick_seen(std::chrono::steady_clock::now())
{
    std::error_code error;
    if (m_options.file.has_parent_path())
        std::filesystem::create_directories(m_options.file.parent_path(), error);
    m_thread = std::thread([this] { run(); });
}

HealthReporter::~HealthReporter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    m_thread.join();
    HealthSnapshot stopped;
    stopped.ui = "stopped";
    stopped.version = m_options.version;
    stopped.board = m_options.board;
    stopped.frames = m_frames();
    stopped.written_at = std::chrono::system_clock::now();
    write(stopped);
}

int HealthReporter::written() const
{
    std::lock_guard lock(m_mutex);
    return m_written;
}

HealthSnapshot HealthReporter::collect()
{
    HealthSnapshot snapshot;
    snapshot.version = m_options.version;
    snapshot.board = m_options.board;
    snapshot.frames = m_frames();
    auto const ticks = m_ticks();
    auto const now = std::chrono::steady_clock::now();
    if (ticks != m_last_ticks) {
        m_last_ticks = ticks;
        m_last_tick_seen = now;
    }
    if (snapshot.frames == 0)
        snapshot.ui = "starting";
    else if (now - m_last_tick_seen > m_options.ui_stall)
        snapshot.ui = "stalled";
    else
        snapshot.ui = "up";
    for (auto const& probe : m_probes)
        snapshot.devices.push_back(DeviceHealth { probe.entry, probe.test(), probe.tested });
    snapshot.written_at = std::chrono::system_clock::now();
    return snapshot;
}

void HealthReporter::write(HealthSnapshot const& snapshot)
{
    auto written = update::write_file_atomically(m_options.file, health_report_json(snapshot));
    if (!written) {
        spdlog::warn("health report {}: {}", m_options.file.string(), written.error().message());
        return;
    }
    std::lock_guard lock(m_mutex);
    ++m_written;
}

void HealthReporter::run()
{
    while (true) {
        auto snapshot = collect();
        write(snapshot);
        std::unique_lock lock(m_mutex);
        if (m_changed.wait_for(lock, m_options.interval, [this] { return m_stop; }))
            return;
    }
}

} // namespace kiosk::apps
