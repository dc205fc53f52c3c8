// SPDX-License-Identifier: MIT
#include "receipt/print_journal.hpp"

#include <sqlite3.h>

#include <utility>

namespace kiosk::receipt {

namespace {

    struct StatementFinalize {
        void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
    };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalize>;

    constexpr char const* SCHEMA = "PRAGMA journal_mode=WAL;"
                                   "PRAGMA synchronous=FULL;"
                                   "CREATE TABLE IF NOT EXISTS print_jobs ("
                                   " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                   " created_ms INTEGER NOT NULL,"
                                   " document TEXT NOT NULL);";

} // namespace

struct PrintJournal::Db {
    sqlite3* handle = nullptr;
    Db() = default;
    Db(Db const&) = delete;
    Db& operator=(Db const&) = delete;
    Db(Db&&) = delete;
    Db& operator=(Db&&) = delete;
    ~Db() { sqlite3_close_v2(handle); }

    Result<Statement> prepare(char const* sql) const
    {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(handle, sql, -1, &raw, nullptr) != SQLITE_OK)
            return fail(Errc::io, "preparing a print journal statement");
        return Statement(raw);
    }
};

Result<std::unique_ptr<PrintJournal>> PrintJournal::open(std::filesystem::path const& file)
{
    auto db = std::make_unique<Db>();
    int const rc = sqlite3_open_v2(file.c_str(), &db->handle,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_CANTOPEN)
        return fail(Errc::permission_denied, "opening the print journal");
    if (rc != SQLITE_OK)
        return fail(Errc::io, "opening the print journal");
    sqlite3_busy_timeout(db->handle, 2000);
    int const schema = sqlite3_exec(db->handle, SCHEMA, nullptr, nullptr, nullptr);
    if (schema == SQLITE_NOTADB || schema == SQLITE_CORRUPT)
        return fail(Errc::malformed, "the print journal file is not a journal");
    if (schema != SQLITE_OK)
        return fail(Errc::io, "creating the print journal");
    return std::unique_ptr<PrintJournal>(new PrintJournal(std::move(db)));
}

PrintJournal::PrintJournal(std::unique_ptr<Db> db)
    : m_db(std::move(db))
{
}

PrintJournal::~PrintJournal() = default;

Result<std::int64_t> PrintJournal::add(std::string const& document_json, std::chrono::system_clock::time_point created)
{
    Statement const statement = KIOSK_TRY(m_db->prepare("INSERT INTO print_jobs (created_ms, document) VALUES (?, ?)"));
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(created.time_since_epoch()).count();
    sqlite3_bind_int64(statement.get(), 1, ms);
    sqlite3_bind_text(statement.get(), 2, document_json.data(), static_cast<int>(document_json.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        return fail(Errc::io, "writing a job to the print journal");
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_db->handle));
}

Result<void> PrintJournal::remove(std::int64_t id)
{
    Statement const statement = KIOSK_TRY(m_db->prepare("DELETE FROM print_jobs WHERE id = ?"));
    sqlite3_bind_int64(statement.get(), 1, id);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        return fail(Errc::io, "removing a job from the print journal");
    return {};
}

Result<std::vector<JournalEntry>> PrintJournal::pending() const
{
    Statement const statement = KIOSK_TRY(m_db->prepare("SELECT id, created_ms, document FROM print_jobs ORDER BY id"));
    std::vector<JournalEntry> entries;
    while (true) {
        int const step = sqlite3_step(statement.get());
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW)
            return fail(Errc::io, "reading the print journal");
        JournalEntry entry;
        entry.id = sqlite3_column_int64(statement.get(), 0);
        entry.created = std::chrono::system_clock::time_point(std::chrono::milliseconds(sqlite3_column_int64(statement.get(), 1)));
        auto const* text = reinterpret_cast<char const*>(sqlite3_column_text(statement.get(), 2));
        entry.document_json = text != nullptr ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), 2))) : std::string();
        entries.push_back(std::move(entry));
    }
    return entries;
}

} // namespace kiosk::receipt
