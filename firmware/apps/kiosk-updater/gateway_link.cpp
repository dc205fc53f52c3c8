// SPDX-License-Identifier: MIT
#include "gateway_link.hpp"

#include <chrono>

namespace kiosk::updater {

status::GatewayResult<std::unique_ptr<status::GatewayClient>> connect_gateway(
    update::UpdaterConfig const& config, int attempts)
{
    auto const& gateway = config.gateway;
    status::ClientOptions options;
    options.base_url = gateway.url;
    options.ca_file = gateway.ca_file;
    options.client_certificate = gateway.client_certificate;
    options.client_key = gateway.client_key;
    options.kiosk_id = config.agent.kiosk_id;
    options.attempts = attempts;
    options.connect_timeout = std::chrono::milliseconds(3000);
    options.total_timeout = std::chrono::milliseconds(8000);
    return status::GatewayClient::create(std::move(options));
}

} // namespace kiosk::updater
