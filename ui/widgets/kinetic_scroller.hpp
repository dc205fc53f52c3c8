// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <deque>

namespace kiosk::ui {

/// The arithmetic of kinetic scrolling along one axis, in pixels and milliseconds (time comes
/// from the caller, so tests and scenarios drive it with fake time):
/// - while the finger is down the content follows it (offset = start - finger travel);
/// - on release the velocity of the last VELOCITY_WINDOW is kept and decays exponentially
///   (time constant DECAY); the fling stops below MIN_SPEED;
/// - the offset stays within [0, max_offset]; a fling hitting an end stops there.
/// Pure value type.
class KineticScroller {
public:
    using Clock = std::chrono::steady_clock;

    static constexpr std::chrono::milliseconds VELOCITY_WINDOW { 100 };
    static constexpr double DECAY_MS = 325.0;
    static constexpr double MIN_SPEED_PX_PER_MS = 0.02;
    /// Movement below which a touch is still a tap, not a drag.
    static constexpr int TAP_SLOP_PX = 12;

    void set_max_offset(double max_offset) noexcept;
    [[nodiscard]] double max_offset() const noexcept { return m_max; }
    [[nodiscard]] double offset() const noexcept { return m_offset; }
    /// Jumps to @p offset (clamped) and stops any fling.
    void scroll_to(double offset) noexcept;

    /// Finger down at position @p position_px (along the axis).
    void press(double position_px, Clock::time_point at) noexcept;
    /// Finger moved to @p position_px.
    void drag(double position_px, Clock::time_point at) noexcept;
    /// Finger lifted: starts a fling with the recent velocity.
    void release(Clock::time_point at) noexcept;
    /// Advances a fling to @p at. @return true while still moving.
    bool step(Clock::time_point at) noexcept;

    [[nodiscard]] bool pressed() const noexcept { return m_pressed; }
    [[nodiscard]] bool flinging() const noexcept { return m_velocity != 0.0; }
    /// Velocity in px/ms (positive: offset grows).
    [[nodiscard]] double velocity() const noexcept { return m_velocity; }
    /// Whether the current (or last) touch moved further than TAP_SLOP_PX.
    [[nodiscard]] bool dragged() const noexcept { return m_dragged; }

private:
    struct Sample {
        double position = 0.0;
        Clock::time_point at {};
    };
    double clamp(double offset) const noexcept;

    double m_offset = 0.0;
    double m_max = 0.0;
    double m_velocity = 0.0;
    bool m_pressed = false;
    bool m_dragged = false;
    double m_press_position = 0.0;
    double m_press_offset = 0.0;
    Clock::time_point m_last_step {};
    std::deque<Sample> m_samples;
};

} // namespace kiosk::ui
