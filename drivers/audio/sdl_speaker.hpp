// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>
#include <kiosk/hal/speaker.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

/// A speaker on SDL2 audio (the only file that calls SDL's audio API): one output device
/// opened at OUTPUT_RATE_HZ mono 16-bit, fed by SDL's callback from its audio thread. Clips
/// at other rates are converted when play() is called; the volume scales the samples as they
/// are handed to SDL, so a change is heard at once. The backend is SDL's choice
/// (SDL_AUDIODRIVER: `alsa`, `pulseaudio`, ...; `dummy` plays into nothing at real-time pace,
/// `disk` writes the raw samples to SDL_DISKAUDIOFILE). play(), stop() and set_volume() from
/// one thread; the inspection hooks from any.
class SdlSpeaker final : public hal::Speaker {
public:
    /// The device's rate: espeak-ng's, so spoken guidance needs no conversion.
    static constexpr int OUTPUT_RATE_HZ = 22050;
    /// Lowest and highest clip rates play() accepts, in Hz.
    static constexpr int MIN_SAMPLE_RATE_HZ = 8000;
    static constexpr int MAX_SAMPLE_RATE_HZ = 48000;
    static constexpr int DEFAULT_VOLUME_PERCENT = 70;

    /// Starts SDL's audio subsystem (SDL counts its users) and opens output @p device_name
    /// (SDL's name for it; empty or "default": the system's default output).
    /// @return Errc::not_found when SDL has no audio driver or no such device, Errc::busy
    ///         when the device cannot be opened.
    static Result<std::unique_ptr<SdlSpeaker>> open(std::string_view device_name);
    ~SdlSpeaker() override;

    /// "SDL audio, driver dummy, default device, 22050 Hz, volume 70%". Plays nothing.
    /// @return Errc::disconnected if the device went away.
    Result<std::string> self_test() override;

    /// Replaces what is playing by @p clip (converted to OUTPUT_RATE_HZ here, on the caller's
    /// thread: about a millisecond per second of speech). Returns at once.
    /// @return Errc::invalid_argument for a rate outside 8000..48000 Hz (nothing changes),
    ///         Errc::disconnected if the device went away, Errc::internal if SDL cannot convert.
    Result<void> play(hal::AudioClip const& clip) override;

    /// Silences the device at once (SDL's buffer of ~46 ms may still sound).
    void stop() override;

    /// @return Errc::invalid_argument outside 0..100 (volume unchanged).
    Result<void> set_volume(int percent) override;

    /// Samples of the current clip not yet handed to SDL (0 when nothing plays).
    [[nodiscard]] std::size_t samples_left() const;
    [[nodiscard]] bool playing() const { return samples_left() > 0; }
    [[nodiscard]] int volume() const noexcept { return m_volume.load(); }
    /// The SDL audio driver in use ("alsa", "dummy", "disk").
    [[nodiscard]] std::string driver_name() const;

private:
    SdlSpeaker(std::uint32_t device, std::string device_label) noexcept
        : m_device(device)
        , m_device_label(std::move(device_label))
    {
    }
    static void fill(void* self, std::uint8_t* stream, int length) noexcept;

    std::uint32_t m_device;
    std::string m_device_label;
    std::atomic<int> m_volume { DEFAULT_VOLUME_PERCENT };
    // Guarded by SDL's device lock (SDL_LockAudioDevice), which the callback runs under.
    std::vector<std::int16_t> m_samples;
    std::size_t m_position = 0;
};

} // namespace kiosk::drivers
