// SPDX-License-Identifier: MIT
#include "status/civil_date.hpp"

#include <array>
#include <cstdio>

namespace kiosk::status {

namespace {

bool digits(std::string_view text) noexcept
{
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int number(std::string_view text) noexcept
{
    int value = 0;
    for (char c : text)
        value = value * 10 + (c - '0');
    return value;
}

} // namespace

std::optional<Date> make_date(int year, int month, int day) noexcept
{
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    std::chrono::year_month_day ymd { std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
        std::chrono::day(static_cast<unsigned>(day)) };
    if (!ymd.ok())
        return std::nullopt;
    return Date(ymd);
}

std::optional<Date> parse_iso_date(std::string_view text) noexcept
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto year = text.substr(0, 4);
    auto month = text.substr(5, 2);
    auto day = text.substr(8, 2);
    if (!digits(year) || !digits(month) || !digits(day))
        return std::nullopt;
    return make_date(number(year), number(month), number(day));
}

std::string iso_date(Date date)
{
    std::chrono::year_month_day ymd(date);
    std::array<char, 16> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer.data();
}

bool is_weekend(Date date) noexcept
{
    std::chrono::weekday weekday(date);
    return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

Date vietnam_day(std::chrono::system_clock::time_point now) noexcept
{
    return std::chrono::floor<std::chrono::days>(now + std::chrono::hours(7));
}

} // namespace kiosk::status
