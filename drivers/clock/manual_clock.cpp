// SPDX-License-Identifier: MIT
#include "clock/manual_clock.hpp"

#include <kiosk/hal/result.hpp>

namespace kiosk::drivers {

std::chrono::system_clock::time_point ManualClock::default_wall_start()
{
    using namespace std::chrono;
    return sys_days { year { 2025 } / July / 1 } + hours { 8 };
}

ManualClock::ManualClock()
    : ManualClock(default_wall_start())
{
}

ManualClock::ManualClock(std::chrono::system_clock::time_point wall_start)
    : m_now(std::chrono::hours(1))
    , m_wall(wall_start)
{
}

ManualClock::~ManualClock() = default;

std::chrono::steady_clock::time_point ManualClock::now() const
{
    std::lock_guard lock(m_mutex);
    return m_now;
}

std::chrono::system_clock::time_point ManualClock::wall_now() const
{
    std::lock_guard lock(m_mutex);
    return m_wall;
}

void ManualClock::advance(std::chrono::milliseconds step)
{
    KIOSK_VERIFY(step.count() >= 0);
    std::lock_guard lock(m_mutex);
    m_now += step;
    m_wall += step;
}

void ManualClock::set_wall(std::chrono::system_clock::time_point wall)
{
    std::lock_guard lock(m_mutex);
    m_wall = wall;
}

} // namespace kiosk::drivers
