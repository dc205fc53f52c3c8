// SPDX-License-Identifier: MIT
// The only file that calls sqlite3 for the catalog.
//
// Layout: procedures are stored with rowid = popularity rank (1 = most asked for), and the
// FTS5 index (contentless, prefix indexes 1-3) uses the same rowid. FTS5 returns matches
// in rowid order, so "the most popular matches" is a LIMIT on the natural order: no
// scoring function runs over the whole match set, which is what made bm25 ranking cost
// 14 ms at 10k procedures. Ranking is tiered instead: each match kind is one cheap query.
#include "catalog/catalog_store.hpp"

#include "catalog/text_fold.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <set>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace kiosk::catalog {

std::string_view match_kind_name(MatchKind kind) noexcept
{
    switch (kind) {
    case MatchKind::exact_name:
        return "exact_name";
    case MatchKind::name_prefix:
        return "name_prefix";
    case MatchKind::name_phrase:
        return "name_phrase";
    case MatchKind::name_words:
        return "name_words";
    case MatchKind::text_words:
        return "text_words";
    case MatchKind::typo:
        return "typo";
    case MatchKind::popular:
        return "popular";
    }
    return "unknown";
}

std::string_view sqlite_version() noexcept { return sqlite3_libversion(); }

namespace {

    constexpr int SCHEMA_VERSION = 1;
    // Typo correction on shorter words would match almost every word of the vocabulary.
    constexpr std::size_t MIN_TYPO_WORD = 3;
    constexpr std::size_t MAX_TYPO_CANDIDATES = 32;
    // Below this many names starting with the query, the name index answers the prefix tier.
    constexpr std::int64_t DENSE_PREFIX = 256;

    // The smallest string greater than every string starting with @p prefix.
    std::string prefix_end(std::string prefix)
    {
        prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
        return prefix;
    }

    // One prepared statement, finalized on destruction.
    class Statement {
    public:
        Statement() = default;
        ~Statement() { sqlite3_finalize(m_statement); }
        Statement(Statement const&) = delete;
        Statement& operator=(Statement const&) = delete;
        Statement(Statement&& other) noexcept
            : m_statement(std::exchange(other.m_statement, nullptr))
        {
        }
        Statement& operator=(Statement&& other) noexcept
        {
            std::swap(m_statement, other.m_statement);
            return *this;
        }

