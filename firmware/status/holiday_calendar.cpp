// SPDX-License-Identifier: MIT
// The one file of status/ that calls toml++. toml++ reports syntax errors by throwing; they
// are caught here and turned into CalendarError.
#include "status/holiday_calendar.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <toml++/toml.h>

// HOLIDAYS_VN_TOML: data/holidays-vn.toml, copied in at configure time (CMakeLists.txt).
#include "status/holidays_vn_data.inc"

namespace kiosk::status {

namespace {

constexpr int MAX_RANGE_DAYS = 31;
constexpr std::uintmax_t MAX_FILE_BYTES = std::uintmax_t { 1024 } * 1024;

int line_of(toml::node const& node) { return static_cast<int>(node.source().begin.line); }

class Parser {
public:
    explicit Parser(std::string_view file)
        : m_file(file)
    {
    }

    Expected<void, CalendarError> parse(toml::table const& root, int& first_year, int& last_year,
        std::map<Date, std::string>& working_days, auto& add_day_off)
    {
        for (auto const& [key, node] : root) {
            auto name = key.str();
            if (name != "calendar" && name != "day_off" && name != "working_day")
                return fail(node, std::string(name), "unknown table; expected calendar, day_off or working_day");
        }
        auto const* calendar = root.get_as<toml::table>("calendar");
        if (calendar == nullptr)
            return fail(0, "calendar", "missing [calendar] table with first_year and last_year");
        if (auto bad = only_keys(*calendar, "calendar", { "name", "first_year", "last_year" }); !bad)
            return bad;
        auto const* first = calendar->get_as<int64_t>("first_year");
        auto const* last = calendar->get_as<int64_t>("last_year");
        if (first == nullptr || last == nullptr)
            return fail(line_of(*calendar), "calendar", "expected integers first_year and last_year");
        if (first->get() < 2000 || last->get() > 2100 || first->get() > last->get())
            return fail(*last, "calendar.last_year", "expected 2000 <= first_year <= last_year <= 2100");
        first_year = static_cast<int>(first->get());
        last_year = static_cast<int>(last->get());
        m_first = first_year;
        m_last = last_year;

        if (auto const* node = root.get("day_off")) {
            auto const* entries = node->as_array();
            if (entries == nullptr)
                return fail(*node, "day_off", "expected [[day_off]] entries");
            for (auto const& entry : *entries) {
                auto const* table = entry.as_table();
                if (table == nullptr)
                    return fail(entry, "day_off", "expected a table");
                if (auto ok = day_off(*table, add_day_off); !ok)
                    return ok;
            }
        }
        if (auto const* node = root.get("working_day")) {
            auto const* entries = node->as_array();
            if (entries == nullptr)
                return fail(*node, "working_day", "expected [[working_day]] entries");
            for (auto const& entry : *entries) {
                auto const* table = entry.as_table();
                if (table == nullptr)
                    return fail(entry, "working_day", "expected a table");
                if (auto bad = only_keys(*table, "working_day", { "date", "name", "provisional" }); !bad)
                    return bad;
                auto date = required_date(*table, "working_day", "date");
                if (!date)
                    return Unexpected(date.error());
                if (!is_weekend(*date))
                    return fail(*table->get("date"), "working_day.date",
                        "a make-up working day must be a Saturday or Sunday");
                auto name = required_name(*table, "working_day");
                if (!name)
                    return Unexpected(name.error());
                if (!working_days.emplace(*date, *name).second)
                    return fail(*table->get("date"), "working_day.date", "this day is listed twice");
            }
        }
        return {};
    }

    CalendarError error(int line, std::string key, std::string what) const
    {
        return CalendarError { std::string(m_file), line, std::move(key), std::move(what) };
    }

private:
    Unexpected<CalendarError> fail(int line, std::string key, std::string what) const
    {
        return Unexpected(error(line, std::move(key), std::move(what)));
    }
    Unexpected<CalendarError> fail(toml::node const& node, std::string key, std::string what) const
    {
        return fail(line_of(node), std::move(key), std::move(what));
    }

    Expected<void, CalendarError> only_keys(
        toml::table const& table, std::string const& where, std::initializer_list<std::string_view> keys) const
    {
        for (auto const& [key, node] : table) {
            bool known = false;
            for (auto allowed : keys)
                known = known || key.str() == allowed;
            if (!known) {
                std::string list;
                for (auto allowed : keys)
                    list += (list.empty() ? "" : ", ") + std::string(allowed);
                return fail(node, where + "." + std::string(key.str()), "unknown key; expected one of " + list);
            }
        }
        return {};
    }

    Expected<Date, CalendarError> date_value(toml::node const& node, std::string const& key) const
    {
        auto const* value = node.as_date();
        if (value == nullptr)
            return fail(node, key, "expected a date written YYYY-MM-DD (no quotes)");
        auto const& day = value->get();
        auto date = make_date(day.year, day.month, day.day);
        if (!date)
            return fail(node, key, "not a calendar day");
        int year = day.year;
        if (year < m_first || year > m_last)
            return fail(node, key,
                "outside the calendar's years " + std::to_string(m_first) + ".." + std::to_string(m_last));
        return *date;
    }

    Expected<Date, CalendarError> required_date(
        toml::table const& table, std::string const& where, std::string_view key) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return fail(line_of(table), where + "." + std::string(key), "missing");
        return date_value(*node, where + "." + std::string(key));
    }

