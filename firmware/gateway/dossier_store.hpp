// SPDX-License-Identifier: MIT
#pragma once

#include <status/dossier.hpp>

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::gateway {

/// What a kiosk (or its update agent) last reported.
struct Heartbeat {
    std::string kiosk_id;     ///< the kiosk's client-certificate CN (or its address without TLS)
    std::string source;       ///< "kiosk" or "updater"
    std::string version;      ///< firmware version
    std::string slot;         ///< "a" or "b": the boot slot it runs from
    std::string devices_json; ///< [{"role": "printer", "health": "ok"}, ...] as received
    std::chrono::system_clock::time_point received_at;
    /// The update agent's last outcome ("installed 1.6.0", "rolled_back: ...", "refused: ...");
    /// empty when the sender named none (the kiosk's own heartbeats).
    std::string last_result {};
    /// The update agent's last poll ("up_to_date", "update 1.6.0", "failed: ..."); may be empty.
    std::string last_check {};
};

/// Where the gateway keeps dossiers and kiosk heartbeats. SqliteDossierStore implements it
/// for a center; a PostgreSQL implementation can back a province later. Implementations are
/// thread-safe (the HTTP server calls them from its worker threads). Errors: Errc::io when
/// the database fails, Errc::malformed when a stored row no longer parses.
class DossierStore {
public:
    virtual ~DossierStore() = default;
    DossierStore(DossierStore const&) = delete;
    DossierStore& operator=(DossierStore const&) = delete;
    DossierStore(DossierStore&&) = delete;
    DossierStore& operator=(DossierStore&&) = delete;

    /// Inserts or replaces (by code) every dossier, all or none.
    virtual Result<void> put(std::span<status::Dossier const> dossiers) = 0;
    /// The dossier with @p code, or std::nullopt.
    virtual Result<std::optional<status::Dossier>> find(std::string_view code) = 0;
    /// Every dossier of the citizen with ID number @p owner_id, newest first (at most 100).
    virtual Result<std::vector<status::Dossier>> owned_by(std::string_view owner_id) = 0;
    /// Number of dossiers stored.
    virtual Result<std::size_t> count() = 0;
    /// Keeps @p heartbeat as the latest of its kiosk and source.
    virtual Result<void> record_heartbeat(Heartbeat const& heartbeat) = 0;
    /// The latest heartbeat of @p kiosk_id from @p source, or std::nullopt.
    virtual Result<std::optional<Heartbeat>> last_heartbeat(std::string_view kiosk_id, std::string_view source) = 0;

protected:
    DossierStore() = default;
};

} // namespace kiosk::gateway
