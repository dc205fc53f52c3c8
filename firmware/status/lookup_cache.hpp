// SPDX-License-Identifier: MIT
#pragma once

#include "status/dossier.hpp"

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

struct sqlite3;

namespace kiosk::status {

/// A dossier as last seen, and when.
struct CachedDossier {
    Dossier dossier;
    std::chrono::system_clock::time_point as_of;
};

/// The kiosk's offline cache of dossier-code lookups, in one SQLite file. It holds the public
/// view only: the owner's name and ID are dropped before anything is written. Citizen (chip)
/// lookups never come here. Not thread-safe: one owner thread.
class LookupCache {
public:
    /// Opens or creates the cache at @p file.
    /// @return Errc::io when the file cannot be opened or is not a cache of ours.
    static Result<std::unique_ptr<LookupCache>> open(std::filesystem::path const& file);
    ~LookupCache();
    LookupCache(LookupCache const&) = delete;
    LookupCache& operator=(LookupCache const&) = delete;
    LookupCache(LookupCache&&) = delete;
    LookupCache& operator=(LookupCache&&) = delete;

    /// Keeps @p dossier (owner fields removed) as seen at @p as_of, replacing an older entry.
    Result<void> store(Dossier const& dossier, std::chrono::system_clock::time_point as_of);
    /// The entry for @p code, or std::nullopt. An entry that no longer parses counts as absent.
    Result<std::optional<CachedDossier>> find(std::string_view code);
    /// Forgets @p code (the gateway said it does not exist).
    Result<void> erase(std::string_view code);
    /// Drops entries older than @p max_age before @p now, then all but the newest @p max_entries.
    Result<void> prune(std::chrono::system_clock::time_point now, std::chrono::hours max_age, std::size_t max_entries);
    /// Number of entries.
    Result<std::size_t> size();

private:
    explicit LookupCache(sqlite3* db) noexcept
        : m_db(db)
    {
    }
    sqlite3* m_db;
};

} // namespace kiosk::status
