// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <chrono>

namespace kiosk::drivers {

/// @p timeout clamped to 0 .. one year. condition_variable::wait_for adds the timeout to
/// now(): this keeps "wait forever" values such as milliseconds::max() from overflowing,
/// and negative values from meaning anything but "now".
inline std::chrono::milliseconds bounded_timeout(std::chrono::milliseconds timeout)
{
    return std::clamp(timeout, std::chrono::milliseconds(0), std::chrono::milliseconds(std::chrono::hours(24 * 365)));
}

} // namespace kiosk::drivers
