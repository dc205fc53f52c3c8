// SPDX-License-Identifier: MIT
// SdlSpeaker on SDL's real audio core with its `dummy` driver (plays into nothing at
// real-time pace) and its `disk` driver (writes what the device would play to a file, which
// the tests then read back).
#include <audio/sdl_speaker.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::SdlSpeaker;
using kiosk::hal::AudioClip;

namespace {

/// @p milliseconds of a square wave of @p amplitude at @p rate_hz (never a zero sample).
AudioClip square(int rate_hz, int milliseconds, std::int16_t amplitude = 2000)
{
    AudioClip clip;
    clip.sample_rate_hz = rate_hz;
    auto const count = static_cast<std::size_t>(rate_hz) * static_cast<std::size_t>(milliseconds) / 1000;
    clip.samples.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        clip.samples[i] = (i / 25) % 2 == 0 ? amplitude : static_cast<std::int16_t>(-amplitude);
    return clip;
}

/// Waits (bounded by 10 s, in real time: SDL's audio thread runs on its own) for the clip to
/// have been handed to SDL. @return whether it was.
bool wait_until_played(SdlSpeaker const& speaker)
{
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (speaker.playing()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

std::vector<std::int16_t> read_samples(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
    std::vector<std::int16_t> samples(bytes.size() / sizeof(std::int16_t));
    std::memcpy(samples.data(), bytes.data(), samples.size() * sizeof(std::int16_t));
    return samples;
}

std::size_t sounding(std::vector<std::int16_t> const& samples)
{
    return static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(), [](auto s) { return s != 0; }));
}

int peak(std::vector<std::int16_t> const& samples)
{
    int top = 0;
    for (auto s : samples)
        top = std::max(top, std::abs(static_cast<int>(s)));
    return top;
}

} // namespace

TEST_GROUP(SdlSpeaker)
{
    kiosk::test::TempDir m_dir;
    std::filesystem::path m_file = m_dir.path() / "out.raw";

    std::unique_ptr<SdlSpeaker> open_dummy()
    {
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        return KIOSK_MUST(SdlSpeaker::open(""));
    }
    std::unique_ptr<SdlSpeaker> open_disk() const
    {
        setenv("SDL_AUDIODRIVER", "disk", 1);
        setenv("SDL_DISKAUDIOFILE", m_file.c_str(), 1);
        return KIOSK_MUST(SdlSpeaker::open("default"));
    }
    /// Plays @p clip on the disk driver at @p volume and returns what the device wrote.
    std::vector<std::int16_t> through_disk(AudioClip const& clip, int volume) const
    {
        {
            auto speaker = open_disk();
            KIOSK_CHECK_OK(speaker->set_volume(volume));
            KIOSK_CHECK_OK(speaker->play(clip));
            CHECK(wait_until_played(*speaker));
            // Closing the device lets SDL write its last buffer and close the file.
        }
        return read_samples(m_file);
    }
};

TEST(SdlSpeaker, self_test_names_the_driver_and_plays_nothing)
{
    auto speaker = open_dummy();
    auto summary = speaker->self_test();
    KIOSK_CHECK_OK(summary);
    STRCMP_EQUAL("SDL audio, driver dummy, default device, 22050 Hz, volume 70%", summary->c_str());
    CHECK_FALSE(speaker->playing());
}

TEST(SdlSpeaker, dummy_driver_consumes_the_clip_then_falls_quiet)
{
    auto speaker = open_dummy();
    KIOSK_CHECK_OK(speaker->play(square(22050, 300)));
    CHECK(wait_until_played(*speaker));
    UNSIGNED_LONGS_EQUAL(0, speaker->samples_left());
}

TEST(SdlSpeaker, stop_drops_the_rest_of_the_clip_at_once)
{
    auto speaker = open_dummy();
    KIOSK_CHECK_OK(speaker->play(square(22050, 30000)));
    CHECK(speaker->samples_left() > std::size_t { 22050 } * 20);
    speaker->stop();
    UNSIGNED_LONGS_EQUAL(0, speaker->samples_left());
    CHECK_FALSE(speaker->playing());
}

TEST(SdlSpeaker, a_new_clip_replaces_the_playing_one)
{
    auto speaker = open_dummy();
    KIOSK_CHECK_OK(speaker->play(square(22050, 30000)));
    KIOSK_CHECK_OK(speaker->play(square(22050, 1000)));
    CHECK(speaker->samples_left() <= 22050U);
}

TEST(SdlSpeaker, disk_driver_receives_every_sample_at_full_volume)
{
    auto const clip = square(22050, 300);
    auto const written = through_disk(clip, 100);
    UNSIGNED_LONGS_EQUAL(clip.samples.size(), sounding(written));
    LONGS_EQUAL(2000, peak(written));
    // The clip appears whole and in order.
    auto const first = std::find_if(written.begin(), written.end(), [](auto s) { return s != 0; });
    CHECK(std::equal(clip.samples.begin(), clip.samples.end(), first));
}

TEST(SdlSpeaker, volume_scales_the_samples)
{
    auto const half = through_disk(square(22050, 200), 50);
    UNSIGNED_LONGS_EQUAL(4410, sounding(half));
    LONGS_EQUAL(1000, peak(half));
    auto const muted = through_disk(square(22050, 200), 0);
    CHECK(!muted.empty());
    UNSIGNED_LONGS_EQUAL(0, sounding(muted));
}

TEST(SdlSpeaker, other_rates_are_converted_to_the_device_rate)
{
    // 500 ms at 8 kHz is 11025 samples at 22050 Hz (give or take the resampler's edges).
    auto const written = through_disk(square(8000, 500), 100);
    auto const count = static_cast<double>(sounding(written));
    CHECK_TEXT(count > 11025 * 0.97 && count < 11025 * 1.03, std::to_string(count).c_str());
    CHECK(peak(written) > 1500);
}

TEST(SdlSpeaker, refused_rate_leaves_the_clip_playing)
{
    auto speaker = open_dummy();
    KIOSK_CHECK_OK(speaker->play(square(22050, 30000)));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, speaker->play(square(96000, 100)));
    CHECK(speaker->samples_left() > std::size_t { 22050 } * 20);
}

TEST(SdlSpeaker, unknown_device_is_not_found)
{
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    KIOSK_CHECK_ERRC(Errc::not_found, SdlSpeaker::open("no such speaker"));
    // The failed open gave SDL's audio back: a good one still opens.
    auto speaker = open_dummy();
    KIOSK_CHECK_OK(speaker->self_test());
}

TEST(SdlSpeaker, no_working_audio_driver_is_not_found)
{
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    KIOSK_CHECK_ERRC(Errc::not_found, SdlSpeaker::open(""));
}
