// SPDX-License-Identifier: MIT
#pragma once

#include "status/dossier.hpp"

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::status {

/// Why a gateway request failed: the kind, a message key for the citizen's screen (the UI
/// translates it; see the table in firmware/gateway/README.md) and a reason for the log.
/// Reasons never carry personal data.
struct GatewayFailure {
    Errc code = Errc::internal;
    std::string_view message_key; ///< "status.error.offline", "status.error.not_found", ...
    std::string reason;           ///< "connect to 127.0.0.1:8443 failed: Connection refused"
    int http_status = 0;          ///< 0 when no HTTP answer came
    std::string server_code;      ///< the error.code the gateway sent, if it sent one

    /// Whether the gateway could not give an answer (offline, timeout, overloaded, broken):
    /// the kiosk may then show a cached result. False for definite answers (not found,
    /// refused evidence, bad request).
    [[nodiscard]] bool unreachable() const noexcept;
};

template <class T>
using GatewayResult = Expected<T, GatewayFailure>;

/// How to reach the gateway.
struct ClientOptions {
    std::string base_url; ///< "https://gateway.local:8443" (http:// for loopback tests and a kiosk's own)
    /// The one CA trusted for the gateway's certificate (pinned: the system's CAs are not
    /// used). Required for https.
    std::filesystem::path ca_file;
    std::filesystem::path client_certificate; ///< the kiosk's certificate (PEM), for https
    std::filesystem::path client_key;
    std::chrono::milliseconds connect_timeout { 3000 };
    std::chrono::milliseconds total_timeout { 8000 }; ///< per attempt, connection included
    int attempts = 3;                                 ///< for idempotent requests; 1 = no retry
    std::chrono::milliseconds backoff { 250 };        ///< base of the jittered exponential backoff
    std::string kiosk_id;                             ///< sent as X-Kiosk-Id (plain HTTP only)
};

/// The gateway's answer to a ping.
struct GatewayHealth {
    std::string version;
    std::int64_t dossiers = 0;
    double round_trip_ms = 0;
};

/// One heartbeat: what the kiosk or its update agent reports.
struct HeartbeatReport {
    std::string source = "kiosk"; ///< "kiosk" or "updater"
    std::string version;
    std::string slot; ///< "a" or "b"
    struct Device {
        std::string role;
        std::string health; ///< "ok", "attention" (waits for staff: paper), "fault", "absent"
    };
    std::vector<Device> devices;
    /// The update agent's last outcome and last poll (sent when not empty; see openapi.yaml).
    std::string last_result {};
    std::string last_check {};
};

/// A catalog package download.
struct CatalogDownload {
    bool not_modified = false; ///< the kiosk's copy (etag) is current
    std::string etag;
    std::string bytes;
};

/// The kiosk's HTTP client for the gateway API (firmware/gateway/openapi.yaml), on libcurl.
/// Requests block the calling thread (run them on a worker thread, never the UI thread) for
/// at most attempts x (total_timeout + backoff). Idempotent requests (dossier, citizen
/// lookup, ping, catalog) are retried on connection failures, timeouts, 429 and 5xx with
/// jittered exponential backoff; heartbeats are not (the next one follows). Not thread-safe:
/// one client per thread.
class GatewayClient {
public:
    /// @return GatewayFailure{invalid_argument} for a URL that is not http(s)://, https
    ///         without a CA file, or a client certificate without its key.
    static GatewayResult<std::unique_ptr<GatewayClient>> create(ClientOptions options);
    ~GatewayClient();
    GatewayClient(GatewayClient const&) = delete;
    GatewayClient& operator=(GatewayClient const&) = delete;
    GatewayClient(GatewayClient&&) = delete;
    GatewayClient& operator=(GatewayClient&&) = delete;

    /// The dossier with @p code (public view: no owner data).
    /// @return not_found ("status.error.not_found") for an unknown code, or a transport failure.
    GatewayResult<Dossier> dossier(std::string_view code);

    /// The dossiers of the citizen whose chip gave @p sod and @p dg13 (the gateway verifies
    /// them). The result is PERSONAL DATA: keep it in the session only, never on disk.
    GatewayResult<std::vector<Dossier>> citizen_dossiers(
        std::span<std::uint8_t const> sod, std::span<std::uint8_t const> dg13);

    /// GET /v1/health.
    GatewayResult<GatewayHealth> ping();

    /// POST /v1/kiosks/heartbeat (not retried).
    GatewayResult<void> heartbeat(HeartbeatReport const& report);

    /// GET /v1/catalog, conditional on @p etag (empty: unconditional).
    GatewayResult<CatalogDownload> catalog(std::string const& etag);

    struct Impl;

private:
    explicit GatewayClient(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kiosk::status
