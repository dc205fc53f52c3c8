// SPDX-License-Identifier: MIT
#pragma once

#include "status/gateway_client.hpp"
#include "status/lookup_cache.hpp"

#include <kiosk/hal/clock.hpp>

#include <chrono>
#include <optional>

namespace kiosk::status {

/// Where a lookup's answer came from.
enum class Source {
    live,  ///< the gateway answered now
    cache, ///< the gateway could not answer; this is what it said at `as_of`
};

/// A dossier and how fresh it is.
struct LookupResult {
    Dossier dossier;
    Source source = Source::live;
    std::chrono::system_clock::time_point as_of;
    /// With Source::cache: why the gateway could not answer (for the log and the "as of" note).
    std::optional<GatewayFailure> live_failure;
};

/// Dossier-code lookup as the kiosk does it: ask the gateway; remember the answer in the
/// cache; when the gateway cannot answer (offline, timeout, overloaded, broken), answer from
/// the cache with its "as of" time. A definite "not found" also forgets the cached entry.
/// Blocks like GatewayClient. @p cache may be null (no offline answers).
class DossierLookup {
public:
    DossierLookup(GatewayClient& client, LookupCache* cache, hal::Clock const& clock) noexcept
        : m_client(client)
        , m_cache(cache)
        , m_clock(clock)
    {
    }

    /// @return the dossier (live or cached), or the gateway's failure when nothing is cached.
    GatewayResult<LookupResult> lookup(std::string_view code);

private:
    GatewayClient& m_client;
    LookupCache* m_cache;
    hal::Clock const& m_clock;
};

} // namespace kiosk::status
