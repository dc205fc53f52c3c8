// SPDX-License-Identifier: MIT
#include "audio/sim_speaker.hpp"

namespace kiosk::drivers {

std::unique_ptr<SimSpeaker> SimSpeaker::create()
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimSpeaker>(new SimSpeaker());
}

SimSpeaker::~SimSpeaker() = default;

Result<std::string> SimSpeaker::self_test()
{
    return "simulated speaker ready, volume " + std::to_string(volume()) + "%";
}

Result<void> SimSpeaker::play(hal::AudioClip const& clip)
{
    if (clip.sample_rate_hz < MIN_SAMPLE_RATE_HZ || clip.sample_rate_hz > MAX_SAMPLE_RATE_HZ)
        return fail(Errc::invalid_argument, "playing: sample rate outside 8000..48000 Hz");
    auto const duration = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(static_cast<double>(clip.samples.size()) / clip.sample_rate_hz));
    std::lock_guard lock(m_mutex);
    ++m_clips_played;
    m_playing_until = std::chrono::steady_clock::now() + duration;
    return {};
}

void SimSpeaker::stop()
{
    std::lock_guard lock(m_mutex);
    m_playing_until = {};
}

Result<void> SimSpeaker::set_volume(int percent)
{
    if (percent < 0 || percent > 100)
        return fail(Errc::invalid_argument, "setting the volume: outside 0..100 %");
    std::lock_guard lock(m_mutex);
    m_volume = percent;
    return {};
}

std::size_t SimSpeaker::clips_played() const
{
    std::lock_guard lock(m_mutex);
    return m_clips_played;
}

int SimSpeaker::volume() const
{
    std::lock_guard lock(m_mutex);
    return m_volume;
}

bool SimSpeaker::playing() const
{
    std::lock_guard lock(m_mutex);
    return std::chrono::steady_clock::now() < m_playing_until;
}

} // namespace kiosk::drivers
