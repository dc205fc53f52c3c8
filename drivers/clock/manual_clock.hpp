// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/clock.hpp>

#include <chrono>
#include <mutex>

namespace kiosk::drivers {

/// A clock that moves only when told to, for tests and the headless scenario runner.
/// Monotonic time starts one hour after the steady clock's epoch (so it is never the zero
/// time_point), calendar time at the given start. Thread-safe.
class ManualClock final : public hal::Clock {
public:
    /// 2025-07-01T08:00:00Z, the default calendar start.
    static std::chrono::system_clock::time_point default_wall_start();

    /// Calendar time starts at default_wall_start().
    ManualClock();
    /// Calendar time starts at @p wall_start.
    explicit ManualClock(std::chrono::system_clock::time_point wall_start);
    ~ManualClock() override;

    [[nodiscard]] std::chrono::steady_clock::time_point now() const override;
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override;

    /// Moves both monotonic and calendar time forward by @p step. A negative step is a bug in
    /// the caller (monotonic time never goes back): KIOSK_VERIFY aborts.
    void advance(std::chrono::milliseconds step);

    /// Sets calendar time only (like an NTP correction; it may go back). Monotonic time is
    /// unchanged.
    void set_wall(std::chrono::system_clock::time_point wall);

private:
    mutable std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_now;
    std::chrono::system_clock::time_point m_wall;
};

} // namespace kiosk::drivers
