// SPDX-License-Identifier: MIT
#include "status/holiday_calendar.hpp"

#include "support/process.hpp"

#include <string>
#include <string_view>

#include <CppUTest/TestHarness.h>

using kiosk::status::CalendarError;
using kiosk::status::Date;
using kiosk::status::DayOffKind;
using kiosk::status::HolidayCalendar;
using kiosk::status::parse_iso_date;

namespace {

// The built-in calendar is built once, on first use, and lives until exit: build it before
// CppUTest starts counting allocations per test.
[[maybe_unused]] HolidayCalendar const& BUILT_IN = HolidayCalendar::vietnam();

Date day(char const* iso) { return *parse_iso_date(iso); }

std::string const HEADER = "[calendar]\nfirst_year = 2025\nlast_year = 2026\n";

CalendarError parse_error(std::string const& text)
{
    auto parsed = HolidayCalendar::parse(text, "test.toml");
    if (parsed.has_value())
        FAIL(("expected an error for:\n" + text).c_str());
    return parsed.error();
}

} // namespace

TEST_GROUP(HolidayCalendar) {};

TEST(HolidayCalendar, shipped_file_parses_and_covers_2025_to_2027)
{
    auto calendar = HolidayCalendar::load(kiosk::test::source_path("firmware/status/data/holidays-vn.toml"));
    if (!calendar)
        FAIL(calendar.error().message().c_str());
    LONGS_EQUAL(2025, calendar->first_year());
    LONGS_EQUAL(2027, calendar->last_year());
    CHECK_TRUE(calendar->covers(day("2027-12-31")));
    CHECK_FALSE(calendar->covers(day("2028-01-02")));
    // The compiled-in copy is the same file.
    LONGS_EQUAL(calendar->day_off_count(), HolidayCalendar::vietnam().day_off_count());
}

TEST(HolidayCalendar, tet_2025_is_nine_days_off)
{
    auto const& calendar = HolidayCalendar::vietnam();
    CHECK_TRUE(calendar.is_working_day(day("2025-01-24")));  // Friday before
    for (Date d = day("2025-01-25"); d <= day("2025-02-02"); d += std::chrono::days(1))
        CHECK_FALSE(calendar.is_working_day(d));
    CHECK_TRUE(calendar.is_working_day(day("2025-02-03")));
    STRCMP_EQUAL("Tết Nguyên đán", std::string(*calendar.day_name(day("2025-01-29"))).c_str());
}

TEST(HolidayCalendar, national_holidays_and_compensatory_days)
{
    auto const& calendar = HolidayCalendar::vietnam();
    CHECK_FALSE(calendar.is_working_day(day("2025-01-01")));
    CHECK_FALSE(calendar.is_working_day(day("2025-04-07"))); // Giỗ Tổ
    CHECK_FALSE(calendar.is_working_day(day("2025-09-02")));
    CHECK_FALSE(calendar.is_working_day(day("2026-04-27"))); // nghỉ bù: Giỗ Tổ on a Sunday
    CHECK_TRUE(calendar.day_off_kind(day("2026-04-27")) == DayOffKind::compensatory);
    CHECK_FALSE(calendar.is_working_day(day("2026-02-17"))); // mùng 1 Tết Bính Ngọ
}

TEST(HolidayCalendar, swapped_day_off_and_make_up_saturday)
{
    auto const& calendar = HolidayCalendar::vietnam();
    CHECK_FALSE(calendar.is_working_day(day("2025-05-02")));
    CHECK_TRUE(calendar.day_off_kind(day("2025-05-02")) == DayOffKind::swapped);
    CHECK_TRUE(calendar.is_working_day(day("2025-04-26"))); // Saturday worked instead
    CHECK_FALSE(calendar.is_working_day(day("2025-04-27"))); // an ordinary Sunday
}

TEST(HolidayCalendar, empty_calendar_knows_only_weekends)
{
    HolidayCalendar calendar;
    CHECK_TRUE(calendar.is_working_day(day("2025-01-29")));
    CHECK_FALSE(calendar.is_working_day(day("2025-02-01")));
    CHECK_FALSE(calendar.covers(day("2025-01-29")));
}

