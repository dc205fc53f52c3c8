// SPDX-License-Identifier: MIT
#pragma once

#include <status/gateway_client.hpp>
#include <update/agent_config.hpp>

#include <memory>

namespace kiosk::updater {

/// A client for the config's gateway (URL, pinned CA, client certificate, kiosk id), 3 s to
/// connect, 8 s in all, @p attempts tries: what the heartbeat and the catalog check share.
status::GatewayResult<std::unique_ptr<status::GatewayClient>> connect_gateway(
    update::UpdaterConfig const& config, int attempts);

} // namespace kiosk::updater