        static Result<Statement> prepare(sqlite3* db, char const* sql)
        {
            Statement statement;
            if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement.m_statement, nullptr)
                != SQLITE_OK)
                return fail(Errc::malformed, "catalog: the database lacks the catalog tables");
            return statement;
        }

        void reset() const
        {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
        void bind(int index, std::string_view text) const
        {
            // An empty view may have no data pointer, which SQLite would bind as NULL.
            char const* data = text.data() != nullptr ? text.data() : "";
            sqlite3_bind_text(m_statement, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
        }
        void bind(int index, std::int64_t number) const { sqlite3_bind_int64(m_statement, index, number); }

        /// true: a row is ready; false: done.
        [[nodiscard]] Result<bool> step() const
        {
            int const rc = sqlite3_step(m_statement);
            if (rc == SQLITE_ROW)
                return true;
            if (rc == SQLITE_DONE)
                return false;
            return fail(Errc::io, "catalog: SQLite query failed");
        }
        [[nodiscard]] std::string text(int column) const
        {
            auto const* data = sqlite3_column_text(m_statement, column);
            auto const size = sqlite3_column_bytes(m_statement, column);
            return data == nullptr ? std::string() : std::string(reinterpret_cast<char const*>(data), size);
        }
        [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }

    private:
        sqlite3_stmt* m_statement = nullptr;
    };

    struct DbClose {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    using Db = std::unique_ptr<sqlite3, DbClose>;

    std::string hex(std::string_view text)
    {
        static constexpr std::string_view DIGITS = "0123456789abcdef";
        std::string out;
        for (char c : text) {
            auto const byte = static_cast<unsigned char>(c);
            out.push_back(DIGITS[byte >> 4U]);
            out.push_back(DIGITS[byte & 0x0FU]);
        }
        return out;
    }

    // Filter values live in the FTS "tags" column as single tokens that user words can
    // never produce (a kind letter and the hex of the id), so a filter is one more AND term.
    std::string tag(char kind, std::string_view id) { return std::string("x") + kind + hex(id); }

    std::string fts_quoted(std::string_view token)
    {
        std::string out = "\"";
        for (char c : token) {
            out.push_back(c);
            if (c == '"')
                out.push_back('"');
        }
        out.push_back('"');
        return out;
    }

    std::string join(std::vector<std::string> const& words, std::string_view separator)
    {
        std::string out;
        for (auto const& word : words) {
            if (!out.empty())
                out += separator;
            out += word;
        }
        return out;
    }

    std::string filter_expression(SearchFilters const& filters)
    {
        std::vector<std::string> tags;
        if (!filters.life_event.empty())
            tags.push_back(fts_quoted(tag('e', filters.life_event)));
        if (!filters.field.empty())
            tags.push_back(fts_quoted(tag('f', filters.field)));
        if (filters.level)
            tags.push_back(fts_quoted(tag('l', level_name(*filters.level))));
        if (tags.empty())
            return {};
        return "tags:(" + join(tags, " AND ") + ")";
    }

    std::string with_filter(std::string expression, std::string const& filter)
    {
        if (filter.empty())
            return expression;
        return "(" + expression + ") AND " + filter;
    }

    // Optimal string alignment distance <= 1: one insertion, deletion, substitution or
    // swap of neighbours.
    bool within_one_edit(std::string_view a, std::string_view b)
    {
        if (a.size() > b.size())
            std::swap(a, b);
        if (b.size() - a.size() > 1)
            return false;
        std::size_t i = 0;
        while (i < a.size() && a[i] == b[i])
            ++i;
        if (i == a.size())
            return true;
        if (a.size() == b.size()) {
            if (a.substr(i + 1) == b.substr(i + 1))
                return true;
            return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
        }
        return a.substr(i) == b.substr(i + 1);
    }

    bool last_word_unfinished(std::string_view query)
    {
        if (query.empty())
            return false;
        auto const last = static_cast<unsigned char>(query.back());
        // A multi-byte UTF-8 letter (ending in a continuation byte) counts as a letter.
        return last >= 0x80 || (std::isalnum(last) != 0);
    }

    double weight(MatchKind kind)
    {
        switch (kind) {
        case MatchKind::exact_name:
            return 4;
        case MatchKind::name_prefix:
            return 3;
        case MatchKind::name_phrase:
            return 2.5;
        case MatchKind::name_words:
            return 2;
        case MatchKind::text_words:
            return 1;
        case MatchKind::typo:
            return 0.5;
        case MatchKind::popular:
            return 0;
        }
        return 0;
    }

} // namespace

struct CatalogStore::Statements {
    Statement exact;
    Statement count_starting;
    Statement starting;
    Statement match;
    Statement popular;
    Statement summary;
    Statement record;
    Statement vocabulary;
    Statement life_events;
    Statement fields;
    Statement meta;
    Statement counts;
};

CatalogStore::CatalogStore(sqlite3* db, std::filesystem::path file)
    : m_db(db)
    , m_file(std::move(file))
{
}

CatalogStore::~CatalogStore()
{
    m_statements.reset();
    sqlite3_close_v2(m_db);
}

CatalogResult<std::unique_ptr<CatalogStore>> CatalogStore::open(std::filesystem::path const& file)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        return Unexpected(CatalogError { Errc::not_found, "", "",
            "no catalog at " + file.string() + " (build it with: kiosk-bench catalog import FILE.json)" });
    sqlite3* raw = nullptr;
    int const rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return Unexpected(CatalogError { Errc::io, "", "", "cannot open " + file.string() });
    auto not_catalog = [&file] {
        return Unexpected(CatalogError { Errc::malformed, "", "",
            file.string() + " is not a catalog database of schema version " + std::to_string(SCHEMA_VERSION) });
    };
    {
        auto version = Statement::prepare(db.get(), "PRAGMA user_version");
        if (!version || !version->step().value_or(false) || version->integer(0) != SCHEMA_VERSION)
            return not_catalog();
    }
    std::unique_ptr<CatalogStore> store(new CatalogStore(db.release(), file));
    auto statements = std::make_unique<Statements>();
    struct Entry {
        Statement* statement;
        char const* sql;
    };
    std::array<Entry, 12> const entries { {
        { &statements->count_starting,
            "SELECT count(*) FROM (SELECT 1 FROM procedures INDEXED BY procedures_name_folded WHERE name_folded >= ?1 "
            "AND name_folded < ?2 LIMIT ?3)" },
        { &statements->starting,
            "SELECT rank FROM procedures INDEXED BY procedures_name_folded WHERE name_folded >= ?1 AND name_folded < ?2"
            " AND (?3 = '' OR field = ?3) AND (?4 = '' OR level = ?4) AND (?5 = '' OR EXISTS (SELECT 1 FROM "
            "procedure_life_events e WHERE e.life_event = ?5 AND e.rank = procedures.rank)) ORDER BY rank LIMIT ?6" },
        { &statements->exact,
            "SELECT rank FROM procedures WHERE name_folded = ?1 AND (?2 = '' OR field = ?2) AND (?3 = '' OR level = ?3)"
            " AND (?4 = '' OR EXISTS (SELECT 1 FROM procedure_life_events e WHERE e.life_event = ?4 AND e.rank = "
            "procedures.rank)) ORDER BY rank LIMIT 8" },
        { &statements->match, "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid LIMIT ?2" },
        { &statements->popular, "SELECT rank FROM procedures ORDER BY rank LIMIT ?1" },
        { &statements->summary, "SELECT code, name, name_en, popularity FROM procedures WHERE rank = ?1" },
        { &statements->record, "SELECT record FROM procedures WHERE code = ?1" },
        { &statements->vocabulary, "SELECT term FROM vocabulary ORDER BY term" },
        { &statements->life_events, "SELECT id, name, name_en, procedures FROM life_events ORDER BY position" },
        { &statements->fields, "SELECT id, name, name_en, procedures FROM fields ORDER BY position" },
        { &statements->meta, "SELECT value FROM meta WHERE key = ?1" },
        { &statements->counts,
            "SELECT (SELECT count(*) FROM procedures), (SELECT count(*) FROM fields), (SELECT count(*) FROM "
            "life_events), (SELECT coalesce(max(popularity), 0) FROM procedures)" },
    } };
    for (auto const& entry : entries) {
        auto prepared = Statement::prepare(store->m_db, entry.sql);
        if (!prepared)
            return not_catalog();
        *entry.statement = std::move(*prepared);
    }
    store->m_statements = std::move(statements);
    auto const& counts = store->m_statements->counts;
    counts.reset();
    if (!counts.step().value_or(false))
        return not_catalog();
    store->m_max_popularity = static_cast<double>(counts.integer(3));
    return store;
}

