// SPDX-License-Identifier: MIT
#pragma once

#include "gateway/dossier_store.hpp"

#include <filesystem>
#include <memory>
#include <mutex>

struct sqlite3;

namespace kiosk::gateway {

/// DossierStore in one SQLite file (WAL mode). Each dossier is a row with its code, owner
/// ID and the store view of its JSON; one connection behind a mutex (lookups take
/// microseconds, so one connection serves a center's kiosks).
class SqliteDossierStore final : public DossierStore {
public:
    /// Opens or creates the database at @p file and its schema.
    /// @return Errc::io when the file cannot be opened or is not a database of ours.
    static Result<std::unique_ptr<SqliteDossierStore>> open(std::filesystem::path const& file);
    ~SqliteDossierStore() override;
    SqliteDossierStore(SqliteDossierStore const&) = delete;
    SqliteDossierStore& operator=(SqliteDossierStore const&) = delete;
    SqliteDossierStore(SqliteDossierStore&&) = delete;
    SqliteDossierStore& operator=(SqliteDossierStore&&) = delete;

    Result<void> put(std::span<status::Dossier const> dossiers) override;
    Result<std::optional<status::Dossier>> find(std::string_view code) override;
    Result<std::vector<status::Dossier>> owned_by(std::string_view owner_id) override;
    Result<std::size_t> count() override;
    Result<void> record_heartbeat(Heartbeat const& heartbeat) override;
    Result<std::optional<Heartbeat>> last_heartbeat(std::string_view kiosk_id, std::string_view source) override;

private:
    explicit SqliteDossierStore(sqlite3* db) noexcept
        : m_db(db)
    {
    }

    std::mutex m_mutex;
    sqlite3* m_db;
};

} // namespace kiosk::gateway