    Expected<std::string, CalendarError> required_name(toml::table const& table, std::string const& where) const
    {
        auto const* name = table.get("name");
        if (name == nullptr)
            return fail(line_of(table), where + ".name", "missing: every entry needs a name");
        auto const* text = name->as_string();
        if (text == nullptr || text->get().empty())
            return fail(*name, where + ".name", "expected a non-empty string");
        return text->get();
    }

    Expected<void, CalendarError> day_off(toml::table const& table, auto& add_day_off) const
    {
        if (auto bad = only_keys(table, "day_off", { "date", "from", "to", "name", "kind", "provisional" }); !bad)
            return bad;
        auto name = required_name(table, "day_off");
        if (!name)
            return Unexpected(name.error());
        DayOffKind kind = DayOffKind::holiday;
        if (auto const* node = table.get("kind")) {
            auto const* text = node->as_string();
            std::string_view value = text ? std::string_view(text->get()) : std::string_view();
            if (value == "holiday")
                kind = DayOffKind::holiday;
            else if (value == "compensatory")
                kind = DayOffKind::compensatory;
            else if (value == "swapped")
                kind = DayOffKind::swapped;
            else
                return fail(*node, "day_off.kind", "expected \"holiday\", \"compensatory\" or \"swapped\"");
        }
        bool has_date = table.contains("date");
        bool has_range = table.contains("from") || table.contains("to");
        if (has_date == has_range)
            return fail(line_of(table), "day_off", "give either `date` or both `from` and `to`");
        Date from {};
        Date to {};
        if (has_date) {
            auto date = required_date(table, "day_off", "date");
            if (!date)
                return Unexpected(date.error());
            from = to = *date;
        } else {
            auto start = required_date(table, "day_off", "from");
            if (!start)
                return Unexpected(start.error());
            auto end = required_date(table, "day_off", "to");
            if (!end)
                return Unexpected(end.error());
            from = *start;
            to = *end;
            if (to < from)
                return fail(*table.get("to"), "day_off.to", "before `from`");
            if ((to - from).count() >= MAX_RANGE_DAYS)
                return fail(*table.get("to"), "day_off.to", "a range may span at most 31 days");
        }
        for (Date day = from; day <= to; day = add_days(day, 1)) {
            if (!add_day_off(day, *name, kind))
                return fail(line_of(table), "day_off", iso_date(day) + " is listed twice");
        }
        return {};
    }

    std::string_view m_file;
    int m_first = 0;
    int m_last = 0;
};

} // namespace

std::string CalendarError::message() const
{
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line);
    text += ": ";
    if (!key.empty())
        text += key + ": ";
    return text + what;
}

Expected<HolidayCalendar, CalendarError> HolidayCalendar::parse(std::string_view text, std::string_view file_name)
{
    HolidayCalendar calendar;
    Parser parser(file_name);
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (toml::parse_error const& failure) {
        return Unexpected(parser.error(static_cast<int>(failure.source().begin.line), "",
            std::string("not valid TOML: ") + std::string(failure.description())));
    }
    auto add_day_off = [&calendar](Date day, std::string const& name, DayOffKind kind) {
        return calendar.m_days_off.emplace(day, DayOff { name, kind }).second;
    };
    if (auto ok = parser.parse(root, calendar.m_first_year, calendar.m_last_year, calendar.m_working_days, add_day_off);
        !ok)
        return Unexpected(ok.error());
    for (auto const& [day, name] : calendar.m_working_days) {
        if (calendar.m_days_off.contains(day))
            return Unexpected(parser.error(0, "working_day", iso_date(day) + " is both a day off and a working day"));
    }
    return calendar;
}

Expected<HolidayCalendar, CalendarError> HolidayCalendar::load(std::filesystem::path const& file)
{
    std::error_code error;
    auto size = std::filesystem::file_size(file, error);
    if (error)
        return Unexpected(CalendarError { file.string(), 0, "", "cannot read: " + error.message() });
    if (size > MAX_FILE_BYTES)
        return Unexpected(CalendarError { file.string(), 0, "", "larger than 1 MiB" });
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof())
        return Unexpected(CalendarError { file.string(), 0, "", "cannot read" });
    return parse(text.str(), file.string());
}

HolidayCalendar const& HolidayCalendar::vietnam()
{
    static HolidayCalendar const calendar = [] {
        auto parsed = parse(data::HOLIDAYS_VN_TOML, "holidays-vn.toml (built in)");
        KIOSK_VERIFY(parsed.has_value());
        return std::move(parsed).value();
    }();
    return calendar;
}

bool HolidayCalendar::is_working_day(Date date) const noexcept
{
    if (is_weekend(date))
        return m_working_days.contains(date);
    return !m_days_off.contains(date);
}

std::optional<std::string_view> HolidayCalendar::day_name(Date date) const noexcept
{
    if (auto it = m_days_off.find(date); it != m_days_off.end())
        return it->second.name;
    if (auto it = m_working_days.find(date); it != m_working_days.end())
        return it->second;
    return std::nullopt;
}

std::optional<DayOffKind> HolidayCalendar::day_off_kind(Date date) const noexcept
{
    if (auto it = m_days_off.find(date); it != m_days_off.end())
        return it->second.kind;
    return std::nullopt;
}

bool HolidayCalendar::covers(Date date) const noexcept
{
    int year = static_cast<int>(std::chrono::year_month_day(date).year());
    return year >= m_first_year && year <= m_last_year;
}

} // namespace kiosk::status
