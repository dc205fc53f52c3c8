// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>
#include <kiosk/hal/speaker.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

namespace kiosk::drivers {

/// Role-level model of a speaker: plays nothing, records what it was asked to play. A clip
/// "plays" from play() until its duration (samples / rate) has passed on the steady clock or
/// stop() is called. Calls come from one thread; the inspection hooks may be called from any.
class SimSpeaker final : public hal::Speaker {
public:
    /// Lowest and highest sample rates accepted by play(), in Hz.
    static constexpr int MIN_SAMPLE_RATE_HZ = 8000;
    static constexpr int MAX_SAMPLE_RATE_HZ = 48000;
    /// Volume, in percent, before any set_volume().
    static constexpr int DEFAULT_VOLUME_PERCENT = 70;

    /// A silent speaker at DEFAULT_VOLUME_PERCENT.
    static std::unique_ptr<SimSpeaker> create();

    ~SimSpeaker() override;

    /// "simulated speaker ready, volume 70%". Plays nothing; never fails.
    Result<std::string> self_test() override;

    /// Records @p clip and starts "playing" it, replacing the current one. Returns at once.
    /// @return Errc::invalid_argument for a sample rate outside 8000..48000 Hz (nothing recorded).
    Result<void> play(hal::AudioClip const& clip) override;

    /// Ends the current clip at once. Safe to call at any time.
    void stop() override;

    /// Sets the volume. @return Errc::invalid_argument outside 0..100 (volume unchanged).
    Result<void> set_volume(int percent) override;

    /// Clips accepted by play() since create().
    [[nodiscard]] std::size_t clips_played() const;

    /// The current volume in percent.
    [[nodiscard]] int volume() const;

    /// Whether a clip is playing now (started, not stopped, duration not yet over).
    [[nodiscard]] bool playing() const;

private:
    SimSpeaker() = default;

    mutable std::mutex m_mutex;
    std::size_t m_clips_played = 0;
    int m_volume = DEFAULT_VOLUME_PERCENT;
    /// When the current clip ends; in the past when nothing plays.
    std::chrono::steady_clock::time_point m_playing_until {};
};

} // namespace kiosk::drivers
