// SPDX-License-Identifier: MIT
#pragma once

#include "status/civil_date.hpp"
#include "status/holiday_calendar.hpp"

#include <optional>
#include <span>

namespace kiosk::status {

/// A stretch during which the processing clock stands still: the agency asked the citizen
/// for a supplement on @p from; the supplement arrived on @p to (std::nullopt: still awaited).
/// Working days after `from` up to and including `to` do not count: the day of the request
/// counts as worked, the day the supplement arrives starts the clock again like a new receipt.
struct Pause {
    Date from;
    std::optional<Date> to;
};

/// The due date of a dossier received on @p received with a processing time of
/// @p working_days: the working day on which the @p working_days-th working day after the
/// receipt day falls, not counting paused days. The receipt day itself never counts.
/// @return std::nullopt while a pause is open (the due date is unknown until the supplement
///         arrives); @p received itself when @p working_days <= 0.
std::optional<Date> due_date(
    HolidayCalendar const& calendar, Date received, int working_days, std::span<Pause const> pauses = {});

/// Working days strictly after @p from up to and including @p to (0 when to <= from).
int working_days_between(HolidayCalendar const& calendar, Date from, Date to);

/// @p due pushed back by the working days paused after it was set: for an imported due date
/// (NgayHenTra) that does not yet include a later supplement pause.
std::optional<Date> extend_for_pauses(HolidayCalendar const& calendar, Date due, std::span<Pause const> pauses);

} // namespace kiosk::status