TEST(HolidayCalendar, syntax_error_names_the_line)
{
    auto error = parse_error(HEADER + "[[day_off]]\ndate = 2025-01-01\nname = \"x\n");
    LONGS_EQUAL(6, error.line);
    CHECK_TRUE(error.message().find("test.toml:6: not valid TOML") == 0);
}

TEST(HolidayCalendar, missing_calendar_table)
{
    auto error = parse_error("[[day_off]]\ndate = 2025-01-01\nname = \"x\"\n");
    STRCMP_EQUAL("calendar", error.key.c_str());
}

TEST(HolidayCalendar, unknown_table_and_key)
{
    STRCMP_EQUAL("holiday", parse_error(HEADER + "[[holiday]]\ndate = 2025-01-01\n").key.c_str());
    auto error = parse_error(HEADER + "[[day_off]]\ndate = 2025-01-01\nname = \"x\"\ncolour = \"red\"\n");
    STRCMP_EQUAL("day_off.colour", error.key.c_str());
    LONGS_EQUAL(7, error.line);
}

TEST(HolidayCalendar, quoted_date_is_refused)
{
    auto error = parse_error(HEADER + "[[day_off]]\ndate = \"2025-01-01\"\nname = \"x\"\n");
    STRCMP_EQUAL("day_off.date", error.key.c_str());
    CHECK_TRUE(error.what.find("YYYY-MM-DD") != std::string::npos);
}

TEST(HolidayCalendar, reversed_and_overlong_ranges_are_refused)
{
    auto reversed = parse_error(HEADER + "[[day_off]]\nfrom = 2025-02-02\nto = 2025-01-25\nname = \"Tết\"\n");
    STRCMP_EQUAL("day_off.to", reversed.key.c_str());
    STRCMP_EQUAL("before `from`", reversed.what.c_str());
    auto long_range = parse_error(HEADER + "[[day_off]]\nfrom = 2025-01-01\nto = 2025-03-01\nname = \"x\"\n");
    STRCMP_EQUAL("a range may span at most 31 days", long_range.what.c_str());
}

TEST(HolidayCalendar, date_and_range_together_are_refused)
{
    auto error = parse_error(HEADER + "[[day_off]]\ndate = 2025-01-01\nfrom = 2025-01-01\nto = 2025-01-02\nname = \"x\"\n");
    STRCMP_EQUAL("give either `date` or both `from` and `to`", error.what.c_str());
}

TEST(HolidayCalendar, day_listed_twice_is_refused)
{
    auto error = parse_error(HEADER
        + "[[day_off]]\nfrom = 2025-01-25\nto = 2025-02-02\nname = \"Tết\"\n"
          "[[day_off]]\ndate = 2025-01-29\nname = \"again\"\n");
    STRCMP_EQUAL("2025-01-29 is listed twice", error.what.c_str());
}

TEST(HolidayCalendar, make_up_day_must_be_a_weekend)
{
    auto error = parse_error(HEADER + "[[working_day]]\ndate = 2025-04-25\nname = \"x\"\n");
    STRCMP_EQUAL("working_day.date", error.key.c_str());
}

TEST(HolidayCalendar, entry_outside_the_years_is_refused)
{
    auto error = parse_error(HEADER + "[[day_off]]\ndate = 2029-01-01\nname = \"x\"\n");
    CHECK_TRUE(error.what.find("outside the calendar's years 2025..2026") != std::string::npos);
}

TEST(HolidayCalendar, missing_name_and_bad_kind_are_refused)
{
    STRCMP_EQUAL("day_off.name", parse_error(HEADER + "[[day_off]]\ndate = 2025-01-01\n").key.c_str());
    auto error = parse_error(HEADER + "[[day_off]]\ndate = 2025-01-01\nname = \"x\"\nkind = \"party\"\n");
    STRCMP_EQUAL("day_off.kind", error.key.c_str());
}

TEST(HolidayCalendar, unreadable_file)
{
    auto loaded = HolidayCalendar::load("/nonexistent/holidays.toml");
    CHECK_FALSE(loaded.has_value());
    CHECK_TRUE(loaded.error().message().find("/nonexistent/holidays.toml: cannot read") == 0);
}
