// SPDX-License-Identifier: MIT
#include "audio/sdl_speaker.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstring>

namespace kiosk::drivers {

namespace {

    /// Samples per SDL callback: about 46 ms at 22050 Hz, short enough that stop() is prompt.
    constexpr Uint16 BUFFER_SAMPLES = 1024;

    bool is_default(std::string_view name) noexcept { return name.empty() || name == "default"; }

    // Converts @p clip to @p rate_hz with SDL's converter. (SDL 2.26's SDL_AudioStream drops
    // about an eighth of the samples going from 8000 to 22050 Hz; SDL_ConvertAudio does not.)
    Result<std::vector<std::int16_t>> convert(hal::AudioClip const& clip, int rate_hz)
    {
        if (clip.sample_rate_hz == rate_hz || clip.samples.empty())
            return clip.samples;
        SDL_AudioCVT cvt {};
        if (SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, clip.sample_rate_hz, AUDIO_S16SYS, 1, rate_hz) < 0)
            return fail(Errc::internal, "SDL speaker: cannot convert the clip's sample rate");
        auto const bytes = clip.samples.size() * sizeof(std::int16_t);
        std::vector<std::uint8_t> buffer(bytes * static_cast<std::size_t>(std::max(1, cvt.len_mult)));
        std::memcpy(buffer.data(), clip.samples.data(), bytes);
        cvt.buf = buffer.data();
        cvt.len = static_cast<int>(bytes);
        if (SDL_ConvertAudio(&cvt) != 0)
            return fail(Errc::internal, "SDL speaker: cannot convert the clip's sample rate");
        std::vector<std::int16_t> out(static_cast<std::size_t>(cvt.len_cvt) / sizeof(std::int16_t));
        std::memcpy(out.data(), buffer.data(), out.size() * sizeof(std::int16_t));
        return out;
    }

} // namespace

Result<std::unique_ptr<SdlSpeaker>> SdlSpeaker::open(std::string_view device_name)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return fail(Errc::not_found, "SDL speaker: no SDL audio driver works here (SDL_AUDIODRIVER?)");
    SDL_AudioSpec wanted {};
    wanted.freq = OUTPUT_RATE_HZ;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = 1;
    wanted.samples = BUFFER_SAMPLES;
    std::string const name(device_name);
    // The object exists before the device does: SDL calls fill() with it from the moment the
    // device is unpaused.
    auto speaker = std::unique_ptr<SdlSpeaker>(new SdlSpeaker(0, is_default(name) ? "default device" : name));
    wanted.callback = &SdlSpeaker::fill;
    wanted.userdata = speaker.get();
    SDL_AudioSpec obtained {};
    // No changes allowed: SDL converts to what the hardware wants, so the callback always
    // sees OUTPUT_RATE_HZ mono 16-bit.
    SDL_AudioDeviceID const device
        = SDL_OpenAudioDevice(is_default(name) ? nullptr : name.c_str(), 0, &wanted, &obtained, 0);
    if (device == 0) {
        bool const known = is_default(name) || [&name] {
            int const count = SDL_GetNumAudioDevices(0);
            for (int i = 0; i < count; ++i) {
                char const* candidate = SDL_GetAudioDeviceName(i, 0);
                if (candidate != nullptr && name == candidate)
                    return true;
            }
            return false;
        }();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        speaker->m_device = 0;
        return known ? fail(Errc::busy, "SDL speaker: the audio device cannot be opened")
                     : fail(Errc::not_found, "SDL speaker: no such audio device");
    }
    speaker->m_device = device;
    SDL_PauseAudioDevice(device, 0);
    return speaker;
}

SdlSpeaker::~SdlSpeaker()
{
    if (m_device != 0) {
        SDL_CloseAudioDevice(m_device);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
}

void SdlSpeaker::fill(void* self, std::uint8_t* stream, int length) noexcept
{
    // On SDL's audio thread, under the device lock.
    auto& speaker = *static_cast<SdlSpeaker*>(self);
    auto const wanted = static_cast<std::size_t>(length) / sizeof(std::int16_t);
    std::size_t const left = speaker.m_samples.size() - speaker.m_position;
    std::size_t const count = std::min(wanted, left);
    int const volume = speaker.m_volume.load();
    for (std::size_t i = 0; i < count; ++i) {
        auto const scaled = static_cast<std::int16_t>(
            static_cast<int>(speaker.m_samples[speaker.m_position + i]) * volume / 100);
        std::memcpy(stream + i * sizeof(std::int16_t), &scaled, sizeof scaled);
    }
    std::memset(stream + count * sizeof(std::int16_t), 0, (wanted - count) * sizeof(std::int16_t));
    speaker.m_position += count;
}

Result<std::string> SdlSpeaker::self_test()
{
    if (SDL_GetAudioDeviceStatus(m_device) == SDL_AUDIO_STOPPED)
        return fail(Errc::disconnected, "SDL speaker: the audio device went away");
    return "SDL audio, driver " + driver_name() + ", " + m_device_label + ", " + std::to_string(OUTPUT_RATE_HZ)
        + " Hz, volume " + std::to_string(volume()) + "%";
}

Result<void> SdlSpeaker::play(hal::AudioClip const& clip)
{
    if (clip.sample_rate_hz < MIN_SAMPLE_RATE_HZ || clip.sample_rate_hz > MAX_SAMPLE_RATE_HZ)
        return fail(Errc::invalid_argument, "playing: sample rate outside 8000..48000 Hz");
    if (SDL_GetAudioDeviceStatus(m_device) == SDL_AUDIO_STOPPED)
        return fail(Errc::disconnected, "SDL speaker: the audio device went away");
    auto samples = KIOSK_TRY(convert(clip, OUTPUT_RATE_HZ));
    SDL_LockAudioDevice(m_device);
    m_samples.swap(samples);
    m_position = 0;
    SDL_UnlockAudioDevice(m_device);
    // The previous clip's buffer is freed here, outside the lock.
    return {};
}

void SdlSpeaker::stop()
{
    std::vector<std::int16_t> old;
    SDL_LockAudioDevice(m_device);
    m_samples.swap(old);
    m_position = 0;
    SDL_UnlockAudioDevice(m_device);
}

Result<void> SdlSpeaker::set_volume(int percent)
{
    if (percent < 0 || percent > 100)
        return fail(Errc::invalid_argument, "setting the volume: outside 0..100 %");
    m_volume = percent;
    return {};
}

std::size_t SdlSpeaker::samples_left() const
{
    SDL_LockAudioDevice(m_device);
    std::size_t const left = m_samples.size() - m_position;
    SDL_UnlockAudioDevice(m_device);
    return left;
}

std::string SdlSpeaker::driver_name() const
{
    char const* name = SDL_GetCurrentAudioDriver();
    return name != nullptr ? name : "none";
}

} // namespace kiosk::drivers
