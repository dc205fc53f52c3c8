// SPDX-License-Identifier: MIT
#include "status/working_days.hpp"

namespace kiosk::status {

namespace {

// Processing times in Vietnamese procedures are at most a few months; this bound only
// stops a nonsense input (a million working days) from looping for long.
constexpr int MAX_WORKING_DAYS = 3660;

bool paused_on(Date day, std::span<Pause const> pauses) noexcept
{
    for (auto const& pause : pauses) {
        if (day > pause.from && (!pause.to || day <= *pause.to))
            return true;
    }
    return false;
}

} // namespace

std::optional<Date> due_date(HolidayCalendar const& calendar, Date received, int working_days, std::span<Pause const> pauses)
{
    for (auto const& pause : pauses) {
        if (!pause.to)
            return std::nullopt;
    }
    if (working_days <= 0)
        return received;
    if (working_days > MAX_WORKING_DAYS)
        working_days = MAX_WORKING_DAYS;
    Date day = received;
    int counted = 0;
    while (counted < working_days) {
        day = add_days(day, 1);
        if (calendar.is_working_day(day) && !paused_on(day, pauses))
            ++counted;
    }
    return day;
}

int working_days_between(HolidayCalendar const& calendar, Date from, Date to)
{
    int count = 0;
    for (Date day = add_days(from, 1); day <= to; day = add_days(day, 1)) {
        if (calendar.is_working_day(day))
            ++count;
    }
    return count;
}

std::optional<Date> extend_for_pauses(HolidayCalendar const& calendar, Date due, std::span<Pause const> pauses)
{
    int extra = 0;
    for (auto const& pause : pauses) {
        if (!pause.to)
            return std::nullopt;
        extra += working_days_between(calendar, pause.from, *pause.to);
    }
    Date day = due;
    while (extra > 0) {
        day = add_days(day, 1);
        if (calendar.is_working_day(day))
            --extra;
    }
    return day;
}

} // namespace kiosk::status
