// SPDX-License-Identifier: MIT
#pragma once

#include <status/dossier.hpp>
#include <status/holiday_calendar.hpp>

#include <vector>

namespace kiosk::gateway {

/// Number of generated dossiers besides the personas' own.
inline constexpr int DEMO_DOSSIERS = 300;

/// The demo data set, the same for the same @p today: DEMO_DOSSIERS dossiers coded
/// "H40.50-DEMO-0001" ... whose state cycles through every DossierState in ALL_STATES order
/// (0001 received, 0002 in_progress, 0003 supplement_requested, 0004 result_ready,
/// 0005 returned, 0006 rejected, 0007 withdrawn, 0008 received, ...); every in-progress one
/// whose number is a multiple of 3 is overdue. Then three dossiers for each chip-emulator
/// persona (firmware/id/persona.hpp), coded "H40.50-CD01-0001" (persona 1, dossier 1) ...,
/// owned by the persona's ID number. Dates are relative to @p today, due dates counted in
/// working days with @p calendar. All names and numbers are made up.
std::vector<status::Dossier> demo_dossiers(status::Date today, status::HolidayCalendar const& calendar);

} // namespace kiosk::gateway
