// SPDX-License-Identifier: MIT
#include "gateway/sqlite_dossier_store.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <fstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::gateway::Heartbeat;
using kiosk::gateway::SqliteDossierStore;
using kiosk::status::Dossier;
using kiosk::status::DossierState;
using kiosk::status::parse_iso_date;

namespace {

Dossier dossier(std::string code, std::string owner, char const* received)
{
    Dossier d;
    d.code = std::move(code);
    d.procedure_code = "1.001193";
    d.received = *parse_iso_date(received);
    d.owner_id = std::move(owner);
    d.owner_name = "Lê Thị Hoa";
    return d;
}

} // namespace

TEST_GROUP(SqliteDossierStore)
{
    kiosk::test::TempDir dir;
};

TEST(SqliteDossierStore, put_find_and_replace_survive_reopening)
{
    {
        auto store = KIOSK_MUST(SqliteDossierStore::open(dir.path() / "g.db"));
        std::vector<Dossier> batch { dossier("H29.01-0001", "038187004512", "2025-01-15"),
            dossier("H29.01-0002", "", "2025-01-16") };
        KIOSK_MUST(store->put(batch));
        batch[0].state = DossierState::returned;
        KIOSK_MUST(store->put(std::vector<Dossier> { batch[0] }));
        LONGS_EQUAL(2, static_cast<long>(KIOSK_MUST(store->count())));
    }
    auto store = KIOSK_MUST(SqliteDossierStore::open(dir.path() / "g.db"));
    auto found = KIOSK_MUST(store->find("H29.01-0001"));
    CHECK_TRUE(found.has_value());
    CHECK_TRUE(found->state == DossierState::returned);
    STRCMP_EQUAL("Lê Thị Hoa", found->owner_name.c_str());
    CHECK_FALSE(KIOSK_MUST(store->find("H29.01-9999")).has_value());
}

TEST(SqliteDossierStore, owned_by_lists_newest_first)
{
    auto store = KIOSK_MUST(SqliteDossierStore::open(dir.path() / "g.db"));
    std::vector<Dossier> batch { dossier("H29.01-0001", "038187004512", "2025-01-15"),
        dossier("H29.01-0002", "038187004512", "2025-03-01"), dossier("H29.01-0003", "001045001234", "2025-02-01"),
        dossier("H29.01-0004", "", "2025-02-01") };
    KIOSK_MUST(store->put(batch));
    auto owned = KIOSK_MUST(store->owned_by("038187004512"));
    LONGS_EQUAL(2, static_cast<long>(owned.size()));
    STRCMP_EQUAL("H29.01-0002", owned[0].code.c_str());
    CHECK_TRUE(KIOSK_MUST(store->owned_by("")).empty());
}

TEST(SqliteDossierStore, heartbeats_keep_the_latest_per_source)
{
    auto store = KIOSK_MUST(SqliteDossierStore::open(dir.path() / "g.db"));
    KIOSK_MUST(store->record_heartbeat(Heartbeat { "kiosk-1", "kiosk", "0.1.0", "a", "[]", {} }));
    KIOSK_MUST(store->record_heartbeat(Heartbeat { "kiosk-1", "kiosk", "0.2.0", "b", "[]", {} }));
    KIOSK_MUST(store->record_heartbeat(Heartbeat { "kiosk-1", "updater", "0.2.0", "b", "[]", {} }));
    auto beat = KIOSK_MUST(store->last_heartbeat("kiosk-1", "kiosk"));
    STRCMP_EQUAL("0.2.0", beat->version.c_str());
    CHECK_FALSE(KIOSK_MUST(store->last_heartbeat("kiosk-2", "kiosk")).has_value());
}

TEST(SqliteDossierStore, heartbeats_keep_the_update_agents_last_result)
{
    auto store = KIOSK_MUST(SqliteDossierStore::open(dir.path() / "g.db"));
    Heartbeat beat { "kiosk-1", "updater", "1.6.0", "b", "[]", {} };
    beat.last_result = "installed 1.6.0";
    beat.last_check = "up_to_date";
    KIOSK_MUST(store->record_heartbeat(beat));
    auto stored = KIOSK_MUST(store->last_heartbeat("kiosk-1", "updater"));
    STRCMP_EQUAL("installed 1.6.0", stored->last_result.c_str());
    STRCMP_EQUAL("up_to_date", stored->last_check.c_str());
    // A later heartbeat without them (a kiosk's own) stores them empty, not the old text.
    KIOSK_MUST(store->record_heartbeat(Heartbeat { "kiosk-1", "updater", "1.6.0", "b", "[]", {} }));
    STRCMP_EQUAL("", KIOSK_MUST(store->last_heartbeat("kiosk-1", "updater"))->last_result.c_str());
}

TEST(SqliteDossierStore, a_database_from_before_the_last_result_column_gains_it)
{
    // The heartbeat table as the first release made it, with one row, written by the sqlite3 tool.
    auto const file = dir.path() / "old.db";
    auto made = kiosk::test::run_process({ "/usr/bin/sqlite3", file.string(),
        "CREATE TABLE heartbeat (kiosk_id TEXT NOT NULL, source TEXT NOT NULL, version TEXT NOT NULL, "
        "slot TEXT NOT NULL, devices TEXT NOT NULL, received_at INTEGER NOT NULL, PRIMARY KEY (kiosk_id, source)) "
        "WITHOUT ROWID; INSERT INTO heartbeat VALUES ('kiosk-1', 'updater', '1.4.0', 'a', '[]', 0);" });
    LONGS_EQUAL_TEXT(0, made.exit_code, made.err.c_str());
    auto store = KIOSK_MUST(SqliteDossierStore::open(file));
    auto old = KIOSK_MUST(store->last_heartbeat("kiosk-1", "updater"));
    STRCMP_EQUAL("1.4.0", old->version.c_str());
    STRCMP_EQUAL("", old->last_result.c_str());
    Heartbeat beat { "kiosk-1", "updater", "1.6.0", "b", "[]", {} };
    beat.last_result = "on_trial 1.6.0";
    KIOSK_MUST(store->record_heartbeat(beat));
    STRCMP_EQUAL("on_trial 1.6.0", KIOSK_MUST(store->last_heartbeat("kiosk-1", "updater"))->last_result.c_str());
}

TEST(SqliteDossierStore, a_file_that_is_not_a_database_is_refused)
{
    std::ofstream(dir.path() / "junk.db") << std::string(4096, 'x');
    auto store = SqliteDossierStore::open(dir.path() / "junk.db");
    CHECK_FALSE(store.has_value());
    CHECK_TRUE(store.error().code() == kiosk::Errc::io);
    CHECK_FALSE(SqliteDossierStore::open("/nonexistent/dir/g.db").has_value());
}
