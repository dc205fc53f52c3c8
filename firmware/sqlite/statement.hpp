// SPDX-License-Identifier: MIT
#pragma once

// A prepared SQLite statement, finalized on scope exit: what the SQLite files of status/ (the
// lookup cache) and gateway/ (the dossier store) share. Users write #include <sqlite/statement.hpp>
// and still call sqlite3 from their one file each.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::sqlite {

class Statement {
public:
    /// Prepares @p sql on @p db; ok() says whether that worked.
    Statement(sqlite3* db, char const* sql) noexcept { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr); }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(Statement const&) = delete;
    Statement& operator=(Statement const&) = delete;
    Statement(Statement&&) = delete;
    Statement& operator=(Statement&&) = delete;

    [[nodiscard]] bool ok() const noexcept { return m_rc == SQLITE_OK; }
    [[nodiscard]] sqlite3_stmt* get() const noexcept { return m_statement; }
    /// Binds @p text (copied by SQLite) to the 1-based parameter @p index.
    void bind(int index, std::string_view text) const noexcept
    {
        sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    void bind(int index, std::int64_t value) const noexcept { sqlite3_bind_int64(m_statement, index, value); }
    /// The text of @p column in the current row (empty for NULL).
    [[nodiscard]] std::string text(int column) const
    {
        auto const* data = sqlite3_column_text(m_statement, column);
        return data ? std::string(reinterpret_cast<char const*>(data),
                          static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                    : std::string();
    }

private:
    sqlite3_stmt* m_statement = nullptr;
    int m_rc = SQLITE_ERROR;
};

} // namespace kiosk::sqlite
