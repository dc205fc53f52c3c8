// SPDX-License-Identifier: MIT
#include <receipt/print_journal.hpp>

#include <chrono>
#include <fstream>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::receipt::PrintJournal;

TEST_GROUP(PrintJournal)
{
    kiosk::test::TempDir m_dir;
};

TEST(PrintJournal, jobs_come_back_oldest_first_until_removed)
{
    auto const file = m_dir.path() / "journal.sqlite";
    auto const t0 = std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000));
    {
        auto journal = KIOSK_MUST(PrintJournal::open(file));
        auto const first = KIOSK_MUST(journal->add("{\"items\": [1]}", t0));
        auto const second = KIOSK_MUST(journal->add("{\"items\": [2]}", t0 + std::chrono::seconds(5)));
        CHECK_TRUE(second > first);
        KIOSK_CHECK_OK(journal->remove(first));
        KIOSK_CHECK_OK(journal->remove(999)); // unknown: not an error
    }
    auto journal = KIOSK_MUST(PrintJournal::open(file));
    auto const pending = KIOSK_MUST(journal->pending());
    LONGS_EQUAL(1, static_cast<long>(pending.size()));
    STRCMP_EQUAL("{\"items\": [2]}", pending[0].document_json.c_str());
    CHECK_TRUE(t0 + std::chrono::seconds(5) == pending[0].created);
}

TEST(PrintJournal, a_file_that_is_not_a_journal_is_malformed)
{
    auto const file = m_dir.write("journal.sqlite", std::string(4096, 'x'));
    KIOSK_CHECK_ERRC(kiosk::Errc::malformed, PrintJournal::open(file));
}

TEST(PrintJournal, an_unwritable_place_is_an_error)
{
    KIOSK_CHECK_ERRC(kiosk::Errc::permission_denied, PrintJournal::open(m_dir.path() / "missing" / "journal.sqlite"));
}
