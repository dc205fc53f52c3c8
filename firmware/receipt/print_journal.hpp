// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::receipt {

/// A job kept in the journal.
struct JournalEntry {
    std::int64_t id = 0;
    std::chrono::system_clock::time_point created;
    /// The document's JSON form (receipt/document_json.hpp).
    std::string document_json;
};

/// Print jobs without personal data, kept in a small SQLite file until they are printed, so a
/// power loss loses none (WAL, synchronous=FULL: a job added is on disk when add() returns).
/// Jobs with personal data never come here. One thread (the print worker).
class PrintJournal {
public:
    /// Opens or creates the journal at @p file. @return Errc::io, permission_denied, or
    /// Errc::malformed if the file is not a journal.
    static Result<std::unique_ptr<PrintJournal>> open(std::filesystem::path const& file);

    ~PrintJournal();
    PrintJournal(PrintJournal const&) = delete;
    PrintJournal& operator=(PrintJournal const&) = delete;
    PrintJournal(PrintJournal&&) = delete;
    PrintJournal& operator=(PrintJournal&&) = delete;

    /// Stores a job; @return its id. Errc::io if it could not be written.
    Result<std::int64_t> add(std::string const& document_json, std::chrono::system_clock::time_point created);
    /// Forgets a printed (or expired) job. Unknown ids are not an error.
    Result<void> remove(std::int64_t id);
    /// Jobs still to print, oldest first.
    Result<std::vector<JournalEntry>> pending() const;

private:
    struct Db;
    explicit PrintJournal(std::unique_ptr<Db> db);
    std::unique_ptr<Db> m_db;
};

} // namespace kiosk::receipt
