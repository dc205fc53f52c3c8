// SPDX-License-Identifier: MIT
// The one file of the gateway that calls SQLite.
#include "gateway/sqlite_dossier_store.hpp"

#include <status/dossier_json.hpp>

#include <sqlite/statement.hpp>

#include <sqlite3.h>

#include <array>
#include <string>
#include <utility>

namespace kiosk::gateway {

namespace {

constexpr int BUSY_TIMEOUT_MS = 5000;
constexpr int MAX_OWNED = 100;

char const* const SCHEMA = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS dossier (
    code TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL DEFAULT '',
    received TEXT NOT NULL,
    body TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dossier_owner ON dossier(owner_id) WHERE owner_id <> '';
CREATE TABLE IF NOT EXISTS heartbeat (
    kiosk_id TEXT NOT NULL,
    source TEXT NOT NULL,
    version TEXT NOT NULL,
    slot TEXT NOT NULL,
    devices TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, source)
) WITHOUT ROWID;
)sql";

using sqlite::Statement;

// Columns added after the first release: a database made before them gains them on open.
struct AddedColumn {
    char const* probe;
    char const* add;
};
constexpr std::array<AddedColumn, 2> ADDED_COLUMNS { {
    { "SELECT last_result FROM heartbeat LIMIT 0",
        "ALTER TABLE heartbeat ADD COLUMN last_result TEXT NOT NULL DEFAULT ''" },
    { "SELECT last_check FROM heartbeat LIMIT 0",
        "ALTER TABLE heartbeat ADD COLUMN last_check TEXT NOT NULL DEFAULT ''" },
} };

bool add_missing_columns(sqlite3* db)
{
    for (auto const& column : ADDED_COLUMNS) {
        sqlite3_stmt* probe = nullptr;
        int const rc = sqlite3_prepare_v2(db, column.probe, -1, &probe, nullptr);
        sqlite3_finalize(probe);
        if (rc != SQLITE_OK && sqlite3_exec(db, column.add, nullptr, nullptr, nullptr) != SQLITE_OK)
            return false;
    }
    return true;
}

Result<status::Dossier> decode(std::string const& body)
{
    auto value = nlohmann::json::parse(body, nullptr, false);
    auto dossier = status::dossier_from_json(value);
    if (!dossier)
        return fail(Errc::malformed, "stored dossier does not parse");
    return std::move(dossier).value();
}

std::string encode(status::Dossier const& dossier)
{
    return status::dossier_to_json(dossier, dossier.received, status::JsonView::store)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

Result<std::unique_ptr<SqliteDossierStore>> SqliteDossierStore::open(std::filesystem::path const& file)
{
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return fail(Errc::io, "cannot open the dossier database");
    }
    std::unique_ptr<SqliteDossierStore> store(new SqliteDossierStore(db));
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    if (sqlite3_exec(db, SCHEMA, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(Errc::io, "the file is not a dossier database (schema could not be created)");
    if (!add_missing_columns(db))
        return fail(Errc::io, "the dossier database could not be brought up to date (heartbeat columns)");
    return store;
}

SqliteDossierStore::~SqliteDossierStore() { sqlite3_close(m_db); }

Result<void> SqliteDossierStore::put(std::span<status::Dossier const> dossiers)
{
    std::lock_guard lock(m_mutex);
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(Errc::io, "cannot start a transaction");
    Statement insert(m_db, "INSERT OR REPLACE INTO dossier(code, owner_id, received, body) VALUES (?1, ?2, ?3, ?4)");
    bool ok = insert.ok();
    for (auto const& dossier : dossiers) {
        if (!ok)
            break;
        insert.bind(1, dossier.code);
        insert.bind(2, dossier.owner_id);
        insert.bind(3, status::iso_date(dossier.received));
        insert.bind(4, encode(dossier));
        ok = sqlite3_step(insert.get()) == SQLITE_DONE;
        sqlite3_reset(insert.get());
    }
    if (!ok) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return fail(Errc::io, "cannot store dossiers");
    }
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(Errc::io, "cannot commit dossiers");
    return {};
}

Result<std::optional<status::Dossier>> SqliteDossierStore::find(std::string_view code)
{
    std::lock_guard lock(m_mutex);
    Statement select(m_db, "SELECT body FROM dossier WHERE code = ?1");
    if (!select.ok())
        return fail(Errc::io, "cannot query dossiers");
    select.bind(1, code);
    int rc = sqlite3_step(select.get());
    if (rc == SQLITE_DONE)
        return std::optional<status::Dossier>();
    if (rc != SQLITE_ROW)
        return fail(Errc::io, "cannot read a dossier");
    return std::optional<status::Dossier>(KIOSK_TRY(decode(select.text(0))));
}

Result<std::vector<status::Dossier>> SqliteDossierStore::owned_by(std::string_view owner_id)
{
    std::vector<status::Dossier> found;
    if (owner_id.empty())
        return found;
    std::lock_guard lock(m_mutex);
    Statement select(m_db, "SELECT body FROM dossier WHERE owner_id = ?1 ORDER BY received DESC, code LIMIT ?2");
    if (!select.ok())
        return fail(Errc::io, "cannot query dossiers");
    select.bind(1, owner_id);
    select.bind(2, std::int64_t { MAX_OWNED });
    int rc = 0;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW)
        found.push_back(KIOSK_TRY(decode(select.text(0))));
    if (rc != SQLITE_DONE)
        return fail(Errc::io, "cannot read dossiers");
    return found;
}

Result<std::size_t> SqliteDossierStore::count()
{
    std::lock_guard lock(m_mutex);
    Statement select(m_db, "SELECT count(*) FROM dossier");
    if (!select.ok() || sqlite3_step(select.get()) != SQLITE_ROW)
        return fail(Errc::io, "cannot count dossiers");
    return static_cast<std::size_t>(sqlite3_column_int64(select.get(), 0));
}

Result<void> SqliteDossierStore::record_heartbeat(Heartbeat const& heartbeat)
{
    std::lock_guard lock(m_mutex);
    Statement insert(m_db,
        "INSERT OR REPLACE INTO heartbeat(kiosk_id, source, version, slot, devices, received_at, last_result, "
        "last_check) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert.ok())
        return fail(Errc::io, "cannot store a heartbeat");
    insert.bind(1, heartbeat.kiosk_id);
    insert.bind(2, heartbeat.source);
    insert.bind(3, heartbeat.version);
    insert.bind(4, heartbeat.slot);
    insert.bind(5, heartbeat.devices_json);
    insert.bind(6, std::chrono::duration_cast<std::chrono::seconds>(heartbeat.received_at.time_since_epoch()).count());
    insert.bind(7, heartbeat.last_result);
    insert.bind(8, heartbeat.last_check);
    if (sqlite3_step(insert.get()) != SQLITE_DONE)
        return fail(Errc::io, "cannot store a heartbeat");
    return {};
}

Result<std::optional<Heartbeat>> SqliteDossierStore::last_heartbeat(std::string_view kiosk_id, std::string_view source)
{
    std::lock_guard lock(m_mutex);
    Statement select(m_db,
        "SELECT version, slot, devices, received_at, last_result, last_check FROM heartbeat "
        "WHERE kiosk_id = ?1 AND source = ?2");
    if (!select.ok())
        return fail(Errc::io, "cannot query heartbeats");
    select.bind(1, kiosk_id);
    select.bind(2, source);
    int rc = sqlite3_step(select.get());
    if (rc == SQLITE_DONE)
        return std::optional<Heartbeat>();
    if (rc != SQLITE_ROW)
        return fail(Errc::io, "cannot read a heartbeat");
    Heartbeat heartbeat { std::string(kiosk_id), std::string(source), select.text(0), select.text(1), select.text(2),
        std::chrono::system_clock::time_point(std::chrono::seconds(sqlite3_column_int64(select.get(), 3))),
        select.text(4), select.text(5) };
    return std::optional<Heartbeat>(std::move(heartbeat));
}

} // namespace kiosk::gateway
