// SPDX-License-Identifier: MIT
// What the recording speaker adds beyond the speaker contract (its inspection hooks).
#include <audio/sim_speaker.hpp>

#include <cstdint>
#include <memory>

#include "contract/contract_support.hpp"

using kiosk::drivers::SimSpeaker;

namespace {

kiosk::hal::AudioClip seconds_of_silence(int seconds)
{
    kiosk::hal::AudioClip clip;
    clip.sample_rate_hz = 16000;
    clip.samples.assign(std::size_t { 16000 } * static_cast<std::size_t>(seconds), std::int16_t { 0 });
    return clip;
}

} // namespace

TEST_GROUP(SimSpeaker) { std::unique_ptr<SimSpeaker> m_speaker = SimSpeaker::create(); };

TEST(SimSpeaker, starts_quiet_at_the_default_volume)
{
    UNSIGNED_LONGS_EQUAL(0, m_speaker->clips_played());
    LONGS_EQUAL(SimSpeaker::DEFAULT_VOLUME_PERCENT, m_speaker->volume());
    CHECK_FALSE(m_speaker->playing());
    STRCMP_EQUAL("simulated speaker ready, volume 70%", m_speaker->self_test()->c_str());
}

TEST(SimSpeaker, counts_accepted_clips_only)
{
    KIOSK_CHECK_OK(m_speaker->play(seconds_of_silence(1)));
    auto bad = seconds_of_silence(1);
    bad.sample_rate_hz = 96000;
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, m_speaker->play(bad));
    KIOSK_CHECK_OK(m_speaker->play(seconds_of_silence(1)));
    UNSIGNED_LONGS_EQUAL(2, m_speaker->clips_played());
}

TEST(SimSpeaker, plays_until_stopped)
{
    // Long enough that it cannot end by itself during the test.
    KIOSK_CHECK_OK(m_speaker->play(seconds_of_silence(600)));
    CHECK_TRUE(m_speaker->playing());
    m_speaker->stop();
    CHECK_FALSE(m_speaker->playing());
}

TEST(SimSpeaker, empty_clip_is_over_at_once)
{
    KIOSK_CHECK_OK(m_speaker->play(kiosk::hal::AudioClip {}));
    CHECK_FALSE(m_speaker->playing());
    UNSIGNED_LONGS_EQUAL(1, m_speaker->clips_played());
}

TEST(SimSpeaker, volume_is_kept_and_a_bad_one_ignored)
{
    KIOSK_CHECK_OK(m_speaker->set_volume(35));
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, m_speaker->set_volume(150));
    LONGS_EQUAL(35, m_speaker->volume());
    STRCMP_EQUAL("simulated speaker ready, volume 35%", m_speaker->self_test()->c_str());
}
