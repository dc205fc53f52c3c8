// SPDX-License-Identifier: MIT
#pragma once

// The procedure catalog on disk: one SQLite file, searched per keystroke. This header and
// catalog_store.cpp are the only place that calls sqlite3 for the catalog.

#include "catalog/catalog_json.hpp"
#include "catalog/procedure.hpp"

#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace kiosk::catalog {

/// Why a procedure matched, best first. The search ranks by this, then by popularity.
enum class MatchKind {
    exact_name,  ///< the folded name equals the folded query
    name_prefix, ///< the name starts with the query (last word may be unfinished)
    name_phrase, ///< the query's words stand together, in order, in the name or a keyword
    name_words,  ///< every query word is a word of the name (last one may be unfinished)
    text_words,  ///< every query word is in the name, keywords, English name, field or result
    typo,        ///< matched only after allowing one typo per word
    popular,     ///< empty query: the most popular procedures
};

/// "exact_name", "name_prefix", "name_phrase", "name_words", "text_words", "typo", "popular".
std::string_view match_kind_name(MatchKind kind) noexcept;

/// Narrows a search; empty members do not filter.
struct SearchFilters {
    std::string life_event; ///< LifeEvent::id
    std::string field;      ///< Field::id
    std::optional<Level> level;
};

struct SearchOptions {
    std::size_t limit = 20;
    SearchFilters filters;
};

/// One search result.
struct SearchHit {
    std::string code;
    std::string name;
    std::string name_en;
    MatchKind match = MatchKind::text_words;
    /// Higher is better: the match kind's weight (exact 4, prefix 3, phrase 2.5, name words 2, text
    /// words 1, typo 0.5, popular 0) plus popularity scaled into [0, 1).
    double score = 0;
};

/// A life event or field with how many procedures belong to it.
struct FacetCount {
    std::string id;
    std::string name;
    std::string name_en;
    std::int64_t procedures = 0;
};

struct CatalogStats {
    std::int64_t procedures = 0;
    std::int64_t fields = 0;
    std::int64_t life_events = 0;
    std::string version;
    std::string published;
    bool sample = false;
    std::uintmax_t file_bytes = 0;
};

/// A read-only view of one catalog file. Not thread-safe: one store per thread (each keeps
/// its own SQLite connection and prepared statements). A store keeps reading the catalog
/// version it opened even after an import replaced the file; open a new store to see it.
class CatalogStore {
public:
    ~CatalogStore();
    CatalogStore(CatalogStore const&) = delete;
    CatalogStore& operator=(CatalogStore const&) = delete;
    CatalogStore(CatalogStore&&) = delete;
    CatalogStore& operator=(CatalogStore&&) = delete;

    /// Opens @p file read-only and checks it is a catalog this code understands.
    /// @return not_found if the file does not exist, malformed if it is not a catalog
    /// database (or of another schema version), io for other SQLite failures.
    static CatalogResult<std::unique_ptr<CatalogStore>> open(std::filesystem::path const& file);

    /// Searches names and texts for @p query, folded the way text_fold folds (any case,
    /// with or without diacritics, đ = d). Ranked by MatchKind, then popularity; when
    /// nothing matches, tries again allowing one typo per word. An empty query returns the
    /// most popular procedures that pass the filters. Typically well under a millisecond.
    /// @return io if SQLite fails.
    Result<std::vector<SearchHit>> search(std::string_view query, SearchOptions const& options = {}) const;

    /// The procedure with code @p code, or nullopt.
    Result<std::optional<Procedure>> find(std::string_view code) const;

    /// Life events / fields in catalog order, with their procedure counts.
    Result<std::vector<FacetCount>> life_events() const;
    Result<std::vector<FacetCount>> fields() const;

    Result<CatalogStats> stats() const;

private:
    struct Statements;
    CatalogStore(sqlite3* db, std::filesystem::path file);

    Result<std::vector<std::int64_t>> match(std::string const& expression, std::size_t limit) const;
    Result<std::vector<std::int64_t>> exact(std::string const& folded, SearchFilters const& filters) const;
    Result<std::int64_t> count_names_starting(std::string const& prefix) const;
    Result<std::vector<std::int64_t>> names_starting(
        std::string const& prefix, SearchFilters const& filters, std::size_t limit) const;
    Result<void> load_vocabulary() const;
    Result<std::vector<SearchHit>> hits(std::vector<std::pair<std::int64_t, MatchKind>> const& found) const;

    sqlite3* m_db;
    std::filesystem::path m_file;
    std::unique_ptr<Statements> m_statements;
    double m_max_popularity = 0;
    mutable std::vector<std::string> m_vocabulary; ///< folded words of names and texts, sorted
    mutable bool m_vocabulary_loaded = false;
};

/// Test hook and progress: called after each procedure is written to the new catalog;
/// returning an error aborts the import (the live catalog stays as it was).
using ImportProgress = std::function<Result<void>(std::size_t written)>;

struct ImportReport {
    std::size_t procedures = 0;
    double import_ms = 0;
    std::uintmax_t file_bytes = 0;
};

/// Writes @p catalog as a new version of the catalog file @p live_file and swaps it in
/// atomically: the new file is built beside the live one, flushed to disk, then renamed
/// over it. On any error or interruption the live file is untouched (a half-built file
/// left by a crash is removed by the next import). Stores that are open keep the old
/// version. Blocks for the whole import (about a second for 10k procedures).
/// @return io when the file cannot be written, internal when SQLite refuses the data.
CatalogResult<ImportReport> import_catalog(
    Catalog const& catalog, std::filesystem::path const& live_file, ImportProgress const& progress = {});

/// The SQLite library version, for diagnostics.
std::string_view sqlite_version() noexcept;

} // namespace kiosk::catalog
