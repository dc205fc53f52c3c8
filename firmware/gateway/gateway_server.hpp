// SPDX-License-Identifier: MIT
#pragma once

#include "gateway/chip_verifier.hpp"
#include "gateway/dossier_store.hpp"
#include "gateway/rate_limiter.hpp"

#include <status/civil_date.hpp>

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::gateway {

/// Server certificate and key, and the CA that signs kiosk client certificates.
struct TlsFiles {
    std::filesystem::path certificate;
    std::filesystem::path key;
    std::filesystem::path client_ca; ///< kiosks without a certificate from this CA are refused
};

/// How the gateway runs.
struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0; ///< 0: any free port (see GatewayServer::port())
    std::optional<TlsFiles> tls;
    std::filesystem::path catalog_package; ///< served at /v1/catalog; empty: 404
    RateLimit rate_limit;
    int threads = 64;
    std::string version;
    /// Today in Viet Nam (for `overdue`); the wall clock if empty.
    std::function<status::Date()> today;
};

/// The reference gateway: the HTTP/JSON API of firmware/gateway/openapi.yaml over a
/// DossierStore. cpp-httplib is called from this class's .cpp only.
class GatewayServer {
public:
    /// Binds the listening socket (so port() is known) but does not serve yet.
    /// @return Errc::invalid_argument for plain HTTP on a non-loopback host, TLS files that do
    ///         not load, an unreadable catalog package; Errc::io when the address cannot be bound.
    static Result<std::unique_ptr<GatewayServer>> create(
        ServerOptions options, DossierStore& store, ChipVerifier const& verifier);
    ~GatewayServer();
    GatewayServer(GatewayServer const&) = delete;
    GatewayServer& operator=(GatewayServer const&) = delete;
    GatewayServer(GatewayServer&&) = delete;
    GatewayServer& operator=(GatewayServer&&) = delete;

    /// The bound port.
    [[nodiscard]] int port() const noexcept;
    /// "http://127.0.0.1:PORT" (https with TLS).
    [[nodiscard]] std::string url() const;

    /// Serves until stop(). Blocks the calling thread.
    /// @return Errc::io if the server failed while running.
    Result<void> run();
    /// Makes run() return (after in-flight requests finish). Thread-safe; not from a signal handler.
    void stop();

    struct Impl;

private:
    explicit GatewayServer(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> m_impl;
};

/// Whether @p host names the loopback interface (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(std::string_view host) noexcept;

} // namespace kiosk::gateway
