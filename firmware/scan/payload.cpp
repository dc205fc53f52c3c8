// SPDX-License-Identifier: MIT
#include "scan/payload.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string.h> // explicit_bzero

namespace kiosk::scan {

std::string_view payload_kind_name(PayloadKind kind) noexcept
{
    switch (kind) {
    case PayloadKind::dossier_code:
        return "dossier_code";
    case PayloadKind::citizen_id_qr:
        return "citizen_id_qr";
    case PayloadKind::url:
        return "url";
    case PayloadKind::unknown:
        return "unknown";
    }
    return "unknown";
}

namespace {

    constexpr int MIN_YEAR = 1900;
    constexpr int MAX_YEAR = 2099;

    bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

    int days_in_month(int year, int month) noexcept
    {
        constexpr std::array<int, 12> DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        if (month == 2 && is_leap_year(year))
            return 29;
        return DAYS.at(static_cast<std::size_t>(month - 1));
    }

    // Overwrites the string's whole buffer, not only its current contents: resize() to the
    // capacity never reallocates, and explicit_bzero() is not removed as a dead store.
    void wipe_string(std::string& text) noexcept
    {
        text.resize(text.capacity());
        explicit_bzero(text.data(), text.size());
        text.clear();
    }

} // namespace

std::optional<Date> Date::make(int year_value, int month_value, int day_value) noexcept
{
    Date date { year_value, month_value, day_value };
    if (!date.valid())
        return std::nullopt;
    return date;
}

bool Date::valid() const noexcept
{
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1)
        return false;
    return day <= days_in_month(year, month);
}

std::string Date::iso() const
{
    std::array<char, 16> text {};
    int const length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02d", year, month, day);
    if (length <= 0)
        return {};
    return std::string(text.data(), std::min(static_cast<std::size_t>(length), text.size() - 1));
}

CitizenIdQr::~CitizenIdQr() { wipe(); }

std::string CitizenIdQr::can() const
{
    if (id_number.size() < 6)
        return id_number;
    return id_number.substr(id_number.size() - 6);
}

std::string CitizenIdQr::document_number() const
{
    if (id_number.size() < 9)
        return id_number;
    return id_number.substr(id_number.size() - 9);
}

bool CitizenIdQr::has_problem(std::string_view problem) const noexcept
{
    return std::find(problems.begin(), problems.end(), problem) != problems.end();
}

void CitizenIdQr::wipe() noexcept
{
    wipe_string(id_number);
    wipe_string(old_id_number);
    wipe_string(full_name);
    wipe_string(sex);
    wipe_string(address);
    if (birth_date.has_value())
        *birth_date = Date {};
    birth_date.reset();
    if (issue_date.has_value())
        *issue_date = Date {};
    issue_date.reset();
    problems.clear();
}

} // namespace kiosk::scan
