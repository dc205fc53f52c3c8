// SPDX-License-Identifier: MIT
#pragma once

#include "status/civil_date.hpp"

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::status {

/// Where and why a holiday file is broken: "holidays-vn.toml:12: day_off.to: before `from`".
struct CalendarError {
    std::string file;
    int line = 0; ///< 0 when the problem is not at one line (file unreadable)
    std::string key;
    std::string what;

    [[nodiscard]] std::string message() const;
};

/// Why a day is not an ordinary working day.
enum class DayOffKind {
    holiday,      ///< a public holiday (Tết, Quốc khánh, ...)
    compensatory, ///< nghỉ bù: a holiday fell on a weekend
    swapped,      ///< nghỉ hoán đổi: a working day given off, worked on a weekend instead
};

/// Which days are working days: Monday to Friday, except listed days off, plus listed
/// weekend days worked to make up for a swapped day. Loaded from a TOML file (see
/// firmware/status/data/holidays-vn.toml for the format). Immutable; thread-safe to read.
class HolidayCalendar {
public:
    /// Saturdays and Sundays off, nothing else; covers no year.
    HolidayCalendar() = default;

    /// Parses holiday-file text; @p file_name is used in error messages only.
    /// @return the calendar, or the first problem (syntax, unknown key, bad date, range
    ///         reversed or longer than 31 days, a day listed twice, a make-up day that is not
    ///         a weekend, an entry outside [calendar] first_year..last_year).
    static Expected<HolidayCalendar, CalendarError> parse(std::string_view text, std::string_view file_name);

    /// Reads and parses @p file (at most 1 MiB).
    static Expected<HolidayCalendar, CalendarError> load(std::filesystem::path const& file);

    /// The calendar shipped with the firmware (firmware/status/data/holidays-vn.toml),
    /// compiled in so a kiosk without the data file still counts Tết correctly.
    static HolidayCalendar const& vietnam();

    /// Whether public offices work on @p date.
    [[nodiscard]] bool is_working_day(Date date) const noexcept;

    /// The name of the holiday on @p date, if it is a listed day off or make-up day.
    [[nodiscard]] std::optional<std::string_view> day_name(Date date) const noexcept;

    /// The kind of listed day off on @p date, if any.
    [[nodiscard]] std::optional<DayOffKind> day_off_kind(Date date) const noexcept;

    /// Whether @p date lies in a year the file covers (outside, only weekends are known).
    [[nodiscard]] bool covers(Date date) const noexcept;

    [[nodiscard]] int first_year() const noexcept { return m_first_year; }
    [[nodiscard]] int last_year() const noexcept { return m_last_year; }
    [[nodiscard]] std::size_t day_off_count() const noexcept { return m_days_off.size(); }

private:
    struct DayOff {
        std::string name;
        DayOffKind kind = DayOffKind::holiday;
    };

    int m_first_year = 0;
    int m_last_year = -1;
    std::map<Date, DayOff> m_days_off;
    std::map<Date, std::string> m_working_days;
};

} // namespace kiosk::status