Result<std::vector<std::int64_t>> CatalogStore::match(std::string const& expression, std::size_t limit) const
{
    auto const& statement = m_statements->match;
    statement.reset();
    statement.bind(1, expression);
    statement.bind(2, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> ranks;
    while (KIOSK_TRY(statement.step()))
        ranks.push_back(statement.integer(0));
    return ranks;
}

Result<std::vector<std::int64_t>> CatalogStore::exact(std::string const& folded, SearchFilters const& filters) const
{
    auto const& statement = m_statements->exact;
    statement.reset();
    statement.bind(1, folded);
    statement.bind(2, filters.field);
    statement.bind(3, filters.level ? level_name(*filters.level) : std::string_view());
    statement.bind(4, filters.life_event);
    std::vector<std::int64_t> ranks;
    while (KIOSK_TRY(statement.step()))
        ranks.push_back(statement.integer(0));
    return ranks;
}

Result<std::int64_t> CatalogStore::count_names_starting(std::string const& prefix) const
{
    auto const& statement = m_statements->count_starting;
    statement.reset();
    statement.bind(1, prefix);
    statement.bind(2, prefix_end(prefix));
    statement.bind(3, DENSE_PREFIX);
    if (!KIOSK_TRY(statement.step()))
        return std::int64_t { 0 };
    return statement.integer(0);
}

Result<std::vector<std::int64_t>> CatalogStore::names_starting(
    std::string const& prefix, SearchFilters const& filters, std::size_t limit) const
{
    auto const& statement = m_statements->starting;
    statement.reset();
    statement.bind(1, prefix);
    statement.bind(2, prefix_end(prefix));
    statement.bind(3, filters.field);
    statement.bind(4, filters.level ? level_name(*filters.level) : std::string_view());
    statement.bind(5, filters.life_event);
    statement.bind(6, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> ranks;
    while (KIOSK_TRY(statement.step()))
        ranks.push_back(statement.integer(0));
    return ranks;
}

Result<void> CatalogStore::load_vocabulary() const
{
    if (m_vocabulary_loaded)
        return {};
    auto const& statement = m_statements->vocabulary;
    statement.reset();
    m_vocabulary.clear();
    while (KIOSK_TRY(statement.step()))
        m_vocabulary.push_back(statement.text(0));
    m_vocabulary_loaded = true;
    return {};
}

Result<std::vector<SearchHit>> CatalogStore::hits(std::vector<std::pair<std::int64_t, MatchKind>> const& found) const
{
    std::vector<SearchHit> result;
    result.reserve(found.size());
    auto const& statement = m_statements->summary;
    for (auto const& [rank, kind] : found) {
        statement.reset();
        statement.bind(1, rank);
        if (!KIOSK_TRY(statement.step()))
            continue;
        SearchHit hit;
        hit.code = statement.text(0);
        hit.name = statement.text(1);
        hit.name_en = statement.text(2);
        hit.match = kind;
        hit.score = weight(kind) + static_cast<double>(statement.integer(3)) / (m_max_popularity + 1.0);
        result.push_back(std::move(hit));
    }
    return result;
}

Result<std::vector<SearchHit>> CatalogStore::search(std::string_view query, SearchOptions const& options) const
{
    std::size_t const limit = std::max<std::size_t>(options.limit, 1);
    auto const tokens = search_tokens(query);
    bool const unfinished = last_word_unfinished(query);
    std::string const filter = filter_expression(options.filters);

    std::vector<std::pair<std::int64_t, MatchKind>> found;
    auto add = [&found, limit](std::vector<std::int64_t> const& ranks, MatchKind kind) {
        for (auto rank : ranks) {
            if (found.size() >= limit)
                return;
            bool const seen
                = std::any_of(found.begin(), found.end(), [rank](auto const& item) { return item.first == rank; });
            if (!seen)
                found.emplace_back(rank, kind);
        }
    };

    if (tokens.empty()) {
        if (!filter.empty()) {
            add(KIOSK_TRY(match(filter, limit)), MatchKind::popular);
        } else {
            auto const& statement = m_statements->popular;
            statement.reset();
            statement.bind(1, static_cast<std::int64_t>(limit));
            std::vector<std::int64_t> ranks;
            while (KIOSK_TRY(statement.step()))
                ranks.push_back(statement.integer(0));
            add(ranks, MatchKind::popular);
        }
        return hits(found);
    }

    std::string const joined = join(tokens, " ");
    std::vector<std::string> terms;
    terms.reserve(tokens.size());
    for (auto const& token : tokens)
        terms.push_back(fts_quoted(token));
    if (unfinished)
        terms.back() += "*";
    std::string const all_words = "(" + join(terms, " AND ") + ")";

    add(KIOSK_TRY(exact(joined, options.filters)), MatchKind::exact_name);
    if (found.size() < limit) {
        // Names starting with the query: few -> read them from the name index and sort by
        // rank; many -> FTS5 in rank order stops after the first few. Either way bounded;
        // FTS5 alone would check the position of every row holding the words when few
        // names start with them.
        std::string const prefix = unfinished ? joined : joined + " ";
        auto const starting = KIOSK_TRY(count_names_starting(prefix));
        if (starting > 0 && starting < DENSE_PREFIX) {
            add(KIOSK_TRY(names_starting(prefix, options.filters, limit + found.size())), MatchKind::name_prefix);
        } else if (starting > 0) {
            add(KIOSK_TRY(match(with_filter("name:^" + fts_quoted(joined) + (unfinished ? "*" : ""), filter),
                    limit + found.size())),
                MatchKind::name_prefix);
        }
    }
    if (found.size() < limit)
        add(KIOSK_TRY(match(with_filter("{name keywords}:" + fts_quoted(joined) + (unfinished ? "*" : ""), filter),
                limit + found.size())),
            MatchKind::name_phrase);
    if (found.size() < limit && tokens.size() > 1)
        add(KIOSK_TRY(match(with_filter("name:" + all_words, filter), limit + found.size())), MatchKind::name_words);
    if (found.size() < limit)
        add(KIOSK_TRY(match(with_filter("{name keywords body}:" + all_words, filter), limit + found.size())),
            MatchKind::text_words);
    if (!found.empty())
        return hits(found);

    // Nothing matched: allow one typo in each word the vocabulary does not know.
    if (auto loaded = load_vocabulary(); !loaded)
        return Unexpected(loaded.error());
    std::vector<std::string> alternatives;
    bool corrected = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        auto const& token = tokens[i];
        bool const prefix = unfinished && i + 1 == tokens.size();
        auto const at = std::lower_bound(m_vocabulary.begin(), m_vocabulary.end(), token);
        bool const known = at != m_vocabulary.end() && (prefix ? at->compare(0, token.size(), token) == 0 : *at == token);
        if (known || token.size() < MIN_TYPO_WORD) {
            alternatives.push_back(terms[i]);
            continue;
        }
        std::set<std::string> candidates;
        for (auto const& word : m_vocabulary) {
            if (candidates.size() >= MAX_TYPO_CANDIDATES)
                break;
            if (!prefix) {
                if (within_one_edit(token, word))
                    candidates.insert(fts_quoted(word));
                continue;
            }
            // A shorter prefix only while it stays a real word start (>= 3 letters):
            // "hu"* would match half the vocabulary.
            std::size_t const shortest = token.size() > MIN_TYPO_WORD ? token.size() - 1 : token.size();
            for (std::size_t length = shortest; length <= token.size() + 1; ++length) {
                if (word.size() >= length && within_one_edit(token, std::string_view(word).substr(0, length))) {
                    candidates.insert(fts_quoted(word.substr(0, length)) + "*");
                    break;
                }
            }
        }
        if (candidates.empty())
            return hits(found);
        corrected = true;
        alternatives.push_back("(" + join(std::vector<std::string>(candidates.begin(), candidates.end()), " OR ") + ")");
    }
    if (!corrected)
        return hits(found);
    add(KIOSK_TRY(match(with_filter("{name keywords body}:(" + join(alternatives, " AND ") + ")", filter), limit)),
        MatchKind::typo);
    return hits(found);
}

Result<std::optional<Procedure>> CatalogStore::find(std::string_view code) const
{
    auto const& statement = m_statements->record;
    statement.reset();
    statement.bind(1, code);
    if (!KIOSK_TRY(statement.step()))
        return std::optional<Procedure>();
    auto parsed = parse_procedure_json(statement.text(0));
    if (!parsed)
        return fail(Errc::malformed, "catalog: a stored procedure record does not parse");
    return std::optional<Procedure>(std::move(*parsed));
}

namespace {

    Result<std::vector<FacetCount>> facets(Statement const& statement)
    {
        statement.reset();
        std::vector<FacetCount> result;
        while (KIOSK_TRY(statement.step()))
            result.push_back({ statement.text(0), statement.text(1), statement.text(2), statement.integer(3) });
        return result;
    }

} // namespace

Result<std::vector<FacetCount>> CatalogStore::life_events() const { return facets(m_statements->life_events); }
Result<std::vector<FacetCount>> CatalogStore::fields() const { return facets(m_statements->fields); }

Result<CatalogStats> CatalogStore::stats() const
{
    CatalogStats stats;
    auto const& counts = m_statements->counts;
    counts.reset();
    if (!KIOSK_TRY(counts.step()))
        return fail(Errc::io, "catalog: cannot count procedures");
    stats.procedures = counts.integer(0);
    stats.fields = counts.integer(1);
    stats.life_events = counts.integer(2);
    auto meta = [this](std::string_view key) -> Result<std::string> {
        auto const& statement = m_statements->meta;
        statement.reset();
        statement.bind(1, key);
        if (!KIOSK_TRY(statement.step()))
            return std::string();
        return statement.text(0);
    };
    stats.version = KIOSK_TRY(meta("version"));
    stats.published = KIOSK_TRY(meta("published"));
    stats.sample = KIOSK_TRY(meta("sample")) == "1";
    std::error_code error;
    auto const size = std::filesystem::file_size(m_file, error);
    stats.file_bytes = error ? 0 : size;
    return stats;
}

// ---------------------------------------------------------------------------------------
// Import

namespace {

    constexpr char const* SCHEMA = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE fields(id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL,
    procedures INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE life_events(id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL,
    procedures INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE procedures(rank INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    name_en TEXT NOT NULL, name_folded TEXT NOT NULL, field TEXT NOT NULL, level TEXT NOT NULL,
    popularity INTEGER NOT NULL, record TEXT NOT NULL);
CREATE INDEX procedures_name_folded ON procedures(name_folded);
CREATE TABLE procedure_life_events(life_event TEXT NOT NULL, rank INTEGER NOT NULL,
    PRIMARY KEY(life_event, rank)) WITHOUT ROWID;
CREATE TABLE vocabulary(term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5(name, keywords, body, tags, content='', columnsize=0, prefix='1 2 3',
    tokenize='unicode61 remove_diacritics 0');
)sql";

    Unexpected<CatalogError> store_error(sqlite3* db, std::string const& what)
    {
        std::string detail = db != nullptr ? std::string(": ") + sqlite3_errmsg(db) : std::string();
        return Unexpected(CatalogError { Errc::io, "", "", what + detail });
    }

    CatalogResult<Statement> prepare_for_import(sqlite3* db, char const* sql)
    {
        auto statement = Statement::prepare(db, sql);
        if (!statement)
            return store_error(db, "cannot prepare the catalog import");
        return std::move(*statement);
    }

    CatalogResult<bool> execute(sqlite3* db, char const* sql)
    {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            return store_error(db, "cannot write the new catalog");
        return true;
    }

    CatalogResult<bool> run(sqlite3* db, Statement const& statement)
    {
        auto stepped = statement.step();
        statement.reset();
        if (!stepped)
            return store_error(db, "cannot write the new catalog");
        return true;
    }

    CatalogResult<bool> sync_path(std::filesystem::path const& path, int flags)
    {
        int const fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0)
            return Unexpected(CatalogError { Errc::io, "", "", "cannot open " + path.string() + " to flush it" });
        int const rc = ::fsync(fd);
        ::close(fd);
        if (rc != 0)
            return Unexpected(CatalogError { Errc::io, "", "", "cannot flush " + path.string() + " to disk" });
        return true;
    }

    std::string temp_prefix(std::filesystem::path const& live_file)
    {
        return "." + live_file.filename().string() + ".import-";
    }

    // Half-built files of an import that was killed (power cut, crash).
    void remove_leftovers(std::filesystem::path const& live_file)
    {
        std::error_code error;
        auto const prefix = temp_prefix(live_file);
        auto const folder = live_file.parent_path().empty() ? std::filesystem::path(".") : live_file.parent_path();
        for (auto const& entry : std::filesystem::directory_iterator(folder, error)) {
            auto const name = entry.path().filename().string();
            if (name.rfind(prefix, 0) == 0)
                std::filesystem::remove(entry.path(), error);
        }
    }

    // Removes the half-built file unless released.
    class TempFile {
    public:
        explicit TempFile(std::filesystem::path path)
            : m_path(std::move(path))
        {
        }
        ~TempFile()
        {
            if (!m_path.empty()) {
                std::error_code error;
                std::filesystem::remove(m_path, error);
            }
        }
        TempFile(TempFile const&) = delete;
        TempFile& operator=(TempFile const&) = delete;
        TempFile(TempFile&&) = delete;
        TempFile& operator=(TempFile&&) = delete;
        [[nodiscard]] std::filesystem::path const& path() const { return m_path; }
        void release() { m_path.clear(); }

    private:
        std::filesystem::path m_path;
    };

    void collect_words(std::string const& folded, std::set<std::string>& vocabulary)
    {
        std::size_t start = 0;
        while (start < folded.size()) {
            auto end = folded.find(' ', start);
            if (end == std::string::npos)
                end = folded.size();
            vocabulary.insert(folded.substr(start, end - start));
            start = end + 1;
        }
    }

    CatalogResult<bool> write_catalog(sqlite3* db, Catalog const& catalog, ImportProgress const& progress)
    {
        KIOSK_TRY(execute(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN"));
        KIOSK_TRY(execute(db, SCHEMA));
        auto meta = KIOSK_TRY(prepare_for_import(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)"));
        for (auto const& [key, value] : std::array<std::pair<char const*, std::string>, 4> { {
                 { "format", std::string(CATALOG_FORMAT) },
                 { "version", catalog.version },
                 { "published", catalog.published },
                 { "sample", catalog.sample ? "1" : "0" },
             } }) {
            meta.bind(1, key);
            meta.bind(2, value);
            KIOSK_TRY(run(db, meta));
        }

        std::map<std::string, std::string> field_names;
        auto field = KIOSK_TRY(prepare_for_import(
            db, "INSERT INTO fields(id, position, name, name_en) VALUES (?1, ?2, ?3, ?4)"));
        for (std::size_t i = 0; i < catalog.fields.size(); ++i) {
            auto const& item = catalog.fields[i];
            field_names[item.id] = fold_for_search(item.name + " " + item.name_en);
            field.bind(1, item.id);
            field.bind(2, static_cast<std::int64_t>(i));
            field.bind(3, item.name);
            field.bind(4, item.name_en);
            KIOSK_TRY(run(db, field));
        }
        std::map<std::string, std::string> event_names;
        auto event = KIOSK_TRY(prepare_for_import(
            db, "INSERT INTO life_events(id, position, name, name_en) VALUES (?1, ?2, ?3, ?4)"));
        for (std::size_t i = 0; i < catalog.life_events.size(); ++i) {
            auto const& item = catalog.life_events[i];
            event_names[item.id] = fold_for_search(item.name + " " + item.name_en);
            event.bind(1, item.id);
            event.bind(2, static_cast<std::int64_t>(i));
            event.bind(3, item.name);
            event.bind(4, item.name_en);
            KIOSK_TRY(run(db, event));
        }

        // rank 1 = most popular; ties by code so that a catalog always builds the same file.
        std::vector<std::size_t> order(catalog.procedures.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&catalog](std::size_t a, std::size_t b) {
            auto const& left = catalog.procedures[a];
            auto const& right = catalog.procedures[b];
            if (left.popularity != right.popularity)
                return left.popularity > right.popularity;
            return left.code < right.code;
        });

        auto procedure = KIOSK_TRY(prepare_for_import(db,
            "INSERT INTO procedures(rank, code, name, name_en, name_folded, field, level, popularity, record) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
        auto membership
            = KIOSK_TRY(prepare_for_import(db, "INSERT INTO procedure_life_events(life_event, rank) VALUES (?1, ?2)"));
        auto search = KIOSK_TRY(
            prepare_for_import(db, "INSERT INTO search(rowid, name, keywords, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)"));
        std::set<std::string> vocabulary;
        for (std::size_t position = 0; position < order.size(); ++position) {
            auto const& item = catalog.procedures[order[position]];
            auto const rank = static_cast<std::int64_t>(position + 1);
            std::string const name_folded = fold_for_search(item.name);
            // Keywords are the other names citizens use: one column, searched like the name.
            std::string keywords;
            for (auto const& keyword : item.keywords)
                keywords += keyword + " ; ";
            keywords = fold_for_search(keywords);
            std::string body = fold_for_search(item.name_en + " " + item.result) + " " + field_names[item.field];
            std::string tags = tag('f', item.field) + " " + tag('l', level_name(item.level));
            for (auto const& id : item.life_events) {
                tags += " " + tag('e', id);
                body += " " + event_names[id];
                membership.bind(1, id);
                membership.bind(2, rank);
                KIOSK_TRY(run(db, membership));
            }
            collect_words(name_folded, vocabulary);
            collect_words(keywords, vocabulary);
            collect_words(fold_for_search(body), vocabulary);

            procedure.bind(1, rank);
            procedure.bind(2, item.code);
            procedure.bind(3, item.name);
            procedure.bind(4, item.name_en);
            procedure.bind(5, name_folded);
            procedure.bind(6, item.field);
            procedure.bind(7, level_name(item.level));
            procedure.bind(8, item.popularity);
            procedure.bind(9, write_procedure_json(item));
            KIOSK_TRY(run(db, procedure));

            search.bind(1, rank);
            search.bind(2, name_folded);
            search.bind(3, keywords);
            search.bind(4, body);
            search.bind(5, tags);
            KIOSK_TRY(run(db, search));

            if (progress) {
                auto proceed = progress(position + 1);
                if (!proceed)
                    return Unexpected(CatalogError { proceed.error().code(), "", "",
                        std::string("import stopped: ") + proceed.error().message() });
            }
        }
        auto term = KIOSK_TRY(prepare_for_import(db, "INSERT INTO vocabulary(term) VALUES (?1)"));
        for (auto const& word : vocabulary) {
            term.bind(1, word);
            KIOSK_TRY(run(db, term));
        }
        KIOSK_TRY(execute(db,
            "UPDATE fields SET procedures = (SELECT count(*) FROM procedures p WHERE p.field = fields.id);"
            "UPDATE life_events SET procedures = (SELECT count(*) FROM procedure_life_events e WHERE e.life_event = "
            "life_events.id);"
            "INSERT INTO search(search) VALUES ('optimize');"));
        KIOSK_TRY(execute(db, ("PRAGMA user_version = " + std::to_string(SCHEMA_VERSION) + "; COMMIT").c_str()));
        return true;
    }

} // namespace

CatalogResult<ImportReport> import_catalog(
    Catalog const& catalog, std::filesystem::path const& live_file, ImportProgress const& progress)
{
    auto const started = std::chrono::steady_clock::now();
    std::error_code error;
    auto const folder = live_file.parent_path().empty() ? std::filesystem::path(".") : live_file.parent_path();
    std::filesystem::create_directories(folder, error);
    if (error)
        return Unexpected(CatalogError { Errc::io, "", "", "cannot create " + folder.string() });
    remove_leftovers(live_file);
    TempFile temp(folder / (temp_prefix(live_file) + std::to_string(::getpid())));

    {
        sqlite3* raw = nullptr;
        int const rc = sqlite3_open_v2(
            temp.path().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        Db db(raw);
        if (rc != SQLITE_OK)
            return store_error(db.get(), "cannot create " + temp.path().string());
        KIOSK_TRY(write_catalog(db.get(), catalog, progress));
        sqlite3* closing = db.release();
        if (sqlite3_close(closing) != SQLITE_OK) {
            sqlite3_close_v2(closing);
            return Unexpected(CatalogError { Errc::io, "", "", "cannot finish " + temp.path().string() });
        }
    }
    // Data on disk before the name points at it, and the rename on disk before we say done:
    // after a power cut the live name shows either the old or the new catalog, whole.
    KIOSK_TRY(sync_path(temp.path(), O_RDONLY));
    if (::rename(temp.path().c_str(), live_file.c_str()) != 0)
        return Unexpected(CatalogError { Errc::io, "", "", "cannot replace " + live_file.string() });
    temp.release();
    KIOSK_TRY(sync_path(folder, O_RDONLY | O_DIRECTORY));

    ImportReport report;
    report.procedures = catalog.procedures.size();
    report.import_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    report.file_bytes = std::filesystem::file_size(live_file, error);
    return report;
}

} // namespace kiosk::catalog
