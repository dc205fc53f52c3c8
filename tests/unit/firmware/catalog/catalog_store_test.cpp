// SPDX-License-Identifier: MIT
// The catalog store against real SQLite files: search ranking, Vietnamese folding, typos,
// filters, browse counts, and the atomic swap of catalog versions.
#include <catalog/catalog_json.hpp>
#include <catalog/catalog_store.hpp>
#include <catalog/text_fold.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using namespace kiosk::catalog;

namespace {

Catalog sample()
{
    return KIOSK_MUST(read_catalog_file(kiosk::test::source_path("firmware/catalog/data/sample_catalog.json")));
}

Procedure procedure(std::string code, std::string name, std::string field, std::int64_t popularity,
    std::vector<std::string> events = {}, Level level = Level::commune)
{
    Procedure p;
    p.code = std::move(code);
    p.name = std::move(name);
    p.name_en = "English " + p.code;
    p.field = std::move(field);
    p.level = level;
    p.implementing_agency = "Ủy ban nhân dân cấp xã";
    p.channels.push_back({ ChannelKind::in_person, 1, "", 0, "" });
    p.life_events = std::move(events);
    p.popularity = popularity;
    return p;
}

Catalog small_catalog(std::string version)
{
    Catalog c;
    c.version = std::move(version);
    c.published = "2025-07-01";
    c.sample = true;
    c.fields = { { "ho-tich", "Hộ tịch", "Civil status" }, { "chung-thuc", "Chứng thực", "Certification" } };
    c.life_events = { { "birth", "Sinh con", "Having a baby" }, { "death", "Khi có người mất", "Death" } };
    c.procedures = {
        procedure("1.000001", "Đăng ký khai sinh", "ho-tich", 50, { "birth" }),
        procedure("1.000002", "Đăng ký khai sinh lưu động", "ho-tich", 90, { "birth" }),
        procedure("1.000003", "Cấp bản sao trích lục khai sinh", "ho-tich", 70, { "birth" }),
        procedure("1.000004", "Đăng ký khai tử", "ho-tich", 60, { "death" }),
        procedure("1.000005", "Chứng thực bản sao từ bản chính", "chung-thuc", 80, {}),
        procedure("1.000006", "Chứng thực chữ ký", "chung-thuc", 10, {}, Level::province),
    };
    return c;
}

std::vector<std::string> codes(std::vector<SearchHit> const& hits)
{
    std::vector<std::string> result;
    result.reserve(hits.size());
    for (auto const& hit : hits)
        result.push_back(hit.code);
    return result;
}

std::string first_name(CatalogStore const& store, std::string const& query)
{
    auto hits = KIOSK_MUST(store.search(query));
    return hits.empty() ? std::string("(none)") : hits.front().name;
}

bool contains(std::vector<std::string> const& list, std::string const& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TEST_GROUP(CatalogStore)
{
    kiosk::test::TempDir dir;
    std::filesystem::path db = dir.path() / "catalog.sqlite";

    std::unique_ptr<CatalogStore> open_small() const
    {
        KIOSK_MUST(import_catalog(small_catalog("v1"), db));
        return KIOSK_MUST(CatalogStore::open(db));
    }
};

TEST(CatalogStore, exact_name_beats_prefix_and_popularity)
{
    auto store = open_small();
    auto hits = KIOSK_MUST(store->search("dang ky khai sinh"));
    // "Đăng ký khai sinh" is less popular than "... lưu động" but its name is the query.
    CHECK_TRUE(hits.size() >= 2);
    STRCMP_EQUAL("1.000001", hits[0].code.c_str());
    STRCMP_EQUAL("exact_name", std::string(match_kind_name(hits[0].match)).c_str());
    STRCMP_EQUAL("1.000002", hits[1].code.c_str());
    STRCMP_EQUAL("name_prefix", std::string(match_kind_name(hits[1].match)).c_str());
    CHECK_TRUE(hits[0].score > hits[1].score);
}

TEST(CatalogStore, prefix_matches_rank_by_popularity_then_word_matches_follow)
{
    auto store = open_small();
    auto hits = KIOSK_MUST(store->search("khai sin"));
    // No name starts with the words; all three hold them as a phrase, so popularity
    // decides: lưu động 90, trích lục 70, khai sinh 50.
    auto found = codes(hits);
    LONGS_EQUAL(3, static_cast<long>(found.size()));
    STRCMP_EQUAL("1.000002", found[0].c_str());
    STRCMP_EQUAL("1.000003", found[1].c_str());
    STRCMP_EQUAL("1.000001", found[2].c_str());
    STRCMP_EQUAL("name_phrase", std::string(match_kind_name(hits[0].match)).c_str());
    // Words apart rank below words together.
    auto scattered = KIOSK_MUST(store->search("ban khai"));
    STRCMP_EQUAL("name_words", std::string(match_kind_name(scattered.at(0).match)).c_str());
}

TEST(CatalogStore, a_finished_last_word_is_not_a_prefix)
{
    auto store = open_small();
    // "sin" may be the start of "sinh"; "sin " (typed space) is a whole word no name has,
    // so only the typo pass can find "sinh".
    auto unfinished = KIOSK_MUST(store->search("sin"));
    LONGS_EQUAL(3, static_cast<long>(unfinished.size()));
    STRCMP_EQUAL("name_phrase", std::string(match_kind_name(unfinished[0].match)).c_str());
    auto finished = KIOSK_MUST(store->search("sin "));
    CHECK_FALSE(finished.empty());
    for (auto const& hit : finished)
        STRCMP_EQUAL("typo", std::string(match_kind_name(hit.match)).c_str());
}

TEST(CatalogStore, diacritics_case_and_d_stroke_do_not_matter)
{
    auto store = open_small();
    auto plain = codes(KIOSK_MUST(store->search("chung thuc")));
    auto marked = codes(KIOSK_MUST(store->search("CHỨNG THỰC")));
    auto decomposed = codes(KIOSK_MUST(store->search("chu\xcc\x81ng thu\xcc\x9b\xcc\xa3" "c"))); // NFD
    CHECK_TRUE(plain == marked);
    CHECK_TRUE(plain == decomposed);
    LONGS_EQUAL(2, static_cast<long>(plain.size()));
    STRCMP_EQUAL("1.000001", KIOSK_MUST(store->search("ĐĂNG KÝ KHAI SINH")).front().code.c_str());
}

TEST(CatalogStore, one_typo_is_forgiven_only_when_nothing_matches)
{
    auto store = open_small();
    auto hits = KIOSK_MUST(store->search("chung thucc"));
    CHECK_FALSE(hits.empty());
    STRCMP_EQUAL("typo", std::string(match_kind_name(hits.front().match)).c_str());
    CHECK_TRUE(contains(codes(hits), "1.000005"));
    // Swapped letters and a typo in an unfinished word.
    CHECK_TRUE(contains(codes(KIOSK_MUST(store->search("kahi tu"))), "1.000004"));
    CHECK_TRUE(contains(codes(KIOSK_MUST(store->search("trich lcu"))), "1.000003"));
    // Two typos in one word are not forgiven.
    LONGS_EQUAL(0, static_cast<long>(KIOSK_MUST(store->search("chxng thxcc")).size()));
}

TEST(CatalogStore, filters_narrow_by_life_event_field_and_level)
{
    auto store = open_small();
    SearchOptions birth;
    birth.filters.life_event = "birth";
    auto found = codes(KIOSK_MUST(store->search("dang ky", birth)));
    LONGS_EQUAL(2, static_cast<long>(found.size()));
    CHECK_FALSE(contains(found, "1.000004"));

    SearchOptions province;
    province.filters.level = Level::province;
    found = codes(KIOSK_MUST(store->search("chung thuc", province)));
    LONGS_EQUAL(1, static_cast<long>(found.size()));
    STRCMP_EQUAL("1.000006", found[0].c_str());

    SearchOptions field;
    field.filters.field = "chung-thuc";
    field.filters.life_event = "birth";
    LONGS_EQUAL(0, static_cast<long>(KIOSK_MUST(store->search("", field)).size()));

    // An empty query lists the most popular procedures passing the filters.
    SearchOptions civil;
    civil.filters.field = "ho-tich";
    civil.limit = 2;
    found = codes(KIOSK_MUST(store->search("", civil)));
    LONGS_EQUAL(2, static_cast<long>(found.size()));
    STRCMP_EQUAL("1.000002", found[0].c_str());
    STRCMP_EQUAL("1.000003", found[1].c_str());
}

TEST(CatalogStore, browse_counts_life_events_and_fields)
{
    auto store = open_small();
    auto events = KIOSK_MUST(store->life_events());
    LONGS_EQUAL(2, static_cast<long>(events.size()));
    STRCMP_EQUAL("birth", events[0].id.c_str());
    LONGS_EQUAL(3, static_cast<long>(events[0].procedures));
    LONGS_EQUAL(1, static_cast<long>(events[1].procedures));
    auto fields = KIOSK_MUST(store->fields());
    LONGS_EQUAL(4, static_cast<long>(fields[0].procedures));
    LONGS_EQUAL(2, static_cast<long>(fields[1].procedures));
}

TEST(CatalogStore, find_returns_the_whole_record_or_nothing)
{
    auto catalog = small_catalog("v1");
    catalog.procedures[0].documents.push_back({ "Tờ khai đăng ký khai sinh", 1, 0, "Mẫu TK", "" });
    catalog.procedures[0].channels.push_back({ ChannelKind::online, 0.5, "ngay trong ngày", 0, "Miễn lệ phí" });
    catalog.procedures[0].online_level = OnlineLevel::full;
    KIOSK_MUST(import_catalog(catalog, db));
    auto store = KIOSK_MUST(CatalogStore::open(db));
    auto found = KIOSK_MUST(store->find("1.000001"));
    CHECK_TRUE(found.has_value());
    STRCMP_EQUAL("Đăng ký khai sinh", found->name.c_str());
    LONGS_EQUAL(1, static_cast<long>(found->documents.size()));
    STRCMP_EQUAL("Mẫu TK", found->documents[0].form.c_str());
    LONGS_EQUAL(2, static_cast<long>(found->channels.size()));
    DOUBLES_EQUAL(0.5, found->channels[1].processing_days, 1e-9);
    CHECK_TRUE(found->online_level == OnlineLevel::full);
    CHECK_FALSE(KIOSK_MUST(store->find("9.999999")).has_value());
}

TEST(CatalogStore, stats_report_version_and_counts)
{
    auto store = open_small();
    auto stats = KIOSK_MUST(store->stats());
    LONGS_EQUAL(6, static_cast<long>(stats.procedures));
    LONGS_EQUAL(2, static_cast<long>(stats.fields));
    LONGS_EQUAL(2, static_cast<long>(stats.life_events));
    STRCMP_EQUAL("v1", stats.version.c_str());
    STRCMP_EQUAL("2025-07-01", stats.published.c_str());
    CHECK_TRUE(stats.sample);
    CHECK_TRUE(stats.file_bytes > 0);
}

TEST(CatalogStore, missing_and_foreign_files_are_refused)
{
    auto missing = CatalogStore::open(dir.path() / "nope.sqlite");
    CHECK_FALSE(missing.has_value());
    CHECK_TRUE(missing.error().code == kiosk::Errc::not_found);
    auto text = dir.write("text.sqlite", "this is not a database at all, just text padded out to a page.......");
    auto foreign = CatalogStore::open(text);
    CHECK_FALSE(foreign.has_value());
    CHECK_TRUE(foreign.error().code == kiosk::Errc::malformed);
}

TEST(CatalogStore, an_import_that_fails_midway_leaves_the_live_catalog_intact)
{
    KIOSK_MUST(import_catalog(small_catalog("v1"), db));
    auto before = std::filesystem::file_size(db);
    auto next = sample();
    next.version = "v2";
    // Fail deterministically after 40 procedures have been written to the new version.
    auto result = import_catalog(next, db, [](std::size_t written) -> kiosk::Result<void> {
        if (written == 40)
            return kiosk::fail(kiosk::Errc::cancelled, "injected failure");
        return {};
    });
    CHECK_FALSE(result.has_value());
    STRCMP_CONTAINS("injected failure", result.error().message().c_str());
    auto store = KIOSK_MUST(CatalogStore::open(db));
    auto stats = KIOSK_MUST(store->stats());
    STRCMP_EQUAL("v1", stats.version.c_str());
    LONGS_EQUAL(6, static_cast<long>(stats.procedures));
    LONGS_EQUAL(static_cast<long>(before), static_cast<long>(std::filesystem::file_size(db)));
    // No half-built file is left beside it.
    LONGS_EQUAL(1, static_cast<long>(std::distance(
                       std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator())));
}

TEST(CatalogStore, a_crashed_import_leftover_is_ignored_and_cleaned_by_the_next_import)
{
    KIOSK_MUST(import_catalog(small_catalog("v1"), db));
    // What a killed import leaves behind: a half-written file beside the live one.
    auto leftover = dir.write(".catalog.sqlite.import-99999", "SQLite format 3\0 half written");
    auto store = KIOSK_MUST(CatalogStore::open(db));
    STRCMP_EQUAL("v1", KIOSK_MUST(store->stats()).version.c_str());
    KIOSK_MUST(import_catalog(small_catalog("v2"), db));
    CHECK_FALSE(std::filesystem::exists(leftover));
}

TEST(CatalogStore, an_open_store_keeps_its_version_while_a_new_one_is_swapped_in)
{
    auto old_store = open_small();
    KIOSK_MUST(import_catalog(sample(), db));
    // The old reader still answers from the version it opened; a new one sees the new file.
    LONGS_EQUAL(6, static_cast<long>(KIOSK_MUST(old_store->stats()).procedures));
    CHECK_FALSE(KIOSK_MUST(old_store->search("dang ky khai sinh")).empty());
    auto new_store = KIOSK_MUST(CatalogStore::open(db));
    LONGS_EQUAL(static_cast<long>(sample().procedures.size()), static_cast<long>(KIOSK_MUST(new_store->stats()).procedures));
}

// The real sample catalog, searched the way citizens type.
TEST_GROUP(SampleCatalogSearch)
{
    kiosk::test::TempDir dir;
    std::unique_ptr<CatalogStore> store;

    void setup() override
    {
        auto db = dir.path() / "catalog.sqlite";
        KIOSK_MUST(import_catalog(sample(), db));
        store = KIOSK_MUST(CatalogStore::open(db));
    }
    void teardown() override { store.reset(); }
};

TEST(SampleCatalogSearch, has_at_least_120_procedures_and_is_marked_sample)
{
    CHECK_TRUE(sample().procedures.size() >= 120);
    CHECK_TRUE(sample().sample);
}

TEST(SampleCatalogSearch, typical_queries_find_the_procedure_citizens_mean)
{
    STRCMP_EQUAL("Đăng ký khai sinh", first_name(*store, "dang ky khai sinh").c_str());
    STRCMP_EQUAL("Đăng ký khai sinh", first_name(*store, "Đăng ký khai sinh").c_str());
    STRCMP_EQUAL("Đăng ký thường trú", first_name(*store, "dang ky thuong tru").c_str());
    STRCMP_EQUAL("Đăng ký thành lập hộ kinh doanh", first_name(*store, "ho kinh doanh").c_str());
    STRCMP_EQUAL("Đăng ký kết hôn", first_name(*store, "dang ky ket hon").c_str());
    STRCMP_EQUAL("Đăng ký khai tử", first_name(*store, "khai tu").c_str());
}

TEST(SampleCatalogSearch, unfinished_words_are_prefixes)
{
    auto found = codes(KIOSK_MUST(store->search("khai sin")));
    CHECK_TRUE(contains(found, "1.001193"));
    STRCMP_EQUAL("1.001193", KIOSK_MUST(store->search("dang ky khai s")).front().code.c_str());
}

TEST(SampleCatalogSearch, chung_thuc_lists_certification_procedures_first)
{
    auto hits = KIOSK_MUST(store->search("chứng thực", { 5, {} }));
    LONGS_EQUAL(5, static_cast<long>(hits.size()));
    for (auto const& hit : hits)
        STRCMP_CONTAINS("Chứng thực", hit.name.c_str());
    STRCMP_EQUAL("2.000908", hits.front().code.c_str());
}

TEST(SampleCatalogSearch, thuong_tru_finds_residence_registration)
{
    auto found = codes(KIOSK_MUST(store->search("thuong tru")));
    CHECK_TRUE(found.size() >= 2);
    STRCMP_EQUAL("Đăng ký thường trú", first_name(*store, "thuong tru").c_str());
}

TEST(SampleCatalogSearch, keywords_citizens_use_find_the_procedure)
{
    STRCMP_EQUAL("Đăng ký thường trú", first_name(*store, "nhap ho khau").c_str());
    STRCMP_CONTAINS("quyền sử dụng đất", first_name(*store, "so do").c_str());
    STRCMP_CONTAINS("người cao tuổi", first_name(*store, "tro cap nguoi gia").c_str());
}

TEST(SampleCatalogSearch, typos_in_real_queries)
{
    STRCMP_EQUAL("Đăng ký khai sinh", first_name(*store, "dang ky khai snh").c_str());
    STRCMP_CONTAINS("thường trú", first_name(*store, "thuogn tru").c_str());
    STRCMP_CONTAINS("hộ kinh doanh", first_name(*store, "ho kinh doanhh").c_str());
}

TEST(SampleCatalogSearch, filters_and_browse_on_the_sample)
{
    SearchOptions death;
    death.filters.life_event = "death";
    death.limit = 50;
    for (auto const& hit : KIOSK_MUST(store->search("dang ky", death)))
        CHECK_FALSE(KIOSK_MUST(store->find(hit.code))->life_events.empty());
    std::int64_t total = 0;
    for (auto const& field : KIOSK_MUST(store->fields()))
        total += field.procedures;
    LONGS_EQUAL(static_cast<long>(sample().procedures.size()), static_cast<long>(total));
}

// Why the catalog indexes a folded column instead of relying on FTS5's own folding: the
// two facts from the design notes, measured against the SQLite this build links.
TEST_GROUP(Fts5Unicode61Folding)
{
    sqlite3* db = nullptr;
    void setup() override { CHECK_EQUAL(SQLITE_OK, sqlite3_open(":memory:", &db)); }
    void teardown() override { sqlite3_close(db); }

    long matches(char const* remove_diacritics, char const* text, char const* query) const
    {
        std::string const create = std::string("DROP TABLE IF EXISTS t; CREATE VIRTUAL TABLE t USING fts5(a, "
                                               "tokenize='unicode61 remove_diacritics ")
            + remove_diacritics + "');";
        CHECK_EQUAL(SQLITE_OK, sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr));
        sqlite3_stmt* insert = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO t(a) VALUES (?1)", -1, &insert, nullptr);
        sqlite3_bind_text(insert, 1, text, -1, SQLITE_STATIC);
        CHECK_EQUAL(SQLITE_DONE, sqlite3_step(insert));
        sqlite3_finalize(insert);
        sqlite3_stmt* select = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &select, nullptr);
        sqlite3_bind_text(select, 1, query, -1, SQLITE_STATIC);
        CHECK_EQUAL(SQLITE_ROW, sqlite3_step(select));
        long const count = sqlite3_column_int(select, 0);
        sqlite3_finalize(select);
        return count;
    }
};

TEST(Fts5Unicode61Folding, unicode61_never_folds_d_stroke)
{
    LONGS_EQUAL(0, matches("1", "Đăng ký", "dang"));
    LONGS_EQUAL(0, matches("2", "Đăng ký", "dang"));
    LONGS_EQUAL(1, matches("2", fold_for_search("Đăng ký").c_str(), "dang"));
}

TEST(Fts5Unicode61Folding, remove_diacritics_1_misses_letters_with_two_marks)
{
    // One mark is folded, two (vowel mark + tone) are not.
    LONGS_EQUAL(1, matches("1", "khai sinh có", "co"));
    LONGS_EQUAL(0, matches("1", "nghệ thuật", "nghe"));
    LONGS_EQUAL(0, matches("1", "thường trú", "thuong"));
    LONGS_EQUAL(0, matches("1", "chứng thực", "chung"));
    LONGS_EQUAL(1, matches("1", fold_for_search("thường trú").c_str(), "thuong"));
}
