// SPDX-License-Identifier: MIT
// The one file of status/ that calls SQLite.
#include "status/lookup_cache.hpp"

#include "status/dossier_json.hpp"

#include <sqlite/statement.hpp>

#include <sqlite3.h>

#include <string>

namespace kiosk::status {

namespace {

char const* const SCHEMA = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS lookup (
    code TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    as_of_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

using sqlite::Statement;

std::int64_t to_ms(std::chrono::system_clock::time_point time)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

} // namespace

Result<std::unique_ptr<LookupCache>> LookupCache::open(std::filesystem::path const& file)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return fail(Errc::io, "cannot open the lookup cache");
    }
    std::unique_ptr<LookupCache> cache(new LookupCache(db));
    sqlite3_busy_timeout(db, 2000);
    if (sqlite3_exec(db, SCHEMA, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(Errc::io, "the file is not a lookup cache");
    return cache;
}

LookupCache::~LookupCache() { sqlite3_close(m_db); }

Result<void> LookupCache::store(Dossier const& dossier, std::chrono::system_clock::time_point as_of)
{
    Dossier kept = dossier;
    kept.owner_id.clear();
    kept.owner_name.clear();
    auto body = dossier_to_json(kept, kept.received, JsonView::store);
    // Derived fields are recomputed when read; the owner fields are empty and go too.
    for (char const* field : { "owner", "owner_id", "owner_name", "overdue", "next_step", "agencies", "paused",
             "state_message_key" })
        body.erase(field);
    Statement insert(m_db, "INSERT OR REPLACE INTO lookup(code, body, as_of_ms) VALUES (?1, ?2, ?3)");
    if (!insert.ok())
        return fail(Errc::io, "cannot write the lookup cache");
    insert.bind(1, kept.code);
    insert.bind(2, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    insert.bind(3, to_ms(as_of));
    if (sqlite3_step(insert.get()) != SQLITE_DONE)
        return fail(Errc::io, "cannot write the lookup cache");
    return {};
}

Result<std::optional<CachedDossier>> LookupCache::find(std::string_view code)
{
    Statement select(m_db, "SELECT body, as_of_ms FROM lookup WHERE code = ?1");
    if (!select.ok())
        return fail(Errc::io, "cannot read the lookup cache");
    select.bind(1, code);
    int rc = sqlite3_step(select.get());
    if (rc == SQLITE_DONE)
        return std::optional<CachedDossier>();
    if (rc != SQLITE_ROW)
        return fail(Errc::io, "cannot read the lookup cache");
    auto const* text = reinterpret_cast<char const*>(sqlite3_column_text(select.get(), 0));
    auto body = nlohmann::json::parse(text ? text : "", nullptr, false);
    auto dossier = dossier_from_json(body);
    if (!dossier)
        return std::optional<CachedDossier>();
    CachedDossier cached { std::move(dossier).value(),
        std::chrono::system_clock::time_point(std::chrono::milliseconds(sqlite3_column_int64(select.get(), 1))) };
    return std::optional<CachedDossier>(std::move(cached));
}

Result<void> LookupCache::erase(std::string_view code)
{
    Statement remove(m_db, "DELETE FROM lookup WHERE code = ?1");
    if (!remove.ok())
        return fail(Errc::io, "cannot write the lookup cache");
    remove.bind(1, code);
    if (sqlite3_step(remove.get()) != SQLITE_DONE)
        return fail(Errc::io, "cannot write the lookup cache");
    return {};
}

Result<void> LookupCache::prune(std::chrono::system_clock::time_point now, std::chrono::hours max_age, std::size_t max_entries)
{
    Statement old(m_db, "DELETE FROM lookup WHERE as_of_ms < ?1");
    Statement extra(m_db,
        "DELETE FROM lookup WHERE code NOT IN (SELECT code FROM lookup ORDER BY as_of_ms DESC LIMIT ?1)");
    if (!old.ok() || !extra.ok())
        return fail(Errc::io, "cannot prune the lookup cache");
    old.bind(1, to_ms(now - max_age));
    extra.bind(1, static_cast<std::int64_t>(max_entries));
    if (sqlite3_step(old.get()) != SQLITE_DONE || sqlite3_step(extra.get()) != SQLITE_DONE)
        return fail(Errc::io, "cannot prune the lookup cache");
    return {};
}

Result<std::size_t> LookupCache::size()
{
    Statement count(m_db, "SELECT count(*) FROM lookup");
    if (!count.ok() || sqlite3_step(count.get()) != SQLITE_ROW)
        return fail(Errc::io, "cannot read the lookup cache");
    return static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0));
}

} // namespace kiosk::status
