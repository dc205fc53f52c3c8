// SPDX-License-Identifier: MIT
#include "status/dossier_lookup.hpp"

#include <log/log.hpp>

namespace kiosk::status {

GatewayResult<LookupResult> DossierLookup::lookup(std::string_view code)
{
    auto live = m_client.dossier(code);
    auto now = m_clock.wall_now();
    if (live) {
        if (m_cache != nullptr) {
            if (auto stored = m_cache->store(*live, now); !stored)
                spdlog::warn("lookup cache: {}", stored.error().message());
        }
        return LookupResult { std::move(live).value(), Source::live, now, std::nullopt };
    }
    auto failure = std::move(live).error();
    if (m_cache == nullptr)
        return Unexpected(std::move(failure));
    if (failure.code == Errc::not_found) {
        if (auto erased = m_cache->erase(code); !erased)
            spdlog::warn("lookup cache: {}", erased.error().message());
        return Unexpected(std::move(failure));
    }
    if (!failure.unreachable())
        return Unexpected(std::move(failure));
    auto cached = m_cache->find(code);
    if (!cached) {
        spdlog::warn("lookup cache: {}", cached.error().message());
        return Unexpected(std::move(failure));
    }
    if (!*cached)
        return Unexpected(std::move(failure));
    spdlog::info("gateway unreachable ({}); answering from the cache", failure.reason);
    return LookupResult { std::move((*cached)->dossier), Source::cache, (*cached)->as_of, std::move(failure) };
}

} // namespace kiosk::status
