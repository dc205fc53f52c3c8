// SPDX-License-Identifier: MIT
#include "ui/widgets/kinetic_scroller.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

void KineticScroller::set_max_offset(double max_offset) noexcept
{
    m_max = std::max(0.0, max_offset);
    m_offset = clamp(m_offset);
}

void KineticScroller::scroll_to(double offset) noexcept
{
    m_offset = clamp(offset);
    m_velocity = 0.0;
}

double KineticScroller::clamp(double offset) const noexcept { return std::clamp(offset, 0.0, m_max); }

void KineticScroller::press(double position_px, Clock::time_point at) noexcept
{
    m_pressed = true;
    m_dragged = false;
    m_velocity = 0.0;
    m_press_position = position_px;
    m_press_offset = m_offset;
    m_samples.clear();
    m_samples.push_back({ position_px, at });
}

void KineticScroller::drag(double position_px, Clock::time_point at) noexcept
{
    if (!m_pressed)
        return;
    if (std::abs(position_px - m_press_position) > TAP_SLOP_PX)
        m_dragged = true;
    if (m_dragged)
        m_offset = clamp(m_press_offset - (position_px - m_press_position));
    m_samples.push_back({ position_px, at });
    while (m_samples.size() > 2 && at - m_samples.front().at > VELOCITY_WINDOW)
        m_samples.pop_front();
}

void KineticScroller::release(Clock::time_point at) noexcept
{
    if (!m_pressed)
        return;
    m_pressed = false;
    m_velocity = 0.0;
    if (!m_dragged || m_samples.size() < 2)
        return;
    auto const& first = m_samples.front();
    auto const& last = m_samples.back();
    // A finger that stopped before lifting does not fling.
    if (at - last.at > VELOCITY_WINDOW)
        return;
    double const elapsed_ms = std::chrono::duration<double, std::milli>(last.at - first.at).count();
    if (elapsed_ms <= 0.0)
        return;
    double const velocity = -(last.position - first.position) / elapsed_ms;
    if (std::abs(velocity) >= MIN_SPEED_PX_PER_MS) {
        m_velocity = velocity;
        m_last_step = at;
    }
}

bool KineticScroller::step(Clock::time_point at) noexcept
{
    if (m_pressed || m_velocity == 0.0)
        return false;
    double const dt = std::chrono::duration<double, std::milli>(at - m_last_step).count();
    if (dt <= 0.0)
        return true;
    m_last_step = at;
    // Exact integral of v(t) = v0 * exp(-t / DECAY) over dt, so the path does not depend on
    // how often step() is called.
    double const decay = std::exp(-dt / DECAY_MS);
    double const travelled = m_velocity * DECAY_MS * (1.0 - decay);
    m_velocity *= decay;
    double const next = m_offset + travelled;
    m_offset = clamp(next);
    if (next != m_offset || std::abs(m_velocity) < MIN_SPEED_PX_PER_MS)
        m_velocity = 0.0;
    return m_velocity != 0.0;
}

} // namespace kiosk::ui
