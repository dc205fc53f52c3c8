// SPDX-License-Identifier: MIT
#pragma once

// How a device's failed self-test counts for the kiosk's health (the kiosk's health report and
// the updater's own board check use the same rule).

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/role.hpp>

namespace kiosk::runtime {

/// True when the device answered but waits for a person: Errc::not_ready from a printer (out of
/// paper, cover open). Such a kiosk is healthy for the update gate: new firmware cannot refill
/// paper, and rolling back for it would undo a good update.
[[nodiscard]] inline bool waits_for_staff(hal::Role role, Error const& error) noexcept
{
    return role == hal::Role::printer && error.code() == Errc::not_ready;
}

} // namespace kiosk::runtime
