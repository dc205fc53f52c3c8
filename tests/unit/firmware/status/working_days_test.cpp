// SPDX-License-Identifier: MIT
#include "status/working_days.hpp"

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::status::Date;
using kiosk::status::due_date;
using kiosk::status::extend_for_pauses;
using kiosk::status::HolidayCalendar;
using kiosk::status::iso_date;
using kiosk::status::parse_iso_date;
using kiosk::status::Pause;
using kiosk::status::working_days_between;

namespace {

// The built-in calendar is built once, on first use, and lives until exit: build it before
// CppUTest starts counting allocations per test.
[[maybe_unused]] HolidayCalendar const& BUILT_IN = HolidayCalendar::vietnam();

Date day(char const* iso) { return *parse_iso_date(iso); }

std::string due(char const* received, int days, std::vector<Pause> const& pauses = {})
{
    auto result = due_date(HolidayCalendar::vietnam(), day(received), days, pauses);
    return result ? iso_date(*result) : std::string("paused");
}

} // namespace

TEST_GROUP(WorkingDays) {};

TEST(WorkingDays, ordinary_week_skips_the_weekend)
{
    STRCMP_EQUAL("2025-03-12", due("2025-03-05", 5).c_str()); // Wed + 5 -> next Wed
    STRCMP_EQUAL("2025-03-10", due("2025-03-07", 1).c_str()); // Fri + 1 -> Mon
    STRCMP_EQUAL("2025-03-07", due("2025-03-07", 0).c_str());
}

TEST(WorkingDays, due_date_jumps_over_tet)
{
    // Jan 23, 24 count; Jan 25 - Feb 2 is Tết; Feb 3, 4, 5.
    STRCMP_EQUAL("2025-02-05", due("2025-01-22", 5).c_str());
    STRCMP_EQUAL("2026-02-26", due("2026-02-12", 5).c_str()); // Feb 13, then Tết Bính Ngọ, Feb 23-26
}

TEST(WorkingDays, pause_across_tet_pushes_the_due_date)
{
    STRCMP_EQUAL("2025-02-05", due("2025-01-15", 10).c_str());
    // Supplement asked Tue Jan 21 (counts: 4th day), brought Tue Feb 4: the clock restarts
    // on Feb 5, six more working days.
    std::vector<Pause> pauses { Pause { day("2025-01-21"), day("2025-02-04") } };
    STRCMP_EQUAL("2025-02-12", due("2025-01-15", 10, pauses).c_str());
}

TEST(WorkingDays, open_pause_has_no_due_date)
{
    std::vector<Pause> pauses { Pause { day("2025-01-21"), std::nullopt } };
    STRCMP_EQUAL("paused", due("2025-01-15", 10, pauses).c_str());
    CHECK_FALSE(extend_for_pauses(HolidayCalendar::vietnam(), day("2025-02-05"), pauses).has_value());
}

TEST(WorkingDays, make_up_saturday_counts_and_swapped_friday_does_not)
{
    STRCMP_EQUAL("2025-04-28", due("2025-04-24", 3).c_str()); // Apr 25, Sat Apr 26, Mon Apr 28
    STRCMP_EQUAL("2025-05-05", due("2025-04-28", 2).c_str()); // Apr 29, then 30/4 - 4/5 off
}

TEST(WorkingDays, two_pauses_add_up)
{
    std::vector<Pause> pauses { Pause { day("2025-03-03"), day("2025-03-05") },
        Pause { day("2025-03-10"), day("2025-03-11") } };
    // Without pauses Mar 3 + 10 = Mar 17; pauses take Mar 4, 5 and Mar 11: +3 -> Mar 20.
    STRCMP_EQUAL("2025-03-17", due("2025-03-03", 10).c_str());
    STRCMP_EQUAL("2025-03-20", due("2025-03-03", 10, pauses).c_str());
    auto extended = extend_for_pauses(HolidayCalendar::vietnam(), day("2025-03-17"), pauses);
    STRCMP_EQUAL("2025-03-20", iso_date(*extended).c_str());
}

TEST(WorkingDays, working_days_between_counts_after_the_first_day)
{
    auto const& calendar = HolidayCalendar::vietnam();
    LONGS_EQUAL(0, working_days_between(calendar, day("2025-01-24"), day("2025-02-02")));
    LONGS_EQUAL(1, working_days_between(calendar, day("2025-01-24"), day("2025-02-03")));
    LONGS_EQUAL(0, working_days_between(calendar, day("2025-02-03"), day("2025-02-01")));
}

TEST(WorkingDays, beyond_the_calendar_only_weekends_count)
{
    STRCMP_EQUAL("2028-01-03", due("2027-12-31", 1).c_str());
}
