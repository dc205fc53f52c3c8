// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>

namespace kiosk::hal {

/// The time, as the code should see it: real on a kiosk, settable in tests and in the
/// headless scenario runner. Implementations: drivers/clock/system_clock, manual_clock.
/// Thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    Clock(Clock const&) = delete;
    Clock& operator=(Clock const&) = delete;
    Clock(Clock&&) = delete;
    Clock& operator=(Clock&&) = delete;

    /// Monotonic time, for timeouts and durations.
    [[nodiscard]] virtual std::chrono::steady_clock::time_point now() const = 0;
    /// Calendar time, for dates shown to people and "as of" stamps.
    [[nodiscard]] virtual std::chrono::system_clock::time_point wall_now() const = 0;

protected:
    Clock() = default;
};

} // namespace kiosk::hal
