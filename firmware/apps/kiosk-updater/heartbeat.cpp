// SPDX-License-Identifier: MIT
#include "heartbeat.hpp"

#include "gateway_link.hpp"

#include <log/log.hpp>
#include <status/gateway_client.hpp>
#include <update/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <utility>

namespace kiosk::updater {

namespace {

    /// The devices of the running kiosk's health report (role and "ok", "attention" or
    /// "fault"); none when there is no report or it cannot be read (the heartbeat still goes).
    std::vector<status::HeartbeatReport::Device> devices_of(std::filesystem::path const& report_file)
    {
        std::vector<status::HeartbeatReport::Device> devices;
        if (report_file.empty())
            return devices;
        auto text = update::read_file_if_any(report_file);
        if (!text || !*text)
            return devices;
        auto const report = nlohmann::json::parse(**text, nullptr, false);
        if (!report.is_object() || !report.contains("devices") || !report["devices"].is_array())
            return devices;
        for (auto const& device : report["devices"]) {
            if (!device.is_object() || !device.contains("role") || !device["role"].is_string())
                continue;
            std::string const result = device.value("result", "");
            devices.push_back({ device["role"].get<std::string>(),
                result == "ok" || result == "attention" ? result : std::string("fault") });
        }
        return devices;
    }

} // namespace

HeartbeatOutcome send_heartbeat(
    update::UpdaterConfig const& config, update::UpdateAgent const& agent, hal::BootControl& boot)
{
    auto const& gateway = config.gateway;
    if (gateway.url.empty())
        return { false, "no gateway_url" };
    auto const slot = boot.booted_slot();
    auto const version = agent.installed_version();
    if (!slot || !version) {
        auto const& error = !slot ? slot.error() : version.error();
        spdlog::warn("heartbeat not sent: the boot control does not say what runs: {}", error.message());
        return { false, "boot control: " + error.message() };
    }
    auto client = connect_gateway(config, 1);
    if (!client) {
        spdlog::warn("heartbeat not sent: {}", client.error().reason);
        return { false, "gateway: " + client.error().reason };
    }
    status::HeartbeatReport report;
    report.source = "updater";
    report.version = *version;
    report.slot = std::string(hal::slot_name(*slot));
    report.last_result = agent.state().last_result;
    report.last_check = agent.state().last_check;
    report.devices = devices_of(config.health_report);
    auto const sent = (*client)->heartbeat(report);
    if (!sent) {
        spdlog::warn("heartbeat not taken by the gateway (the update goes on): {}", sent.error().reason);
        return { false, "gateway: " + sent.error().reason };
    }
    return { true, {} };
}

} // namespace kiosk::updater
