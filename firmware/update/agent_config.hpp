// SPDX-License-Identifier: MIT
#pragma once

#include "update/update_agent.hpp"

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <filesystem>
#include <string>

namespace kiosk::update {

/// kiosk-updater's config file (TOML, table [updater]); paths are relative to the file's folder.
///
///     [updater]
///     repository_url = "https://updates.example.vn/kiosk"   # metadata/ and targets/ under it
///     initial_root = "root.json"          # installed with the firmware image
///     state_dir = "/var/lib/kiosk-updater"
///     board_file = "/etc/kiosk/board.toml" # board name and boot control come from it
///     kiosk_id = "hn-badinh-01"
///     groups = ["pilot-hanoi"]            # staged rollout groups (optional)
///     ca_file = "/etc/kiosk/update-ca.pem" # optional; system store otherwise
///     max_bytes_per_second = 262144       # optional bandwidth cap; 0 = none
///     stall_timeout_s = 60                # slow-retrieval bound
///     health_deadline_s = 300             # trial length before automatic rollback
///     health_report = "/run/kiosk/health.json" # the running kiosk's report (optional)
///     health_max_age_s = 60
///     poll_interval_s = 3600              # `run` loop
///     start_delay_max_s = 900             # random delay before the first poll (fleet stampede)
///     gateway_url = "https://gateway.local:8443"  # heartbeats after every `run` cycle (optional)
///     gateway_ca_file = "/etc/kiosk/gateway-ca.pem" # required for https: the one CA trusted
///     gateway_client_cert = "/etc/kiosk/kiosk.pem"  # optional, with gateway_client_key
///     gateway_client_key = "/etc/kiosk/kiosk.key"
///     catalog_db = "/var/lib/kiosk/catalog.sqlite" # fetch catalog updates from the gateway (optional)
///     catalog_keys = "/etc/kiosk/catalog-keys"     # the publishers' *.pub keys (default: catalog-keys/ beside catalog_db)
/// Where the updater reports its status (the gateway's POST /v1/kiosks/heartbeat). An empty
/// url: no heartbeats.
struct GatewayReporting {
    std::string url;
    std::filesystem::path ca_file;
    std::filesystem::path client_certificate;
    std::filesystem::path client_key;
};

struct UpdaterConfig {
    AgentConfig agent;
    std::filesystem::path board_file;
    std::filesystem::path health_report;
    std::chrono::seconds health_max_age { 60 };
    std::chrono::seconds poll_interval { 3600 };
    std::chrono::seconds start_delay_max { 0 };
    GatewayReporting gateway;
    /// The kiosk's procedure catalog, kept current from the gateway's GET /v1/catalog after every
    /// cycle (empty: not done); only packages signed by a key in catalog_keys are taken.
    std::filesystem::path catalog_db;
    std::filesystem::path catalog_keys;
};

/// Reads and checks the config file. @return Errc::invalid_argument with "FILE:LINE: key: what
/// was expected" (as board files report), Errc::not_found if the file is missing.
/// On error, @p message holds the text to show (the Error's context is static).
Result<UpdaterConfig> load_updater_config(std::filesystem::path const& file, std::string& message);

} // namespace kiosk::update
