// SPDX-License-Identifier: MIT
#pragma once

#include <update/agent_config.hpp>
#include <update/update_agent.hpp>

#include <kiosk/hal/boot_control.hpp>

#include <string>

namespace kiosk::updater {

/// What became of one heartbeat.
struct HeartbeatOutcome {
    bool sent = false;
    std::string detail; ///< "no gateway_url", "gateway: connect ... failed", or empty when sent
};

/// Reports the updater's state to the gateway (POST /v1/kiosks/heartbeat, source "updater"):
/// the booted slot, its version, the agent's last result and last poll. Never fails an
/// update: a gateway that cannot be reached, or refuses, is logged and reported in the outcome
/// only. Blocks for at most one attempt (3 s to connect, 8 s in all); not retried, the next
/// cycle sends again. Does nothing (outcome "no gateway_url") when the config names no gateway.
HeartbeatOutcome send_heartbeat(
    update::UpdaterConfig const& config, update::UpdateAgent const& agent, hal::BootControl& boot);

} // namespace kiosk::updater
