// SPDX-License-Identifier: MIT
#include "clock/system_clock.hpp"

namespace kiosk::drivers {

SystemClock::~SystemClock() = default;

std::chrono::steady_clock::time_point SystemClock::now() const { return std::chrono::steady_clock::now(); }

std::chrono::system_clock::time_point SystemClock::wall_now() const { return std::chrono::system_clock::now(); }

} // namespace kiosk::drivers
