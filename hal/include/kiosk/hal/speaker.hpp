// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/device.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <vector>

namespace kiosk::hal {

/// Mono 16-bit PCM audio.
struct AudioClip {
    int sample_rate_hz = 22050;
    std::vector<std::int16_t> samples;
};

/// Audio out for spoken guidance. Implementations: drivers/audio/sim_speaker (records what
/// it was asked to play); an SDL audio speaker comes with the UI. One thread only.
class Speaker : public Device {
public:
    /// Starts playing @p clip, replacing whatever was playing; returns at once.
    /// @return Errc::invalid_argument for a sample rate outside 8000..48000 Hz,
    ///         Errc::disconnected if the audio device went away.
    virtual Result<void> play(AudioClip const& clip) = 0;

    /// Stops playback at once. Safe to call at any time.
    virtual void stop() = 0;

    /// Sets the output volume, 0..100 percent. Errc::invalid_argument outside that range.
    virtual Result<void> set_volume(int percent) = 0;
};

} // namespace kiosk::hal
