// SPDX-License-Identifier: MIT
// The behaviour every hal::Speaker shows (recording simulator, SDL audio on the dummy driver,
// ...).
//
// Use: a TEST_GROUP provides the harness below as a member, then invokes
// KIOSK_SPEAKER_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::Speaker& speaker();   the speaker under test
#pragma once

#include <kiosk/hal/speaker.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept SpeakerHarness = requires(H& harness) {
    { harness.speaker() } -> std::same_as<hal::Speaker&>;
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::speaker {

/// @p milliseconds of a quiet square wave at @p rate_hz.
inline hal::AudioClip tone(int rate_hz, int milliseconds = 100)
{
    hal::AudioClip clip;
    clip.sample_rate_hz = rate_hz;
    auto const count = static_cast<std::size_t>(rate_hz) * static_cast<std::size_t>(milliseconds) / 1000;
    clip.samples.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        clip.samples[i] = static_cast<std::int16_t>((i / 20) % 2 == 0 ? 2000 : -2000);
    return clip;
}

template <SpeakerHarness H> void self_test_answers(H& h)
{
    auto summary = h.speaker().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
}

template <SpeakerHarness H> void plays_clips_at_the_supported_rates(H& h)
{
    KIOSK_CHECK_OK(h.speaker().play(tone(8000)));
    KIOSK_CHECK_OK(h.speaker().play(tone(22050)));
    KIOSK_CHECK_OK(h.speaker().play(tone(48000)));
    h.speaker().stop();
}

template <SpeakerHarness H> void sample_rate_outside_the_range_is_refused(H& h)
{
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.speaker().play(tone(7999)));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.speaker().play(tone(48001)));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.speaker().play(tone(0)));
}

template <SpeakerHarness H> void empty_clip_is_fine(H& h) { KIOSK_CHECK_OK(h.speaker().play(hal::AudioClip {})); }

template <SpeakerHarness H> void volume_takes_0_to_100_percent(H& h)
{
    KIOSK_CHECK_OK(h.speaker().set_volume(0));
    KIOSK_CHECK_OK(h.speaker().set_volume(100));
    KIOSK_CHECK_OK(h.speaker().set_volume(55));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.speaker().set_volume(-1));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.speaker().set_volume(101));
}

template <SpeakerHarness H> void stop_is_safe_at_any_time(H& h)
{
    h.speaker().stop();
    KIOSK_CHECK_OK(h.speaker().play(tone(16000, 2000)));
    h.speaker().stop();
    h.speaker().stop();
    KIOSK_CHECK_OK(h.speaker().play(tone(16000)));
}

} // namespace kiosk::contract::speaker

/// Expands to the speaker contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_SPEAKER_CONTRACT(group)                                                                                  \
    TEST(group, self_test_answers) { ::kiosk::contract::speaker::self_test_answers(*this); }                           \
    TEST(group, plays_clips_at_the_supported_rates)                                                                    \
    {                                                                                                                  \
        ::kiosk::contract::speaker::plays_clips_at_the_supported_rates(*this);                                         \
    }                                                                                                                  \
    TEST(group, sample_rate_outside_the_range_is_refused)                                                              \
    {                                                                                                                  \
        ::kiosk::contract::speaker::sample_rate_outside_the_range_is_refused(*this);                                   \
    }                                                                                                                  \
    TEST(group, empty_clip_is_fine) { ::kiosk::contract::speaker::empty_clip_is_fine(*this); }                         \
    TEST(group, volume_takes_0_to_100_percent) { ::kiosk::contract::speaker::volume_takes_0_to_100_percent(*this); }   \
    TEST(group, stop_is_safe_at_any_time) { ::kiosk::contract::speaker::stop_is_safe_at_any_time(*this); }
