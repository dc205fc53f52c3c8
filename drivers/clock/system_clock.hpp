// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/clock.hpp>

#include <chrono>

namespace kiosk::drivers {

/// The real time: std::chrono::steady_clock and system_clock. Thread-safe.
class SystemClock final : public hal::Clock {
public:
    SystemClock() = default;
    ~SystemClock() override;

    /// std::chrono::steady_clock::now().
    [[nodiscard]] std::chrono::steady_clock::time_point now() const override;
    /// std::chrono::system_clock::now().
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override;
};

} // namespace kiosk::drivers
