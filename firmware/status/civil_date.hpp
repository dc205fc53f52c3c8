// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::status {

/// A calendar day (no time, no zone): days since 1970-01-01. Due dates, receipt dates and
/// holidays are days in Viet Nam's local calendar; arithmetic is plain day counting.
using Date = std::chrono::sys_days;

/// Parses "YYYY-MM-DD" (exactly that shape, a real calendar day), else std::nullopt.
std::optional<Date> parse_iso_date(std::string_view text) noexcept;

/// "YYYY-MM-DD".
std::string iso_date(Date date);

/// Day @p count days after @p date (negative: before).
inline Date add_days(Date date, int count) noexcept { return date + std::chrono::days(count); }

/// Whether @p date is a Saturday or a Sunday.
bool is_weekend(Date date) noexcept;

/// Today in Viet Nam (UTC+7, no daylight saving) for the wall-clock time @p now.
Date vietnam_day(std::chrono::system_clock::time_point now) noexcept;

/// Builds a date from year, month (1-12) and day; std::nullopt if it is not a real day.
std::optional<Date> make_date(int year, int month, int day) noexcept;

} // namespace kiosk::status
