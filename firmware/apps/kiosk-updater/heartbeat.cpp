// SPDX-License-Identifier: MIT
#include "heartbeat.hpp"

#include <log/log.hpp>
#include <status/gateway_client.hpp>

#include <chrono>
#include <utility>

namespace kiosk::updater {

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
    status::ClientOptions options;
    options.base_url = gateway.url;
    options.ca_file = gateway.ca_file;
    options.client_certificate = gateway.client_certificate;
    options.client_key = gateway.client_key;
    options.kiosk_id = config.agent.kiosk_id;
    options.attempts = 1;
    options.connect_timeout = std::chrono::milliseconds(3000);
    options.total_timeout = std::chrono::milliseconds(8000);
    auto client = status::GatewayClient::create(std::move(options));
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
    auto const sent = (*client)->heartbeat(report);
    if (!sent) {
        spdlog::warn("heartbeat not taken by the gateway (the update goes on): {}", sent.error().reason);
        return { false, "gateway: " + sent.error().reason };
    }
    return { true, {} };
}

} // namespace kiosk::updater
